import type { Actor } from '@shared/model/types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from '../../components/DialogShell';
import { Field } from '../../components/Field';

/** Asks where the steps of a pelaksana being removed should go. */
export function RemoveActorDialog({
  actor,
  stepCount,
  others,
  onCancel,
  onConfirm,
}: {
  actor: Actor;
  stepCount: number;
  others: Actor[];
  onCancel: () => void;
  onConfirm: (reassignTo: string | null) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string>(others[0]?.id ?? '');
  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onCancel()}
      title={t('actors.removeTitle', { name: actor.name })}
      description={t('actors.removeInUse', { count: stepCount })}
      closeLabel={t('actors.cancel')}
      testId="remove-actor-dialog"
    >
      <Field label={t('actors.reassignTo')}>
        {(p) => (
          <select
            {...p}
            className="select"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value="">{t('actors.unassigned')}</option>
          </select>
        )}
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('actors.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => onConfirm(target || null)}>
          {t('actors.confirmRemove')}
        </button>
      </div>
    </DialogShell>
  );
}
