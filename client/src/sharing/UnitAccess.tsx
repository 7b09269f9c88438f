import { UNIT_ROLES, type UnitRole } from '@shared/access/permissions';
import { Building2 } from 'lucide-react';
import { useState } from 'react';
import { errorText, useAdminT } from '../admin/i18n';
import type { Unit } from '../admin/types';
import { useUser } from '../auth/AuthContext';
import { Field } from '../components/Field';
import { type SopMembers, updateSettings } from './sharingApi';

/** The SOP's unit and the role its members get by default; owners can change both. */
export function UnitAccess({
  sopId,
  canManage,
  members,
  units,
  onChanged,
}: {
  sopId: string;
  canManage: boolean;
  members: SopMembers;
  units: Unit[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const me = useUser();
  const [error, setError] = useState<string | null>(null);
  // Admins may move an SOP to any unit; others to one of their own units (or keep the current one).
  const mine = new Set((me?.units ?? []).map((u) => u.id));
  const choices = units.filter((u) => me?.isAdmin || mine.has(u.id) || u.id === members.unitId);
  const unitName = units.find((u) => u.id === members.unitId)?.name;

  async function save(settings: { unitId?: string | null; unitRole?: UnitRole }) {
    setError(null);
    try {
      await updateSettings(sopId, settings);
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <div className="share-unit" data-testid="share-unit">
      <Building2 aria-hidden className="share-unit-icon" />
      <div className="share-unit-fields">
        {canManage ? (
          <>
            <Field label={t('share.unit')}>
              {(p) => (
                <select
                  {...p}
                  className="select"
                  value={members.unitId ?? ''}
                  onChange={(e) => save({ unitId: e.target.value || null })}
                  data-testid="share-unit-select"
                >
                  <option value="">{t('share.noUnit')}</option>
                  {choices.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('share.unitRole')}>
              {(p) => (
                <select
                  {...p}
                  className="select"
                  value={members.unitRole}
                  disabled={!members.unitId}
                  onChange={(e) => save({ unitRole: e.target.value as UnitRole })}
                  data-testid="share-unit-role"
                >
                  {UNIT_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`unitRoles.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : (
          <p>
            {members.unitId
              ? t('share.unitReadOnly', {
                  unit: unitName ?? t('share.theUnit'),
                  role: t(`unitRoles.${members.unitRole}`),
                })
              : t('share.noUnitReadOnly')}
          </p>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
