import { Check, Pencil, Trash2, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { IconButton } from '../components/IconButton';
import { ApprovalChain } from './ApprovalChain';
import { deleteUnit, renameUnit } from './adminApi';
import { errorText, useAdminT } from './i18n';
import type { AdminUser, Unit } from './types';
import { UnitMembers } from './UnitMembers';

/** One unit: its name (rename), delete, members and approval chain. */
export function UnitDetail({
  unit,
  users,
  onChanged,
}: {
  unit: Unit;
  users: AdminUser[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(unit.name);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setError(null);
    try {
      await renameUnit(unit.id, name.trim());
      setRenaming(false);
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <div className="card admin-unit-detail" data-testid="unit-detail">
      <div className="admin-unit-head">
        {renaming ? (
          <form className="admin-inline admin-grow" onSubmit={rename}>
            <input
              className="input"
              aria-label={t('units.name')}
              value={name}
              maxLength={200}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to rename
              autoFocus
              onChange={(e) => setName(e.target.value)}
              data-testid="unit-rename-input"
            />
            <IconButton type="submit" label={t('common.save')} icon={<Check aria-hidden />} />
            <IconButton
              label={t('common.cancel')}
              icon={<X aria-hidden />}
              onClick={() => {
                setRenaming(false);
                setName(unit.name);
              }}
            />
          </form>
        ) : (
          <>
            <div className="admin-grow">
              <h2 className="admin-unit-title">{unit.name}</h2>
              <p className="admin-unit-meta">
                {t('units.memberCount', { count: unit.memberIds.length })} ·{' '}
                {t('units.sopCount', { count: unit.sopCount })}
                {unit.sopCount > 0 && ` · ${t('units.deleteBlockedShort')}`}
              </p>
            </div>
            <IconButton
              label={t('units.rename')}
              icon={<Pencil aria-hidden />}
              onClick={() => setRenaming(true)}
              data-testid="unit-rename"
            />
            <IconButton
              label={unit.sopCount > 0 ? t('units.deleteBlocked') : t('units.delete')}
              icon={<Trash2 aria-hidden />}
              disabled={unit.sopCount > 0}
              onClick={() => setConfirmDelete(true)}
              data-testid="unit-delete"
            />
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="form-error admin-pad">
          {error}
        </p>
      )}
      <div className="admin-unit-body">
        <UnitMembers unit={unit} users={users} onChanged={onChanged} />
        <ApprovalChain unit={unit} users={users} onChanged={onChanged} />
      </div>
      <ConfirmDialog
        errorText={(e) => errorText(t, e)}
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t('units.deleteTitle', { name: unit.name })}
        body={t('units.deleteBody')}
        confirmLabel={t('units.deleteOk')}
        danger
        onConfirm={async () => {
          await deleteUnit(unit.id);
          onChanged();
        }}
      />
    </div>
  );
}
