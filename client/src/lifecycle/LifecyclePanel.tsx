import type { EvaluationRecord, MonitoringRecord } from '@shared/lifecycle/types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../editor/model/hooks';
import { formatLongDate } from '../lib/dates';
import { EvaluationDialog } from './EvaluationDialog';
import { LinkGraph } from './LinkGraph';
import {
  acknowledge,
  getAcks,
  getSchedule,
  getSopGraph,
  listEvaluations,
  listMonitoring,
  openMonitoring,
} from './lifecycleApi';
import { MonitoringDialog } from './MonitoringDialog';
import { errorText, useLoad } from './useAsync';
import './lifecycle.css';

/**
 * The SOP's life after approval, under its identity (issue 17): due dates, "sudah
 * dibaca", monitoring records (start, fill together, print), evaluations (with the
 * revision they started) and the graph of its links. Reloaded when the status changes.
 */
export function LifecyclePanel({ sopId }: { sopId: string }) {
  const { t, i18n } = useTranslation('lifecycle');
  const status = useMeta().status;
  const key = `${sopId}|${status}`;
  const schedule = useLoad(() => getSchedule(sopId), key);
  const acks = useLoad(() => getAcks(sopId), key);
  const monitoring = useLoad(() => listMonitoring(sopId), key);
  const evaluations = useLoad(() => listEvaluations(sopId), key);
  const [graphOpen, setGraphOpen] = useState(false);
  const graph = useLoad(
    () => (graphOpen ? getSopGraph(sopId) : Promise.resolve(null)),
    `${key}|${graphOpen}`,
  );
  const [filling, setFilling] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language.startsWith('en') ? 'en' : 'id';
  const date = (d: string | null | undefined) =>
    d ? formatLongDate(d.slice(0, 10), lang) : t('panel.none');
  const s = schedule.data;
  const lastEval: EvaluationRecord | undefined = evaluations.data?.[evaluations.data.length - 1];

  async function start() {
    setError(null);
    try {
      const rec = await openMonitoring(sopId);
      monitoring.reload();
      setFilling(rec.id);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="lc-panel" aria-labelledby="lc-title" data-testid="lifecycle-panel">
      <h2 id="lc-title" className="section-title">
        {t('panel.title')}
      </h2>
      {status === 'draft' && lastEval?.revisionStartedAt && (
        <p className="form-message form-message-info" data-testid="revision-from-evaluation">
          {t('evaluation.revisionFrom', {
            date: date(lastEval.createdAt),
            notes: lastEval.notes || t(`evaluation.${lastEval.recommendation}`),
          })}
        </p>
      )}
      {error && (
        <p className="form-message form-message-error" role="alert">
          {error}
        </p>
      )}
      <div className="lc-grid">
        <div className="lc-box">
          <h3>{t('panel.schedule')}</h3>
          {s && s.status === 'approved' ? (
            <dl className="lc-dates" data-testid="lc-schedule">
              <dt>{t('panel.effective')}</dt>
              <dd>{date(s.effectiveDate)}</dd>
              <dt>{t('panel.monitoringDue')}</dt>
              <dd>{date(s.monitoringDue)}</dd>
              <dt>{t('panel.evaluationDue')}</dt>
              <dd>{date(s.evaluationDue)}</dd>
              <dt>{t('panel.reviewDue')}</dt>
              <dd>{date(s.reviewDue)}</dd>
            </dl>
          ) : (
            <p className="lc-muted">{t('panel.notApproved')}</p>
          )}
        </div>
        <div className="lc-box" data-testid="lc-ack">
          <h3>{t('ack.title')}</h3>
          {!acks.data?.versionKey ? (
            <p className="lc-muted">{t('ack.notEffective')}</p>
          ) : acks.data.acknowledgedAt ? (
            <p>{t('ack.done', { date: date(acks.data.acknowledgedAt) })}</p>
          ) : acks.data.mustAcknowledge ? (
            <div className="lc-actions">
              <span>{t('ack.ask')}</span>
              <button
                type="button"
                className="btn btn-primary btn-sm"
                onClick={async () => {
                  try {
                    await acknowledge(sopId);
                    acks.reload();
                  } catch (e) {
                    setError(errorText(e));
                  }
                }}
              >
                {t('ack.confirm')}
              </button>
            </div>
          ) : null}
          {acks.data?.versionKey && acks.data.readers && (
            <>
              <p className="lc-muted">
                {t('ack.readers', {
                  done: acks.data.readers.filter((r) => r.at).length,
                  total: acks.data.readers.length,
                })}
              </p>
              <ul className="lc-list">
                {acks.data.readers.map((r) => (
                  <li key={r.userId}>
                    {r.name}:{' '}
                    <span className={r.at ? 'pill pill-success' : 'pill pill-warning'}>
                      {r.at ? `${t('ack.has')} ${date(r.at)}` : t('ack.hasNot')}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="lc-box">
          <h3>{t('monitoring.title')}</h3>
          <MonitoringList
            records={monitoring.data ?? []}
            date={date}
            onOpen={setFilling}
            sopId={sopId}
          />
          {status === 'approved' &&
            s?.unitMember &&
            !monitoring.data?.some((r) => r.status === 'open') && (
              <button type="button" className="btn btn-sm" onClick={start}>
                {t('monitoring.start')}
              </button>
            )}
        </div>
        <div className="lc-box">
          <h3>{t('evaluation.title')}</h3>
          {evaluations.data?.length ? (
            <ul className="lc-list" data-testid="lc-evaluations">
              {evaluations.data.map((e) => (
                <li key={e.id}>
                  {date(e.createdAt)} · {t('evaluation.score', { score: e.score })} ·{' '}
                  <strong>{t(`evaluation.${e.recommendation}`)}</strong>
                  {e.revisionStartedAt && (
                    <span className="lc-muted">
                      {t('evaluation.revisionStarted', { date: date(e.revisionStartedAt) })}
                    </span>
                  )}
                  <a
                    href={`/sop/${encodeURIComponent(sopId)}/print?evaluation=${encodeURIComponent(e.id)}`}
                  >
                    {t('monitoring.print')}
                  </a>
                  <a
                    href={`/api/sops/${encodeURIComponent(sopId)}/evaluations/${encodeURIComponent(e.id)}/form.pdf`}
                  >
                    PDF
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="lc-muted">{t('evaluation.empty')}</p>
          )}
          {status === 'approved' && s?.unitMember && (
            <button type="button" className="btn btn-sm" onClick={() => setEvaluating(true)}>
              {t('evaluation.start')}
            </button>
          )}
        </div>
      </div>
      <details onToggle={(e) => setGraphOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('links.graph')}</summary>
        {graph.data && <LinkGraph data={graph.data} label={t('links.graphLabel')} />}
      </details>
      {filling && (
        <MonitoringDialog
          sopId={sopId}
          recordId={filling}
          onClose={() => {
            setFilling(null);
            monitoring.reload();
            schedule.reload();
          }}
        />
      )}
      {evaluating && (
        <EvaluationDialog
          sopId={sopId}
          canRevoke={!!s?.canRevoke}
          onClose={() => setEvaluating(false)}
          onSaved={() => {
            evaluations.reload();
            schedule.reload();
          }}
        />
      )}
    </section>
  );
}

function MonitoringList({
  records,
  date,
  onOpen,
  sopId,
}: {
  records: MonitoringRecord[];
  date: (d: string | null) => string;
  onOpen: (id: string) => void;
  sopId: string;
}) {
  const { t } = useTranslation('lifecycle');
  if (records.length === 0) return <p className="lc-muted">{t('monitoring.empty')}</p>;
  return (
    <ul className="lc-list" data-testid="lc-monitoring">
      {records.map((r) => (
        <li key={r.id}>
          {date(r.createdAt)}{' '}
          <span className={r.status === 'open' ? 'pill pill-warning' : 'pill pill-success'}>
            {t(`monitoring.${r.status}`)}
          </span>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => onOpen(r.id)}>
            {t(r.status === 'open' ? 'monitoring.fill' : 'monitoring.view')}
          </button>
          <a
            href={`/sop/${encodeURIComponent(sopId)}/print?monitoring=${encodeURIComponent(r.id)}`}
          >
            {t('monitoring.print')}
          </a>
          <a
            href={`/api/sops/${encodeURIComponent(sopId)}/monitoring/${encodeURIComponent(r.id)}/form.pdf`}
          >
            PDF
          </a>
        </li>
      ))}
    </ul>
  );
}
