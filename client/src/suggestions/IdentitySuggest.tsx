import type { SuggestionChange } from '@shared/discussion/index';
import { IDENTITY_TEXT_FIELDS, LIST_BOXES, type ListBox } from '@shared/model/index';
import type { IdentityTextField } from '@shared/model/types';
import { PencilLine } from 'lucide-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSop } from '../editor/model/hooks';
import { useSuggestionsT } from './i18n';
import { SuggestionCard } from './SuggestionCard';
import { useOpenIndex, useSuggestions } from './SuggestionsContext';
import { TextSuggestDialog } from './TextSuggestDialog';
import './suggestions.css';

type Field = IdentityTextField | ListBox;
const isText = (f: string): f is IdentityTextField =>
  (IDENTITY_TEXT_FIELDS as readonly string[]).includes(f);
const isList = (f: string): f is ListBox => (LIST_BOXES as readonly string[]).includes(f);

/**
 * Suggestion mode on one identity field (a text field, a date, a list box): a button
 * to propose new wording (while suggesting) and the open suggestions on the field.
 * Fields the server fills (Disahkan oleh) take none.
 */
export const IdentitySuggest = memo(function IdentitySuggest({
  field,
  part,
}: {
  field: string;
  /** `button`: the propose button; `list`: the suggestions on the field. */
  part: 'button' | 'list';
}) {
  if (!isText(field) && !isList(field)) return null;
  return part === 'button' ? <SuggestButton field={field} /> : <FieldSuggestions field={field} />;
});

function SuggestButton({ field }: { field: Field }) {
  const ctx = useSuggestions();
  const sop = useSop();
  const { t } = useTranslation();
  const { t: ts } = useSuggestionsT();
  const [open, setOpen] = useState(false);
  if (!ctx?.suggesting) return null;
  const label = t(`identity.${field}`);
  const initial = isText(field)
    ? sop.identity.get()[field]
    : sop.identity
        .list(field)
        .items()
        .map((i) => i.text)
        .join('\n');
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-icon btn-sm sg-suggest-button"
        data-testid="suggest-identity"
        data-field={field}
        aria-label={ts('form.openField', { field: label })}
        title={ts('form.openField', { field: label })}
        onClick={() => setOpen(true)}
      >
        <PencilLine aria-hidden />
      </button>
      {open && (
        <TextSuggestDialog
          title={ts('form.titleField', { field: label })}
          initial={initial}
          list={isList(field)}
          onClose={() => setOpen(false)}
          onSubmit={(text, comment) => {
            const change: SuggestionChange = isText(field)
              ? { kind: 'identityText', field, text }
              : {
                  kind: 'identityList',
                  box: field,
                  items: text
                    .split('\n')
                    .map((l) => l.trim())
                    .filter(Boolean),
                };
            return ctx.create(change, comment);
          }}
        />
      )}
    </>
  );
}

function FieldSuggestions({ field }: { field: Field }) {
  const index = useOpenIndex();
  const list = index?.identity.get(field);
  if (!list?.length) return null;
  return (
    <div className="sg-field-list" data-for-field={field}>
      {list.map((s) => (
        <SuggestionCard key={s.id} suggestion={s} />
      ))}
    </div>
  );
}
