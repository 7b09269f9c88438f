import { useAdminT } from './i18n';
import type { Unit } from './types';

export interface RolesValue {
  isAdmin: boolean;
  isApprover: boolean;
  /** Unit ids, or `['*']` for every unit. */
  approverUnits: string[];
}

/** Checkboxes over the agency's units (unit membership, or the units someone approves for). */
export function UnitChecklist({
  legend,
  units,
  value,
  onChange,
  disabled = false,
  testId,
}: {
  legend: string;
  units: readonly Unit[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useAdminT();
  return (
    <fieldset className="admin-fieldset" data-testid={testId} disabled={disabled}>
      <legend className="field-label">{legend}</legend>
      {units.length === 0 ? (
        <p className="muted admin-hint">{t('users.noUnits')}</p>
      ) : (
        <div className="admin-checklist">
          {units.map((u) => (
            <label key={u.id} className="admin-check">
              <input
                type="checkbox"
                checked={value.includes(u.id)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...value, u.id] : value.filter((x) => x !== u.id))
                }
              />
              <span>{u.name}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** Administrator and Pengesah (approver) roles; an approver approves for every unit or chosen ones. */
export function RolesFields({
  units,
  value,
  onChange,
  lockAdmin = false,
}: {
  units: readonly Unit[];
  value: RolesValue;
  onChange: (v: RolesValue) => void;
  /** Editing one's own account: an administrator cannot drop their own role. */
  lockAdmin?: boolean;
}) {
  const { t } = useAdminT();
  const all = value.approverUnits.includes('*');
  return (
    <fieldset className="admin-fieldset">
      <legend className="field-label">{t('users.rolesLegend')}</legend>
      <label className="admin-role-option">
        <input
          type="checkbox"
          checked={value.isAdmin}
          disabled={lockAdmin}
          onChange={(e) => onChange({ ...value, isAdmin: e.target.checked })}
          data-testid="user-role-admin"
        />
        <span>
          <span className="admin-role-name">{t('users.roleAdmin')}</span>
          <span className="admin-role-desc">
            {lockAdmin ? t('users.roleAdminSelf') : t('users.roleAdminDesc')}
          </span>
        </span>
      </label>
      <label className="admin-role-option">
        <input
          type="checkbox"
          checked={value.isApprover}
          onChange={(e) =>
            onChange({
              ...value,
              isApprover: e.target.checked,
              approverUnits:
                e.target.checked && value.approverUnits.length === 0 ? ['*'] : value.approverUnits,
            })
          }
          data-testid="user-role-approver"
        />
        <span>
          <span className="admin-role-name">{t('users.roleApprover')}</span>
          <span className="admin-role-desc">{t('users.roleApproverDesc')}</span>
        </span>
      </label>
      {value.isApprover && (
        <div className="admin-approver-scope-box">
          <div className="admin-radio-row">
            <label className="admin-check">
              <input
                type="radio"
                name="approver-scope"
                checked={all}
                onChange={() => onChange({ ...value, approverUnits: ['*'] })}
              />
              <span>{t('users.allUnitsOption')}</span>
            </label>
            <label className="admin-check">
              <input
                type="radio"
                name="approver-scope"
                checked={!all}
                onChange={() => onChange({ ...value, approverUnits: [] })}
                data-testid="user-approver-some"
              />
              <span>{t('users.someUnits')}</span>
            </label>
          </div>
          {!all && (
            <UnitChecklist
              legend={t('users.approverUnitsLegend')}
              units={units}
              value={value.approverUnits}
              onChange={(ids) => onChange({ ...value, approverUnits: ids })}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
