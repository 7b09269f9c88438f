import { Send } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ComposerProps {
  placeholder: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  /**
   * Sends the text; false (or a promise of false) when it could not be sent: the
   * text then stays in the box. While a promise is pending the box is busy.
   */
  onSubmit: (body: string) => boolean | undefined | Promise<boolean | undefined>;
  onCancel?: () => void;
  /** Test ids of the textarea and the submit button. */
  inputTestId?: string;
  submitTestId?: string;
}

/** A textarea with a send button; Ctrl/⌘+Enter sends, Escape cancels. */
export function Composer({
  placeholder,
  submitLabel,
  initial = '',
  autoFocus,
  onSubmit,
  onCancel,
  inputTestId = 'comment-input',
  submitTestId = 'comment-submit',
}: ComposerProps) {
  const { t } = useTranslation('discussion');
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const send = (): void => {
    if (!text.trim() || busy) return;
    const r = onSubmit(text);
    if (!(r instanceof Promise)) {
      if (r !== false) setText('');
      return;
    }
    setBusy(true);
    void r.then(
      (ok) => {
        setBusy(false);
        // Cleared only once the server took it: a refused comment is not lost.
        if (ok !== false) setText((cur) => (cur === text ? '' : cur));
      },
      () => setBusy(false),
    );
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <form
      className="dc-composer"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        className="textarea dc-textarea"
        data-testid={inputTestId}
        aria-label={placeholder}
        aria-describedby={hintId}
        placeholder={placeholder}
        value={text}
        rows={2}
        aria-busy={busy}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to write (new comment / edit)
        autoFocus={autoFocus}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="dc-composer-actions">
        <span id={hintId} className="dc-hint">
          {t('compose.hint')}
        </span>
        {onCancel && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
            {t('compose.cancel')}
          </button>
        )}
        <button
          type="submit"
          className="btn btn-primary btn-sm"
          data-testid={submitTestId}
          disabled={!text.trim() || busy}
        >
          <Send aria-hidden />
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
