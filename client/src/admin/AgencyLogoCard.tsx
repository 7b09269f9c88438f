import { ImageOff, Trash2, Upload } from 'lucide-react';
import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FilePickButton } from '../components/FilePickButton';
import { deleteLogo, uploadLogo } from './adminApi';
import { HttpError } from './http';
import { errorText, useAdminT } from './i18n';
import type { AgencyProfile } from './types';

function kib(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/**
 * The agency logo: preview, upload (PNG or SVG, checked and sanitised by the server) and
 * removal. A file over the limit is refused here before it is sent.
 */
export function AgencyLogoCard({
  agency,
  onChanged,
}: {
  agency: AgencyProfile | null;
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const logo = agency?.logo ?? null;
  const limit = agency?.maxLogoBytes ?? 512 * 1024;

  async function upload(f: File) {
    setMsg(null);
    if (f.size > limit) {
      setMsg({ ok: false, text: t('agency.logoTooLarge', { size: kib(limit) }) });
      return;
    }
    setBusy(true);
    try {
      const r = await uploadLogo(f);
      setMsg({
        ok: true,
        text: r.stripped.length > 0 ? t('agency.logoSavedStripped') : t('agency.logoSaved'),
      });
      onChanged();
    } catch (err) {
      setMsg({
        ok: false,
        text:
          err instanceof HttpError && err.code === 'unsafe_svg'
            ? t('errors.unsafe_svg', { reason: err.message.replace(/^SVG refused: /, '') })
            : err instanceof HttpError && err.code === 'logo_too_large'
              ? t('agency.logoTooLarge', { size: kib(limit) })
              : errorText(t, err),
      });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setMsg(null);
    try {
      await deleteLogo();
      setMsg({ ok: true, text: t('agency.logoRemoved') });
      onChanged();
    } catch (err) {
      setMsg({ ok: false, text: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card admin-card admin-agency-card" aria-labelledby="agency-logo-h">
      <h2 id="agency-logo-h" className="admin-card-title">
        {t('agency.logo')}
      </h2>
      <p className="muted">{t('agency.logoHelp', { size: kib(limit) })}</p>
      <div className="admin-logo-row">
        <div className="admin-logo-preview" data-testid="agency-logo-preview">
          {logo ? (
            <img src={logo.url} alt={t('agency.logoAlt')} />
          ) : (
            <span className="admin-logo-none">
              <ImageOff aria-hidden />
              {t('agency.noLogo')}
            </span>
          )}
        </div>
        <div className="admin-logo-actions">
          {logo && (
            <p className="admin-hint" data-testid="agency-logo-info">
              {logo.mime === 'image/png' ? 'PNG' : 'SVG'} · {kib(logo.bytes)}
            </p>
          )}
          <div className="admin-inline">
            <FilePickButton
              accept="image/png,image/svg+xml,.png,.svg"
              onFile={upload}
              disabled={busy || agency === null}
              className="btn btn-primary"
              inputTestId="agency-logo-file"
              testId="agency-logo-upload"
            >
              <Upload aria-hidden />
              {logo ? t('agency.logoReplace') : t('agency.logoUpload')}
            </FilePickButton>
            {logo && (
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => setConfirm(true)}
                data-testid="agency-logo-remove"
              >
                <Trash2 aria-hidden />
                {t('agency.logoRemove')}
              </button>
            )}
          </div>
          {msg && (
            <p
              role={msg.ok ? 'status' : 'alert'}
              className={msg.ok ? 'admin-ok' : 'form-error'}
              data-testid="agency-logo-message"
            >
              {msg.text}
            </p>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('agency.logoRemoveTitle')}
        body={t('agency.logoRemoveBody')}
        confirmLabel={t('agency.logoRemove')}
        onConfirm={remove}
      />
    </section>
  );
}
