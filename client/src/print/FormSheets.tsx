import type { OutputLabels } from '@shared/flowchart/labels';
import type { SopSnapshot } from '@shared/model/types';

function Heading({
  title,
  snapshot,
  labels,
}: {
  title: string;
  snapshot: SopSnapshot;
  labels: OutputLabels;
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
        <dd>.................................</dd>
      </dl>
    </>
  );
}

/** Monitoring form (sop-format §3): one row per step, prefilled with the SOP's name and number. */
export function MonitoringSheet({
  snapshot,
  labels,
}: {
  snapshot: SopSnapshot;
  labels: OutputLabels;
}) {
  const F = labels.forms;
  return (
    <section className="print-sheet sheet-portrait form-sheet">
      <Heading title={F.monitoringTitle} snapshot={snapshot} labels={labels} />
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
          {snapshot.steps.map((s, i) => (
            <tr key={s.id}>
              <td className="num">{i + 1}.</td>
              <td>{s.activity || '-'}</td>
              <td className="check">☐</td>
              <td className="check">☐</td>
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Evaluation form (sop-format §3): seven Ya/Tidak criteria, notes, suggestions, signature. */
export function EvaluationSheet({
  snapshot,
  labels,
}: {
  snapshot: SopSnapshot;
  labels: OutputLabels;
}) {
  const F = labels.forms;
  return (
    <section className="print-sheet sheet-portrait form-sheet">
      <Heading title={F.evaluationTitle} snapshot={snapshot} labels={labels} />
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
              <td className="check">☐</td>
              <td className="check">☐</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {[F.notes, F.suggestions].map((l) => (
        <div key={l} className="form-box">
          <h3>{l}:</h3>
          <div className="form-box-space" />
        </div>
      ))}
      <div className="form-signature">
        <p>{F.evaluator},</p>
        <div className="signature-space" />
        <p>(.........................................)</p>
        <p>{labels.identity.nip}. ...............................</p>
      </div>
    </section>
  );
}
