import type { SopSnapshot } from '@shared/model/types';
import { Printer } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { getVersion, type VersionDetail, VersionsApiError } from '../review/versionsApi';
import { ChangeList } from './ChangeList';
import { summaryText } from './changeText';
import { formatWhen, useCompareT } from './compareI18n';
import { buildCompareModel } from './compareModel';
import { DiffTable } from './DiffTable';
import './compare.css';
import './changesPrint.css';

type Load =
  | { state: 'loading' }
  | { state: 'error'; reason: 'notFound' | 'failed' | 'badLink' }
  | { state: 'ok'; from: VersionDetail; to: VersionDetail | null; current: SopSnapshot };

async function currentSnapshot(id: string): Promise<SopSnapshot> {
  const res = await fetch(`/api/sops/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) throw new VersionsApiError(res.status, 'http_error', res.statusText);
  return (await res.json()) as SopSnapshot;
}

/**
 * The printable *daftar perubahan* at `/sop/:id/changes?from=<version>&to=<version|current>`:
 * what changed between two versions (or a version and now), one numbered entry per
 * change with its words struck or underlined, then the procedure with its marks — the
 * list an approval of a revision can carry. A4, black-and-white safe.
 */
export default function ChangeListPrint({ id }: { id: string }) {
  const { t, i18n } = useCompareT();
  const params = new URLSearchParams(window.location.search);
  const fromId = params.get('from') ?? '';
  const toId = params.get('to') ?? 'current';
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [withProcedure, setWithProcedure] = useState(true);

  useEffect(() => {
    if (!fromId || fromId === 'current') {
      setLoad({ state: 'error', reason: 'badLink' });
      return;
    }
    let live = true;
    setLoad({ state: 'loading' });
    Promise.all([
      getVersion(id, fromId),
      toId === 'current' ? Promise.resolve(null) : getVersion(id, toId),
      currentSnapshot(id),
    ]).then(
      ([from, to, current]) => live && setLoad({ state: 'ok', from, to, current }),
      (e: unknown) =>
        live &&
        setLoad({
          state: 'error',
          reason: e instanceof VersionsApiError && e.status === 404 ? 'notFound' : 'failed',
        }),
    );
    return () => {
      live = false;
    };
  }, [id, fromId, toId]);

  const model = useMemo(
    () =>
      load.state === 'ok'
        ? buildCompareModel(load.from.snapshot, load.to?.snapshot ?? load.current)
        : null,
    [load],
  );
  const sop = load.state === 'ok' ? (load.to?.snapshot ?? load.current) : null;
  useEffect(() => {
    if (sop) document.title = `${t('print.title')} — ${sop.identity.name}`;
  }, [sop, t]);

  if (load.state === 'loading') return <p className="print-status">{t('print.loading')}</p>;
  if (load.state === 'error') return <p className="print-status">{t(`print.${load.reason}`)}</p>;
  if (!model || !sop) return null;
  const when = (iso: string) => formatWhen(iso, i18n.language);
  const side = (v: VersionDetail) =>
    v.createdBy
      ? t('print.versionBy', { label: v.label, date: when(v.createdAt), name: v.createdBy })
      : t('print.versionAt', { label: v.label, date: when(v.createdAt) });
  return (
    <div className="changes-print" data-testid="changes-print">
      <div className="changes-toolbar no-print">
        <a href={`/sop/${encodeURIComponent(id)}`}>{t('print.back')}</a>
        <label className="changes-option">
          <input
            type="checkbox"
            checked={withProcedure}
            onChange={(e) => setWithProcedure(e.target.checked)}
          />
          {t('print.fullProcedure')}
        </label>
        <button type="button" className="btn btn-primary btn-sm" onClick={() => window.print()}>
          <Printer aria-hidden />
          {t('print.print')}
        </button>
      </div>
      <article className="changes-sheet">
        <header className="changes-head">
          <h1>{t('print.title')}</h1>
          <table className="changes-meta">
            <tbody>
              <tr>
                <th scope="row">{t('print.sop')}</th>
                <td>{sop.identity.name}</td>
              </tr>
              <tr>
                <th scope="row">{t('print.number')}</th>
                <td>{sop.identity.number || '—'}</td>
              </tr>
              <tr>
                <th scope="row">{t('print.from')}</th>
                <td>{side(load.from)}</td>
              </tr>
              <tr>
                <th scope="row">{t('print.to')}</th>
                <td>{load.to ? side(load.to) : t('print.current')}</td>
              </tr>
              <tr>
                <th scope="row">{t('print.summary')}</th>
                <td data-testid="changes-summary">{summaryText(t, model.summary)}</td>
              </tr>
            </tbody>
          </table>
          <p className="changes-legend">
            <del className="wd-del">{t('print.legendDel')}</del> ·{' '}
            <ins className="wd-ins">{t('print.legendIns')}</ins> ·{' '}
            {t('print.printedAt', { date: when(new Date().toISOString()) })}
          </p>
        </header>
        <ChangeList model={model} />
        {withProcedure && model.items.some((i) => i.kind === 'step') && (
          <section className="changes-procedure">
            <h2>{t('print.procedure')}</h2>
            <DiffTable model={model} />
          </section>
        )}
      </article>
    </div>
  );
}
