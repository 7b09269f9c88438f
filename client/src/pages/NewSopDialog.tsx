import type { TemplateId } from '@shared/model/types';
import { Plus } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { DialogShell } from '../components/DialogShell';
import { Field } from '../components/Field';
import { createSopRequest } from '../lib/api';

const TEMPLATES: TemplateId[] = ['sop-ap', 'international', 'sample'];

/**
 * "New SOP" button and its dialog: pick a template, name it, open the editor. A
 * name is required: an SOP called "SOP tanpa nama" is lost in the list at once.
 * Picking the sample fills in its name when the field is still empty.
 */
export function NewSopDialog() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState<TemplateId>('sop-ap');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(t('create.nameRequired'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { id } = await createSopRequest(template, name.trim());
      setOpen(false);
      navigate(`/sop/${encodeURIComponent(id)}`);
    } catch {
      setError(t('create.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogShell
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setName('');
          setNameError(null);
          setError(null);
        }
      }}
      title={t('create.title')}
      description={t('create.description')}
      closeLabel={t('create.cancel')}
      testId="new-sop-dialog"
      trigger={
        <button type="button" className="btn btn-primary" data-testid="new-sop">
          <Plus aria-hidden />
          {t('list.newSop')}
        </button>
      }
    >
      <form onSubmit={submit} className="dialog-form" noValidate>
        <Field label={t('create.name')} error={nameError}>
          {(p) => (
            <input
              {...p}
              ref={nameRef}
              className="input"
              value={name}
              required
              maxLength={500}
              onChange={(e) => {
                setName(e.target.value);
                if (e.target.value.trim()) setNameError(null);
              }}
              placeholder={t('create.namePlaceholder')}
              data-testid="new-sop-name"
            />
          )}
        </Field>
        <fieldset className="template-options">
          <legend className="field-label">{t('create.template')}</legend>
          {TEMPLATES.map((tpl) => (
            <label key={tpl} className="template-option">
              <input
                type="radio"
                name="template"
                value={tpl}
                checked={template === tpl}
                onChange={() => {
                  setTemplate(tpl);
                  if (tpl === 'sample' && !name.trim()) {
                    setName(t('create.sampleName'));
                    setNameError(null);
                  }
                }}
              />
              <span>
                <span className="template-option-title">{t(`create.templates.${tpl}.title`)}</span>
                <br />
                <span className="template-option-desc">{t(`create.templates.${tpl}.desc`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            {t('create.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            data-testid="create-sop-submit"
          >
            {busy ? t('create.creating') : t('create.submit')}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}
