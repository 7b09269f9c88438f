import { type FormEvent, useState } from 'react';
import { DialogShell } from '../components/DialogShell';
import { Field } from '../components/Field';
import { DiffText } from './DiffText';
import { useSuggestionsT } from './i18n';

/**
 * New wording for one text (an identity field, a list box as one item per line, a
 * narrative span): the text prefilled, the difference shown as it is typed, an
 * optional reason. `onSubmit` resolves true once the server took it.
 */
export function TextSuggestDialog({
  title,
  initial,
  quote,
  list,
  onSubmit,
  onClose,
}: {
  title: string;
  initial: string;
  /** The selected narrative text, shown above the box. */
  quote?: string;
  /** One item per line (a list box). */
  list?: boolean;
  onSubmit: (text: string, comment: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useSuggestionsT();
  const [text, setText] = useState(initial);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const changed = text !== initial;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!changed || sending) return;
    setSending(true);
    void onSubmit(text, comment).then((ok) => {
      setSending(false);
      if (ok) onClose();
    });
  }
  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onClose()}
      title={title}
      description={t('form.description')}
      closeLabel={t('form.cancel')}
      className="sg-dialog"
      testId="suggest-dialog"
    >
      <form className="dialog-form sg-form" onSubmit={submit}>
        {quote !== undefined && (
          <div className="field">
            <span className="field-label">{t('form.quote')}</span>
            <blockquote className="sg-quote">{quote}</blockquote>
          </div>
        )}
        <Field label={t('form.text')} hint={list ? t('form.listHint') : undefined}>
          {(p) => (
            <textarea
              {...p}
              className="textarea"
              rows={list ? 5 : 3}
              maxLength={20_000}
              data-testid="suggest-text"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div className="sg-preview" aria-live="polite">
          <span className="field-label">{t('form.preview')}</span>
          {changed ? (
            <DiffText from={initial} to={text} />
          ) : (
            <span className="sg-muted">{t('form.nothing')}</span>
          )}
        </div>
        <Field label={t('form.comment')}>
          {(p) => (
            <textarea
              {...p}
              className="textarea"
              rows={2}
              maxLength={4000}
              placeholder={t('form.commentPlaceholder')}
              data-testid="suggest-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          )}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('form.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!changed || sending}
            data-testid="suggest-submit"
          >
            {t('form.submit')}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
