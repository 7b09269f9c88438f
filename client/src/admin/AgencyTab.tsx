import { Landmark } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { getAgency, renameAgency } from './adminApi';
import { errorText, useAdminT } from './i18n';
import { useLoad } from './useLoad';
import './audit.css';
import { Field } from '../components/Field';

/** The Instansi tab: the agency's name (shown in the header and on printed SOPs). */
export function AgencyTab() {
  const { t } = useAdminT();
  const auth = useAuth();
  const agency = useLoad(useCallback((s: AbortSignal) => getAgency(s), []));
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (agency.data) setName(agency.data.name);
  }, [agency.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    try {
      await renameAgency(name.trim());
      setMsg({ ok: true, text: t('agency.saved') });
      agency.reload();
      void auth.refresh();
    } catch (err) {
      setMsg({ ok: false, text: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card admin-card admin-agency" data-testid="admin-agency">
      <div className="admin-agency-icon" aria-hidden>
        <Landmark className="admin-agency-glyph" />
      </div>
      <form className="dialog-form admin-grow" onSubmit={save}>
        <h2 className="admin-card-title">{t('agency.title')}</h2>
        <p className="muted">{t('agency.help')}</p>
        {agency.error !== null && (
          <p role="alert" className="form-error">
            {errorText(t, agency.error)}
          </p>
        )}
        <Field label={t('agency.name')}>
          {(p) => (
            <input
              {...p}
              className="input admin-agency-input"
              required
              maxLength={200}
              value={name}
              disabled={agency.data === null}
              placeholder={t('agency.placeholder')}
              onChange={(e) => setName(e.target.value)}
              data-testid="agency-name"
            />
          )}
        </Field>
        <div className="admin-inline">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !name.trim() || name.trim() === agency.data?.name}
            data-testid="agency-save"
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
