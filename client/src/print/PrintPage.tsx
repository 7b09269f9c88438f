import { pageOps } from '@shared/flowchart/drawOps';
import { documentLabels } from '@shared/flowchart/labels';
import { layoutProcedure } from '@shared/flowchart/layout';
import { formatProblem, validate } from '@shared/model/index';
import type { SopSnapshot } from '@shared/model/types';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SvgPage } from '../flowchart/SvgPage';
import { useFilledForm } from '../lifecycle/useFilledForm';
import { EvaluationSheet, MonitoringSheet } from './FormSheets';
import { IdentitySheet } from './IdentitySheet';
import { useOfficial } from './Official';
import './print.css';

type Load =
  | { state: 'loading' }
  | { state: 'error'; notFound: boolean }
  | { state: 'ok'; snapshot: SopSnapshot };

/**
 * Print view at /sop/:id/print: identity page (with the agency's letterhead, logo and,
 * for an approved version, its verification QR code), procedure pages (the same
 * paginated geometry as the PDF), and optionally the monitoring and evaluation forms,
 * each on its own A4 sheet. Validation problems are listed (screen only) but never
 * block printing.
 *
 * The document speaks its template's language (`documentLabels`: the official SOP AP
 * labels, English only for the international template), not the interface's: the
 * toolbar and warnings follow the interface language, the sheets do not.
 */
export default function PrintPage(props: { id: string }) {
  const { t, i18n } = useTranslation('output');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [parts, setParts] = useState({ identity: true, procedure: true, forms: false });
  const official = useOfficial(props.id);
  // A filled monitoring or evaluation form (issue 17) prints alone.
  const filled = useFilledForm(props.id);
  const { t: tl } = useTranslation('lifecycle');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ state: 'loading' });
    fetch(`/api/sops/${encodeURIComponent(props.id)}`, { signal: ctrl.signal })
      .then(async (r) => {
        if (!r.ok) {
          setLoad({ state: 'error', notFound: r.status === 404 });
          return;
        }
        setLoad({ state: 'ok', snapshot: (await r.json()) as SopSnapshot });
      })
      .catch(() => {
        if (!ctrl.signal.aborted) setLoad({ state: 'error', notFound: false });
      });
    return () => ctrl.abort();
  }, [props.id]);

  const snapshot = load.state === 'ok' ? load.snapshot : null;
  const labels = documentLabels(snapshot?.meta.template ?? 'sop-ap');
  const layout = useMemo(
    () => (snapshot ? layoutProcedure(snapshot, { labels }) : null),
    [snapshot, labels],
  );
  const problems = useMemo(() => (snapshot ? validate(snapshot) : []), [snapshot]);

  useEffect(() => {
    if (snapshot?.identity.name) document.title = snapshot.identity.name;
  }, [snapshot]);

  if (filled.kind === 'error') return <p className="print-status">{t('print.notFound')}</p>;
  if (load.state === 'loading' || filled.kind === 'loading')
    return <p className="print-status">{t('print.loading')}</p>;
  if (load.state === 'error')
    return <p className="print-status">{t(load.notFound ? 'print.notFound' : 'print.error')}</p>;
  if (!snapshot || !layout) return null;
  const locale = i18n.language.startsWith('en') ? 'en' : 'id';
  const base = `/api/sops/${encodeURIComponent(props.id)}`;

  return (
    <div className="print-root">
      <div className="print-toolbar no-print">
        <a href={`/sop/${encodeURIComponent(props.id)}`}>{t('print.back')}</a>
        <fieldset>
          <legend>{t('print.parts')}</legend>
          {(['identity', 'procedure', 'forms'] as const).map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={parts[k]}
                onChange={(e) => setParts((p) => ({ ...p, [k]: e.target.checked }))}
              />
              {t(`print.${k}`)}
            </label>
          ))}
        </fieldset>
        <a href={`${base}/export.pdf?download=1${parts.forms ? '&forms=1' : ''}`}>
          {t('print.downloadPdf')}
        </a>
        <a href={`${base}/export.docx?download=1`}>{t('print.downloadDocx')}</a>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('print.print')}
        </button>
      </div>
      {problems.length > 0 ? (
        <details className="print-warnings no-print" role="status">
          <summary>{t('print.warningsTitle', { count: problems.length })}</summary>
          <ul>
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no ids and never reorder while shown.
              <li key={i} className={`severity-${p.severity}`}>
                {formatProblem(p, locale)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {filled.kind === 'monitoring' && (
        <MonitoringSheet snapshot={snapshot} labels={labels} record={filled.record} />
      )}
      {filled.kind === 'evaluation' && (
        <EvaluationSheet
          snapshot={snapshot}
          labels={labels}
          evaluation={filled.record}
          recommendation={tl(`evaluation.${filled.record.recommendation}`, {
            lng: labels === documentLabels('international') ? 'en' : 'id',
          })}
        />
      )}
      {filled.kind === 'none' && parts.identity && (
        <IdentitySheet identity={snapshot.identity} labels={labels} official={official} />
      )}
      {filled.kind === 'none' &&
        parts.procedure &&
        layout.pages.map((page) => (
          <section key={page.index} className="print-sheet sheet-landscape procedure-sheet">
            <SvgPage
              ops={pageOps(layout, page, labels)}
              width={layout.pageWidth}
              height={layout.pageHeight}
              label={t('print.procedurePage', { n: page.index + 1 })}
            />
          </section>
        ))}
      {filled.kind === 'none' && parts.forms && (
        <>
          <MonitoringSheet snapshot={snapshot} labels={labels} />
          <EvaluationSheet snapshot={snapshot} labels={labels} />
        </>
      )}
    </div>
  );
}
