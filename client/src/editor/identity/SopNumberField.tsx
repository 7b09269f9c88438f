import { PencilLine } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, HttpError, seg } from '../../admin/http';
import { useUser } from '../../auth/AuthContext';
import { DialogShell } from '../../components/DialogShell';
import { Field } from '../../components/Field';
import { EditLockContext, useEditLocked } from '../../review/editLock';
import { YTextField } from '../binding/YTextField';
import { useIdentity, useSop } from '../model/hooks';

/**
 * Nomor SOP (issue 14): given by the server from the agency's numbering pattern when the
 * SOP is created, unique across the agency, so nobody types it here. An administrator
 * changes it through the server (`PATCH /api/sops/:id/number`), which refuses a number
 * another SOP has.
 */
export function SopNumberField({ sopId }: { sopId?: string | undefined }) {
  const { t } = useTranslation();
  const sop = useSop();
  const identity = useIdentity();
  const user = useUser();
  const locked = useEditLocked();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canEdit = Boolean(sopId && user?.isAdmin && !locked);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!sopId) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/sops/${seg(sopId)}/number`, {
        method: 'PATCH',
        json: { number: draft.trim() },
      });
      setOpen(false);
    } catch (err) {
      setError(
        err instanceof HttpError && err.code === 'number_taken'
          ? t('identity.numberTaken', { number: draft.trim() })
          : err instanceof HttpError && err.code === 'locked'
            ? t('identity.numberLocked')
            : err instanceof Error
              ? err.message
              : String(err),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="identity-number">
      {/* Written by the server only: read-only for everyone here. */}
      <EditLockContext.Provider value={true}>
        <YTextField
          ytext={sop.identity.text('number')}
          label={t('identity.number')}
          presenceKey="identity.number"
          commentField="number"
          testId="sop-number"
          placeholder={t('identity.numberNone')}
        />
      </EditLockContext.Provider>
      <p className="field-hint identity-number-hint">
        {t('identity.numberHint')}
        {canEdit && (
          <button
            type="button"
            className="btn btn-ghost btn-sm identity-number-edit"
            onClick={() => {
              setDraft(identity.number);
              setError(null);
              setOpen(true);
            }}
            data-testid="sop-number-edit"
          >
            <PencilLine aria-hidden />
            {t('identity.numberEdit')}
          </button>
        )}
      </p>
      <DialogShell
        open={open}
        onOpenChange={(o) => !busy && setOpen(o)}
        title={t('identity.numberEditTitle')}
        description={t('identity.numberEditHelp')}
        closeLabel={t('dialog.cancel')}
        closeDisabled={busy}
        testId="sop-number-dialog"
      >
        <form className="dialog-form" onSubmit={save}>
          <Field label={t('identity.number')} error={error}>
            {(p) => (
              <input
                {...p}
                className="input"
                value={draft}
                maxLength={100}
                required
                onChange={(e) => setDraft(e.target.value)}
                data-testid="sop-number-input"
              />
            )}
          </Field>
          <div className="dialog-actions">
            <button type="button" className="btn" disabled={busy} onClick={() => setOpen(false)}>
              {t('dialog.cancel')}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={busy || !draft.trim() || draft.trim() === identity.number}
              data-testid="sop-number-save"
            >
              {t('identity.numberSave')}
            </button>
          </div>
        </form>
      </DialogShell>
    </div>
  );
}
