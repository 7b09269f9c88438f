import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../../../shared/model/types';

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
  const selectId = useId();
  return (
    <Dialog.Root open onOpenChange={(o) => !o && onCancel()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content" data-testid="remove-actor-dialog">
          <Dialog.Title className="dialog-title">
            {t('actors.removeTitle', { name: actor.name })}
          </Dialog.Title>
          <Dialog.Description className="dialog-description">
            {t('actors.removeInUse', { count: stepCount })}
          </Dialog.Description>
          <div className="field">
            <label htmlFor={selectId} className="field-label">
              {t('actors.reassignTo')}
            </label>
            <select
              id={selectId}
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
          </div>
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="btn">
                {t('actors.cancel')}
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => onConfirm(target || null)}
            >
              {t('actors.confirmRemove')}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
