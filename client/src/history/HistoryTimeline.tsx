import {
  Archive,
  BadgeCheck,
  Circle,
  FileText,
  type LucideIcon,
  QrCode,
  UserCog,
  Users,
} from 'lucide-react';
import { useEffect, useState } from 'react';
import { type ActionKind, actionKind, describeEntry } from '../admin/auditText';
import { isAbort } from '../admin/http';
import { errorText, localeOf, useAdminT } from '../admin/i18n';
import type { AuditItem } from '../admin/types';
import { getHistory } from './historyApi';

const ICONS: Record<ActionKind, LucideIcon> = {
  approval: BadgeCheck,
  access: Users,
  link: QrCode,
  content: FileText,
  lifecycle: Archive,
  account: UserCog,
  other: Circle,
};

/** Entries grouped by local calendar day, keeping the newest-first order. */
function byDay(items: AuditItem[], lang: string): Array<{ day: string; items: AuditItem[] }> {
  const fmt = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'full' });
  const out: Array<{ day: string; items: AuditItem[] }> = [];
  for (const it of items) {
    const day = fmt.format(new Date(it.at));
    const last = out.at(-1);
    if (last?.day === day) last.items.push(it);
    else out.push({ day, items: [it] });
  }
  return out;
}

/** The SOP's history as a readable timeline: who did what, when. */
export function HistoryTimeline({ sopId }: { sopId: string }) {
  const { t, i18n } = useAdminT();
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [next, setNext] = useState<string | number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [more, setMore] = useState(false);
  const time = new Intl.DateTimeFormat(localeOf(i18n.language), { timeStyle: 'short' });

  useEffect(() => {
    const ac = new AbortController();
    getHistory(sopId, null, ac.signal).then(
      (p) => {
        setItems(p.items);
        setNext(p.nextBefore);
      },
      (e: unknown) => !isAbort(e) && !ac.signal.aborted && setError(e),
    );
    return () => ac.abort();
  }, [sopId]);

  async function loadMore() {
    if (!next) return;
    setMore(true);
    try {
      const p = await getHistory(sopId, next);
      setItems((cur) => [...(cur ?? []), ...p.items]);
      setNext(p.nextBefore);
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  }

  if (error !== null)
    return (
      <p role="alert" className="form-error history-body">
        {errorText(t, error)}
      </p>
    );
  if (items === null) return <p className="empty-state">{t('common.loading')}</p>;
  if (items.length === 0) return <p className="empty-state">{t('history.empty')}</p>;
  return (
    <div className="history-body">
      {byDay(items, i18n.language).map((g) => (
        <section key={g.day} className="history-day">
          <h3 className="history-day-title">{g.day}</h3>
          <ol className="history-list">
            {g.items.map((it) => {
              const kind = actionKind(it.action);
              const Icon = ICONS[kind];
              const { phrase, details: detail } = describeEntry(t, it, i18n.language);
              return (
                <li
                  key={it.id}
                  className={`history-item kind-${kind}`}
                  data-testid="history-item"
                  data-action={it.action}
                >
                  <span className="history-icon" aria-hidden>
                    <Icon />
                  </span>
                  <div className="history-text">
                    <p className="history-line">
                      <strong>{it.actor?.name ?? t('audit.system')}</strong> <span>{phrase}</span>
                    </p>
                    {detail.length > 0 && <p className="history-detail">{detail.join(' · ')}</p>}
                    <p className="history-time">
                      <time dateTime={it.at}>{time.format(new Date(it.at))}</time>
                      {it.ip ? ` · ${it.ip}` : ''}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {next && (
        <button type="button" className="btn history-more" onClick={loadMore} disabled={more}>
          {more ? t('common.loading') : t('history.more')}
        </button>
      )}
    </div>
  );
}
