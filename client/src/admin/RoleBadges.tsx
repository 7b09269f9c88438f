import { BadgeCheck, Shield } from 'lucide-react';
import { useAdminT } from './i18n';
import type { DirectoryUser, Unit } from './types';

/** Names of `ids` among `units`, in the units' order (unknown ids skipped). */
export function unitNames(units: readonly Unit[], ids: readonly string[]): string[] {
  return units.filter((u) => ids.includes(u.id)).map((u) => u.name);
}

/** The agency roles of one person as pills: Administrator, Pengesah (units or "semua unit"). */
export function RoleBadges({ user, units }: { user: DirectoryUser; units: readonly Unit[] }) {
  const { t } = useAdminT();
  const approverUnits = user.approverUnits ?? [];
  const scope = approverUnits.includes('*')
    ? t('users.allUnits')
    : unitNames(units, approverUnits).join(', ') || t('users.noUnitsYet');
  if (!user.isAdmin && !user.isApprover) return <span className="muted">{t('users.member')}</span>;
  return (
    <span className="admin-roles">
      {user.isAdmin && (
        <span className="pill pill-primary">
          <Shield aria-hidden />
          {t('users.roleAdmin')}
        </span>
      )}
      {user.isApprover && (
        <span className="admin-approver">
          <span className="pill pill-success">
            <BadgeCheck aria-hidden />
            {t('users.roleApprover')}
          </span>
          <span className="admin-approver-scope">{scope}</span>
        </span>
      )}
    </span>
  );
}
