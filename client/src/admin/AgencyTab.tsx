import { Landmark } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { Field } from '../components/Field';
import { AgencyLogoCard } from './AgencyLogoCard';
import { AgencyNumberingCard } from './AgencyNumberingCard';
import { getAgency, updateAgency } from './adminApi';
import { errorText, useAdminT } from './i18n';
import type { AgencyProfile, Unit } from './types';
import { type Loaded, useLoad } from './useLoad';
import './audit.css';
import './agency.css';

/** Letterhead lines at most (as the server allows). */
const MAX_LINES = 6;

/**
 * The Instansi tab (issue 14): the agency's name and letterhead (*kop*), its logo, the
 * default *Disahkan oleh* title and the SOP numbering rule — what the print view, PDF
 * and Word files carry.
 */
export function AgencyTab({ units }: { units: readonly Unit[] }) {
  const agency = useLoad(useCallback((s: AbortSignal) => getAgency(s), []));
  return (
    <div className="admin-agency-stack">
      <AgencyProfileCard agency={agency} />
      <AgencyLogoCard agency={agency.data} onChanged={agency.reload} />
      <AgencyNumberingCard agency={agency.data} units={units} onChanged={agency.reload} />
    </div>
  );
}

function AgencyProfileCard({ agency }: { agency: Loaded<AgencyProfile> }) {
  const { t } = useAdminT();
  const auth = useAuth();
  const [name, setName] = useState('');
  const [lines, setLines] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const data = agency.data;

  useEffect(() => {
    if (!data) return;
    setName(data.name);
    setLines(data.lines.join('\n'));
    setTitle(data.approverTitle);
  }, [data]);

  const lineList = lines
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const changed =
    data !== null &&
    (name.trim() !== data.name ||
      lineList.join('\n') !== data.lines.join('\n') ||
      title.trim() !== data.approverTitle);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!data) return;
    setBusy(true);
    setMsg(null);
    try {
      await updateAgency({
        ...(name.trim() !== data.name ? { name: name.trim() } : {}),
        lines: lineList,
        approverTitle: title.trim(),
      });
      setMsg({ ok: true, text: t('agency.saved') });
      agency.reload();
      if (name.trim() !== data.name) void auth.refresh();
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
              disabled={data === null}
              placeholder={t('agency.placeholder')}
              onChange={(e) => setName(e.target.value)}
              data-testid="agency-name"
            />
          )}
        </Field>
        <Field
          label={t('agency.lines')}
          hint={t('agency.linesHint', { max: MAX_LINES })}
          error={lineList.length > MAX_LINES ? t('agency.tooManyLines', { max: MAX_LINES }) : null}
        >
          {(p) => (
            <textarea
              {...p}
              className="textarea admin-kop-lines"
              rows={4}
              value={lines}
              disabled={data === null}
              placeholder={t('agency.linesPlaceholder')}
              onChange={(e) => setLines(e.target.value)}
              data-testid="agency-lines"
            />
          )}
        </Field>
        <Field label={t('agency.approverTitle')} hint={t('agency.approverTitleHint')}>
          {(p) => (
            <input
              {...p}
              className="input"
              maxLength={200}
              value={title}
              disabled={data === null}
              placeholder={t('agency.approverTitlePlaceholder')}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="agency-approver-title"
            />
          )}
        </Field>
        <LetterheadPreview lines={lineList} logoUrl={data?.logo?.url ?? null} />
        <div className="admin-inline">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !name.trim() || !changed || lineList.length > MAX_LINES}
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

/** The kop as printed: the logo on the left, the lines centred, a double rule below. */
function LetterheadPreview({ lines, logoUrl }: { lines: string[]; logoUrl: string | null }) {
  const { t } = useAdminT();
  return (
    <figure className="admin-kop" data-testid="agency-kop-preview">
      <figcaption className="admin-kop-caption">{t('agency.preview')}</figcaption>
      <div className="admin-kop-sheet">
        <div className="admin-kop-logo">{logoUrl ? <img src={logoUrl} alt="" /> : null}</div>
        <div className="admin-kop-lines-out">
          {lines.length === 0 ? (
            <p className="admin-kop-empty">{t('agency.previewEmpty')}</p>
          ) : (
            lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <p key={i} className={i === 0 ? 'admin-kop-first' : undefined}>
                {l}
              </p>
            ))
          )}
        </div>
      </div>
    </figure>
  );
}
