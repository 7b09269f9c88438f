import { UserMinus } from 'lucide-react';
import { useState } from 'react';
import { IconButton } from '../components/IconButton';
import { addUnitMember, removeUnitMember } from './adminApi';
import { errorText, useAdminT } from './i18n';
import { PersonPicker } from './PersonPicker';
import type { AdminUser, Unit } from './types';

/** A unit's members: add (people not yet in it) and remove. */
export function UnitMembers({
  unit,
  users,
  onChanged,
}: {
  unit: Unit;
  users: AdminUser[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [error, setError] = useState<string | null>(null);
  const members = users.filter((u) => unit.memberIds.includes(u.id));
  const candidates = users.filter((u) => !u.disabled && !unit.memberIds.includes(u.id));

  async function run(op: () => Promise<unknown>) {
    setError(null);
    try {
      await op();
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <section className="admin-subsection" aria-labelledby={`members-${unit.id}`}>
      <h3 id={`members-${unit.id}`} className="admin-subtitle">
        {t('units.members')} <span className="pill">{members.length}</span>
      </h3>
      <PersonPicker
        people={candidates}
        onPick={(u) => run(() => addUnitMember(unit.id, u.id))}
        label={t('units.addMember')}
        placeholder={t('units.addMemberPlaceholder')}
        emptyText={t('units.noCandidates')}
        testId="unit-add-member"
      />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {members.length === 0 ? (
        <p className="muted admin-hint">{t('units.noMembers')}</p>
      ) : (
        <ul className="admin-people">
          {members.map((u) => (
            <li key={u.id} className="admin-people-item" data-testid="unit-member">
              <span className="admin-person">
                <span className="admin-person-name">{u.name}</span>
                <span className="admin-person-email">
                  {[u.title, u.email].filter(Boolean).join(' · ')}
                </span>
              </span>
              <IconButton
                label={t('units.removeMember', { name: u.name })}
                icon={<UserMinus aria-hidden />}
                size="sm"
                onClick={() => run(() => removeUnitMember(unit.id, u.id))}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
