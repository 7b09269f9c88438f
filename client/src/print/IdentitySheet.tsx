import { formatDate, type OutputLabels } from '@shared/flowchart/labels';
import type { Identity } from '@shared/model/types';
import { Kop, type OfficialView, QrCode } from './Official';

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

/**
 * Identity page (sop-format §1): the agency's letterhead when set; the logo (an empty
 * cell without one) and names; six fields, with the verification QR code beside the
 * approver of an approved version; three rows of paired boxes. Cells grow with their
 * text and the sheet flows onto more paper when it must.
 */
export function IdentitySheet({
  identity,
  labels,
  official,
}: {
  identity: Identity;
  labels: OutputLabels;
  official: OfficialView;
}) {
  const logoUrl = official.letterhead?.logoUrl ?? null;
  const v = official.verification;
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
      <Kop letterhead={official.letterhead} />
      <table className="identity-table">
        <colgroup>
          <col style={{ width: '46%' }} />
          <col style={{ width: '17%' }} />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <td rowSpan={6} className="identity-brand">
              {logoUrl ? <img className="logo" src={logoUrl} alt={L.logo} /> : null}
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
              <div className="approver">
                <div>
                  <strong>{ab.title || '…'}</strong>
                  <div className="signature-space" />
                  <strong>{ab.name || '…'}</strong>
                  <div>
                    {L.nip}. {ab.nip || '…'}
                  </div>
                </div>
                {v ? (
                  <figure className="verification">
                    <QrCode text={v.url} label={`${L.verificationCode}: ${v.code}`} />
                    <figcaption>
                      {L.verificationCode}:<br />
                      <strong>{v.code}</strong>
                    </figcaption>
                  </figure>
                ) : null}
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
