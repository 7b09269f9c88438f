import {
  DEFAULT_PATTERN,
  dateParts,
  patternProblem,
  renderNumber,
  unitCodeFrom,
} from '@shared/agency/numberPattern';
import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../components/Field';
import { updateAgency } from './adminApi';
import { errorText, useAdminT } from './i18n';
import type { AgencyProfile, Unit } from './types';

/**
 * SOP numbering: the pattern, its prefix and each unit's code, with the numbers the next
 * SOPs would get. The server assigns them at creation, counting per unit and year.
 */
export function AgencyNumberingCard({
  agency,
  units,
  onChanged,
}: {
  agency: AgencyProfile | null;
  units: readonly Unit[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [pattern, setPattern] = useState('');
  const [prefix, setPrefix] = useState('');
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!agency) return;
    setPattern(agency.numbering.pattern);
    setPrefix(agency.numbering.prefix);
    setCodes(agency.numbering.unitCodes);
  }, [agency]);

  const problem = patternProblem(pattern.trim());
  const badCode = (c: string) => /[\s{}]/.test(c);
  const codeOf = (u: Unit) => codes[u.id]?.trim() || unitCodeFrom(u.name);
  const sample = (unit: string) =>
    renderNumber(pattern.trim(), { prefix: prefix.trim(), unit, ...dateParts(new Date()) }, 1);
  const invalid = problem !== null || badCode(prefix) || Object.values(codes).some(badCode);
  const trimmedCodes = (c: Record<string, string>) =>
    JSON.stringify(
      Object.entries(c)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== '')
        .sort(),
    );
  const changed =
    agency !== null &&
    (pattern.trim() !== agency.numbering.pattern ||
      prefix.trim() !== agency.numbering.prefix ||
      trimmedCodes(codes) !== trimmedCodes(agency.numbering.unitCodes));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    try {
      const unitCodes = Object.fromEntries(
        Object.entries(codes)
          .map(([k, v]) => [k, v.trim()] as const)
          .filter(([, v]) => v !== ''),
      );
      await updateAgency({
        numbering: { pattern: pattern.trim(), prefix: prefix.trim(), unitCodes },
      });
      setMsg({ ok: true, text: t('numbering.saved') });
      onChanged();
    } catch (err) {
      setMsg({ ok: false, text: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card admin-card admin-agency-card" aria-labelledby="agency-numbering-h">
      <form className="dialog-form" onSubmit={save} data-testid="agency-numbering">
        <h2 id="agency-numbering-h" className="admin-card-title">
          {t('numbering.title')}
        </h2>
        <p className="muted">{t('numbering.help')}</p>
        <div className="admin-form-grid admin-numbering-grid">
          <Field
            label={t('numbering.prefix')}
            error={badCode(prefix) ? t('numbering.badCode') : null}
          >
            {(p) => (
              <input
                {...p}
                className="input admin-mono"
                maxLength={20}
                value={prefix}
                disabled={agency === null}
                onChange={(e) => setPrefix(e.target.value)}
                data-testid="numbering-prefix"
              />
            )}
          </Field>
          <Field
            label={t('numbering.pattern')}
            hint={t('numbering.patternHint')}
            error={problem ? t('numbering.badPattern', { problem }) : null}
          >
            {(p) => (
              <input
                {...p}
                className="input admin-mono"
                maxLength={100}
                value={pattern}
                disabled={agency === null}
                placeholder={DEFAULT_PATTERN}
                onChange={(e) => setPattern(e.target.value)}
                data-testid="numbering-pattern"
              />
            )}
          </Field>
        </div>
        {pattern.trim() === '' ? (
          <p className="admin-hint" role="status">
            {t('numbering.off')}
          </p>
        ) : null}
        {units.length > 0 && (
          <div className="admin-table-wrap admin-numbering-units">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('numbering.unit')}</th>
                  <th scope="col">{t('numbering.code')}</th>
                  <th scope="col">{t('numbering.next')}</th>
                </tr>
              </thead>
              <tbody>
                {units.map((u) => (
                  <tr key={u.id} data-testid="numbering-unit" data-unit-id={u.id}>
                    <td>{u.name}</td>
                    <td>
                      <input
                        className="input admin-mono admin-code-input"
                        aria-label={t('numbering.codeOf', { unit: u.name })}
                        aria-invalid={badCode(codes[u.id] ?? '') ? true : undefined}
                        maxLength={20}
                        value={codes[u.id] ?? ''}
                        placeholder={unitCodeFrom(u.name)}
                        onChange={(e) => setCodes((c) => ({ ...c, [u.id]: e.target.value }))}
                        data-testid="numbering-unit-code"
                      />
                    </td>
                    <td className="admin-mono admin-nowrap" data-testid="numbering-sample">
                      {problem === null && pattern.trim() ? sample(codeOf(u)) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="admin-inline">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !changed || invalid}
            data-testid="numbering-save"
          >
            {busy ? t('common.saving') : t('common.save')}
          </button>
          {msg && (
            <span role="status" className={msg.ok ? 'admin-ok' : 'form-error'}>
              {msg.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
