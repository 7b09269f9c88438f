import { formatDate, type OutputLabels } from '@shared/flowchart/labels';
import type { Identity } from '@shared/model/types';

function Items({ items }: { items: string[] }) {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  if (clean.length === 0) return <p>-</p>;
  return (
    <ol>
      {clean.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static print list, items may repeat.
        <li key={i}>{s}</li>
      ))}
    </ol>
  );
}

/** Identity page (sop-format §1): logo slot and names, six fields, three rows of paired boxes. */
export function IdentitySheet({ identity, labels }: { identity: Identity; labels: OutputLabels }) {
  const L = labels.identity;
  const ab = identity.approvedBy;
  const related = identity.relatedSops.map((r) => `${r.text} (${L.relatedTypes[r.type]})`);
  const pairs: Array<[string, string[], string, string[]]> = [
    [L.legalBasis, identity.legalBasis, L.executorQualifications, identity.executorQualifications],
    [L.relatedSops, related, L.equipment, identity.equipment],
    [L.warnings, identity.warnings, L.records, identity.records],
  ];
  return (
    <section className="print-sheet sheet-landscape identity-sheet">
      <table className="identity-table">
        <colgroup>
          <col style={{ width: '46%' }} />
          <col style={{ width: '17%' }} />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <td rowSpan={6} className="identity-brand">
              <div className="logo-slot">{L.logo}</div>
              <p className="agency">{identity.agency || '-'}</p>
              <p className="agency">{identity.unit}</p>
            </td>
            <th scope="row">{L.number}</th>
            <td>{identity.number || '-'}</td>
          </tr>
          <tr>
            <th scope="row">{L.createdDate}</th>
            <td>{formatDate(identity.createdDate, labels) || '-'}</td>
          </tr>
          <tr>
            <th scope="row">{L.revisedDate}</th>
            <td>{formatDate(identity.revisedDate, labels) || '-'}</td>
          </tr>
          <tr>
            <th scope="row">{L.effectiveDate}</th>
            <td>{formatDate(identity.effectiveDate, labels) || '-'}</td>
          </tr>
          <tr className="approver-row">
            <th scope="row">{L.approvedBy}</th>
            <td>
              <strong>{ab.title || '…'}</strong>
              <div className="signature-space" />
              <strong>{ab.name || '…'}</strong>
              <div>
                {L.nip}. {ab.nip || '…'}
              </div>
            </td>
          </tr>
          <tr>
            <th scope="row">{L.name}</th>
            <td className="sop-name">{identity.name || '-'}</td>
          </tr>
        </tbody>
      </table>
      <table className="identity-boxes">
        <tbody>
          {pairs.map(([la, a, lb, b]) => (
            <tr key={la}>
              <td>
                <h3>{la}:</h3>
                <Items items={a} />
              </td>
              <td>
                <h3>{lb}:</h3>
                <Items items={b} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
