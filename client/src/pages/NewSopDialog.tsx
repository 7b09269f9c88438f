import * as Dialog from '@radix-ui/react-dialog';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { TemplateId } from '../../../shared/model/types';
import { DialogCloseButton } from '../components/DialogCloseButton';
import { createSopRequest } from '../lib/api';

const TEMPLATES: TemplateId[] = ['sop-ap', 'international', 'sample'];

/** "New SOP" button and its Radix dialog: pick a template, name it, open the editor. */
export function NewSopDialog() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState<TemplateId>('sop-ap');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { id } = await createSopRequest(template, name.trim() || undefined);
      setOpen(false);
      navigate(`/sop/${encodeURIComponent(id)}`);
    } catch {
      setError(t('create.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setName('');
          setError(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-primary" data-testid="new-sop">
          <Plus aria-hidden />
          {t('list.newSop')}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title className="dialog-title">{t('create.title')}</Dialog.Title>
          <Dialog.Description className="dialog-description">
            {t('create.description')}
          </Dialog.Description>
          <form onSubmit={submit} className="dialog-form">
            <label className="field">
              <span className="field-label">{t('create.name')}</span>
              <input
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={t('create.namePlaceholder')}
                data-testid="new-sop-name"
              />
            </label>
            <fieldset className="template-options">
              <legend className="field-label">{t('create.template')}</legend>
              {TEMPLATES.map((tpl) => (
                <label key={tpl} className="template-option">
                  <input
                    type="radio"
                    name="template"
                    value={tpl}
                    checked={template === tpl}
                    onChange={() => setTemplate(tpl)}
                  />
                  <span>
                    <span className="template-option-title">
                      {t(`create.templates.${tpl}.title`)}
                    </span>
                    <br />
                    <span className="template-option-desc">
                      {t(`create.templates.${tpl}.desc`)}
                    </span>
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
              <Dialog.Close asChild>
                <button type="button" className="btn">
                  {t('create.cancel')}
                </button>
              </Dialog.Close>
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
          <DialogCloseButton label={t('create.cancel')} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
