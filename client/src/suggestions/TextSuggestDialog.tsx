import { type FormEvent, useState } from 'react';
import { DialogShell } from '../components/DialogShell';
import { Field } from '../components/Field';
import { useSuggestionsT } from './i18n';
import { SuggestFormEnd, SuggestPreview } from './SuggestFormParts';

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
        <SuggestPreview from={initial} to={text} changed={changed} />
        <SuggestFormEnd
          comment={comment}
          onComment={setComment}
          onCancel={onClose}
          canSubmit={changed && !sending}
        />
      </form>
    </DialogShell>
  );
}
