import { Check, Copy, TriangleAlert } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from '../../components/DialogShell';

/** A value in monospace with a copy button (falls back to selecting the text). */
function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const { t } = useTranslation('auth');
  const id = useId();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setState('failed');
    }
  }
  return (
    <div className="copy-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field-row">
        <input
          id={id}
          className="input copy-field-value"
          value={value}
          readOnly
          onFocus={(e) => e.target.select()}
          data-testid={testId}
        />
        <button type="button" className="btn" onClick={() => void copy()}>
          {state === 'copied' ? <Check aria-hidden /> : <Copy aria-hidden />}
          {state === 'copied' ? t('tokens.copied') : t('tokens.copy')}
        </button>
      </div>
      {state === 'failed' && <p className="field-hint">{t('tokens.copyFailed')}</p>}
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? t('tokens.copied') : ''}
      </span>
    </div>
  );
}

/**
 * Shows a just-created token once, with a copy button and how to use it: on the
 * document socket (`wss://host/collab/<id>?token=…`) and as a Bearer header.
 */
export function NewTokenDialog({
  token,
  name,
  onClose,
}: {
  token: string | null;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('auth');
  const wsScheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socketUrl = `${wsScheme}://${location.host}/collab/<id-SOP>?token=${token ?? ''}`;
  return (
    <DialogShell
      open={token !== null}
      onOpenChange={(o) => !o && onClose()}
      title={t('tokens.newTitle', { name })}
      description={
        <>
          <TriangleAlert aria-hidden />
          {t('tokens.newOnce')}
        </>
      }
      descriptionClassName="form-message form-message-warning"
      closeLabel={t('tokens.done')}
      // Closing by a stray click outside would lose a token that is shown only once.
      keepOnOutsideClick
      className="dialog-wide"
      testId="new-token-dialog"
    >
      {token && <CopyField value={token} label={t('tokens.token')} testId="new-token-value" />}
      <div className="token-howto">
        <h3>{t('tokens.howTo')}</h3>
        <p>{t('tokens.howSocket')}</p>
        <code className="code-block">{socketUrl}</code>
        <p>{t('tokens.howRest')}</p>
        <code className="code-block">{`Authorization: Bearer ${token ?? ''}`}</code>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('tokens.done')}
        </button>
      </div>
    </DialogShell>
  );
}
