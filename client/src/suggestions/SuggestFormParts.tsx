import { Field } from '../components/Field';
import { DiffText } from './DiffText';
import { useSuggestionsT } from './i18n';

/** What a suggestion would change, word by word, or "nothing yet". */
export function SuggestPreview({
  from,
  to,
  changed,
}: {
  from: string;
  to: string;
  changed: boolean;
}) {
  const { t } = useSuggestionsT();
  return (
    <div className="sg-preview" aria-live="polite">
      <span className="field-label">{t('form.preview')}</span>
      {changed ? (
        <DiffText from={from} to={to} />
      ) : (
        <span className="sg-muted">{t('form.nothing')}</span>
      )}
    </div>
  );
}

/** The end of every suggestion form: the optional reason, then cancel and send. */
export function SuggestFormEnd({
  comment,
  onComment,
  onCancel,
  canSubmit,
}: {
  comment: string;
  onComment: (comment: string) => void;
  onCancel: () => void;
  canSubmit: boolean;
}) {
  const { t } = useSuggestionsT();
  return (
    <>
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
            onChange={(e) => onComment(e.target.value)}
          />
        )}
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canSubmit}
          data-testid="suggest-submit"
        >
          {t('form.submit')}
        </button>
      </div>
    </>
  );
}
