import type { OutputLabels } from '@shared/flowchart/labels';
import { CRITERIA, type EvaluationRecord, type MonitoringRecord } from '@shared/lifecycle/types';
import type { SopSnapshot } from '@shared/model/types';

/** A filled form's date as printed (DD-MM-YYYY), from an ISO timestamp or date. */
function printedDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

function Heading({
  title,
  snapshot,
  labels,
  date,
}: {
  title: string;
  snapshot: SopSnapshot;
  labels: OutputLabels;
  /** A filled form's date; blank dots when the form is printed to fill by hand. */
  date?: string | undefined;
}) {
  const F = labels.forms;
  const id = snapshot.identity;
  return (
    <>
      <h2 className="form-title">{title}</h2>
      <dl className="form-meta">
        <dt>{F.sopName}</dt>
        <dd>{id.name || '-'}</dd>
        <dt>{F.sopNumber}</dt>
        <dd>{id.number || '-'}</dd>
        <dt>{F.unit}</dt>
        <dd>{[id.unit, id.agency].filter(Boolean).join(', ') || '-'}</dd>
        <dt>{F.date}</dt>
        <dd>{date ?? '.................................'}</dd>
      </dl>
    </>
  );
}

/**
 * Monitoring form (sop-format §3): one row per step, prefilled with the SOP's name and
 * number; with `record` (issue 17) filled with a monitoring record's entries.
 */
export function MonitoringSheet({
  snapshot,
  labels,
  record,
}: {
  snapshot: SopSnapshot;
  labels: OutputLabels;
  record?: MonitoringRecord | undefined;
}) {
  const F = labels.forms;
  const rows = record
    ? record.steps.map((s) => ({ id: s.stepId, activity: s.activity }))
    : snapshot.steps.map((s) => ({ id: s.id, activity: s.activity }));
  const mark = (id: string, a: 'good' | 'poor') =>
    record ? (record.entries[id]?.assessment === a ? '☑' : '☐') : '☐';
  return (
    <section className="print-sheet sheet-portrait form-sheet">
      <Heading
        title={F.monitoringTitle}
        snapshot={snapshot}
        labels={labels}
        date={record ? printedDate(record.closedAt ?? record.createdAt) : undefined}
      />
      <table className="form-table">
        <thead>
          <tr>
            <th rowSpan={2}>{labels.no}</th>
            <th rowSpan={2}>{F.procedure}</th>
            <th colSpan={2}>{F.assessment}</th>
            <th rowSpan={2}>{F.resultNotes}</th>
            <th rowSpan={2}>{F.actions}</th>
            <th rowSpan={2}>{F.initials}</th>
          </tr>
          <tr>
            <th>{F.runsWell}</th>
            <th>{F.runsBadly}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s, i) => (
            <tr key={s.id}>
              <td className="num">{i + 1}.</td>
              <td>{s.activity || '-'}</td>
              <td className="check">{mark(s.id, 'good')}</td>
              <td className="check">{mark(s.id, 'poor')}</td>
              <td>{record?.entries[s.id]?.note ?? ''}</td>
              <td>{record?.entries[s.id]?.action ?? ''}</td>
              <td>{record?.entries[s.id]?.checkedBy?.name ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Evaluation form (sop-format §3): seven Ya/Tidak criteria, notes, suggestions, signature;
 * with `evaluation` (issue 17) filled with its answers, notes and recommendation.
 */
export function EvaluationSheet({
  snapshot,
  labels,
  evaluation,
  recommendation,
}: {
  snapshot: SopSnapshot;
  labels: OutputLabels;
  evaluation?: EvaluationRecord | undefined;
  /** The recommendation's printed words (filled form only). */
  recommendation?: string | undefined;
}) {
  const F = labels.forms;
  const answer = (i: number) => {
    const key = CRITERIA[i];
    return evaluation && key ? evaluation.criteria[key] : undefined;
  };
  return (
    <section className="print-sheet sheet-portrait form-sheet">
      <Heading
        title={F.evaluationTitle}
        snapshot={snapshot}
        labels={labels}
        date={evaluation ? printedDate(evaluation.createdAt) : undefined}
      />
      <table className="form-table">
        <thead>
          <tr>
            <th>{labels.no}</th>
            <th>{F.criterion}</th>
            <th>{F.yes}</th>
            <th>{F.no}</th>
            <th>{F.notes}</th>
          </tr>
        </thead>
        <tbody>
          {F.criteria.map((c, i) => (
            <tr key={c}>
              <td className="num">{i + 1}.</td>
              <td>{c}</td>
              <td className="check">{answer(i)?.met === true ? '☑' : '☐'}</td>
              <td className="check">{answer(i)?.met === false ? '☑' : '☐'}</td>
              <td>{answer(i)?.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(
        [
          [F.notes, evaluation?.notes],
          [F.suggestions, evaluation?.suggestions],
        ] as const
      ).map(([l, value]) => (
        <div key={l} className="form-box">
          <h3>{l}:</h3>
          {evaluation ? (
            <p className="form-box-text">
              {value}
              {l === F.suggestions && recommendation ? ` (${recommendation})` : ''}
            </p>
          ) : (
            <div className="form-box-space" />
          )}
        </div>
      ))}
      <div className="form-signature">
        <p>{F.evaluator},</p>
        <div className="signature-space" />
        <p>
          ({evaluation ? evaluation.createdBy.name : '.........................................'})
        </p>
        <p>{labels.identity.nip}. ...............................</p>
      </div>
    </section>
  );
}
