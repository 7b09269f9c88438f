import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { type AuditFilterForm, AuditFilters, EMPTY_FILTER } from './AuditFilters';
import { listAudit } from './adminApi';
import { AUDIT_ACTIONS, actionLabel, describeEntry, targetText } from './auditText';
import { api, isAbort } from './http';
import { errorText, formatWhen, useAdminT } from './i18n';
import type { AdminUser, AuditFilter, AuditItem, Unit } from './types';
import { useLoad } from './useLoad';
import './audit.css';

const PAGE = 50;

type SopRow = { id: string; name: string };

/** Local calendar dates → the ISO instants the API filters on (`to` is inclusive). */
function toQuery(f: AuditFilterForm): AuditFilter {
  const q: AuditFilter = {};
  if (f.action) q.action = f.action;
  if (f.userId) q.userId = f.userId;
  if (f.sopId) q.sopId = f.sopId;
  if (f.from) q.from = new Date(`${f.from}T00:00:00`).toISOString();
  if (f.to) q.to = new Date(`${f.to}T23:59:59.999`).toISOString();
  return q;
}

/** The Log audit tab: who did what, when and from where; filtered, paged with `before`. */
export function AuditTab({ users, units }: { users: AdminUser[]; units: Unit[] }) {
  const { t, i18n } = useAdminT();
  const [filter, setFilter] = useState<AuditFilterForm>(EMPTY_FILTER);
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [next, setNext] = useState<string | number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [more, setMore] = useState(false);
  // Names for SOP links: the live list and the archive (both are readable by administrators).
  const sops = useLoad(
    useCallback(async (signal: AbortSignal) => {
      const [live, archived] = await Promise.all([
        api<SopRow[]>('/api/sops', { signal }),
        api<SopRow[]>('/api/sops?archived=1', { signal }),
      ]);
      const seen = new Set(live.map((s) => s.id));
      return [...live, ...archived.filter((s) => !seen.has(s.id))];
    }, []),
  );
  const sopName = useMemo(() => new Map((sops.data ?? []).map((s) => [s.id, s.name])), [sops.data]);
  const actions = useMemo(
    () =>
      AUDIT_ACTIONS.map((id) => ({ id, label: actionLabel(t, id) })).sort((a, b) =>
        a.label.localeCompare(b.label),
      ),
    [t],
  );
  // Ids in details and targets (users, units) shown by name.
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const u of users) m.set(u.id, u.name);
    for (const u of units) m.set(u.id, u.name);
    return m;
  }, [users, units]);
  const nameOf = useCallback((id: string) => names.get(id), [names]);

  useEffect(() => {
    const ac = new AbortController();
    setItems(null);
    setError(null);
    listAudit(toQuery(filter), null, PAGE, ac.signal).then(
      (p) => {
        setItems(p.items);
        setNext(p.nextBefore);
      },
      (e: unknown) => !isAbort(e) && !ac.signal.aborted && setError(e),
    );
    return () => ac.abort();
  }, [filter]);

  async function loadMore() {
    if (!next) return;
    setMore(true);
    try {
      const p = await listAudit(toQuery(filter), next, PAGE);
      setItems((cur) => [...(cur ?? []), ...p.items]);
      setNext(p.nextBefore);
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  }

  return (
    <section className="card admin-card" data-testid="admin-audit" aria-labelledby="audit-h">
      <div className="admin-toolbar">
        <h2 id="audit-h" className="admin-card-title">
          {t('audit.title')}
        </h2>
      </div>
      <AuditFilters
        value={filter}
        onChange={setFilter}
        users={users}
        sops={sops.data ?? []}
        actions={actions}
      />
      {error !== null && (
        <p role="alert" className="form-error admin-pad">
          {errorText(t, error)}
        </p>
      )}
      {items === null && error === null && <p className="empty-state">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty-state">{t('audit.empty')}</p>}
      {items && items.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table admin-audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.colWhen')}</th>
                <th scope="col">{t('audit.colWho')}</th>
                <th scope="col">{t('audit.colWhat')}</th>
                <th scope="col">{t('audit.colSop')}</th>
                <th scope="col">{t('audit.colDetail')}</th>
                <th scope="col">{t('audit.colIp')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => {
                const { phrase, details } = describeEntry(t, it, i18n.language, nameOf);
                return (
                  <tr key={it.id} data-testid="audit-row" data-action={it.action}>
                    <td className="admin-nowrap num">{formatWhen(it.at, i18n.language)}</td>
                    <td>{it.actor?.name ?? <span className="muted">{t('audit.system')}</span>}</td>
                    <td className="admin-audit-action">{phrase}</td>
                    <td>
                      {it.sopId ? (
                        <Link href={`/sop/${encodeURIComponent(it.sopId)}`}>
                          {sopName.get(it.sopId) || t('audit.untitled')}
                        </Link>
                      ) : (
                        (targetText(it, nameOf) ?? <span className="muted">—</span>)
                      )}
                    </td>
                    <td className="admin-audit-detail">{details.join(' · ')}</td>
                    <td className="admin-nip">{it.ip ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && items && (
        <div className="admin-more">
          <button
            type="button"
            className="btn"
            onClick={loadMore}
            disabled={more}
            data-testid="audit-more"
          >
            {more ? t('common.loading') : t('audit.more')}
          </button>
        </div>
      )}
    </section>
  );
}
