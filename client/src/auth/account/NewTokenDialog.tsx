import * as Dialog from '@radix-ui/react-dialog';
import { Check, Copy, TriangleAlert } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

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
      {state === 'failed' && <p className="auth-hint">{t('tokens.copyFailed')}</p>}
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
    <Dialog.Root open={token !== null} onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog-content dialog-wide"
          // Closing by a stray click outside would lose a token that is shown only once.
          onPointerDownOutside={(e) => e.preventDefault()}
          data-testid="new-token-dialog"
        >
          <Dialog.Title className="dialog-title">{t('tokens.newTitle', { name })}</Dialog.Title>
          <Dialog.Description className="auth-message auth-message-warning">
            <TriangleAlert aria-hidden />
            {t('tokens.newOnce')}
          </Dialog.Description>
          {token && <CopyField value={token} label={t('tokens.token')} testId="new-token-value" />}
          <div className="token-howto">
            <h3>{t('tokens.howTo')}</h3>
            <p>{t('tokens.howSocket')}</p>
            <code className="code-block">{socketUrl}</code>
            <p>{t('tokens.howRest')}</p>
            <code className="code-block">{`Authorization: Bearer ${token ?? ''}`}</code>
          </div>
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="btn btn-primary">
                {t('tokens.done')}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
