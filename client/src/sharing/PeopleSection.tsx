import { SOP_ROLES, type SopRole } from '@shared/access/permissions';
import { UserPlus, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { errorText, useAdminT } from '../admin/i18n';
import { PersonPicker } from '../admin/PersonPicker';
import type { DirectoryUser, Unit } from '../admin/types';
import { MemberRow } from './MemberRow';
import { type SopMember, type SopMembers, setMemberRole } from './sharingApi';
import { UnitAccess } from './UnitAccess';

const RANK: Record<SopRole, number> = { owner: 0, editor: 1, commenter: 2, viewer: 3 };

function byRole(a: SopMember, b: SopMember): number {
  return RANK[a.role] - RANK[b.role] || a.name.localeCompare(b.name);
}

/** The SOP's unit, its members' default role, the people with access and "add a person". */
export function PeopleSection({
  sopId,
  canManage,
  members,
  units,
  directory,
  onChanged,
}: {
  sopId: string;
  canManage: boolean;
  members: SopMembers;
  units: Unit[];
  directory: DirectoryUser[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const [picked, setPicked] = useState<DirectoryUser | null>(null);
  const [role, setRole] = useState<SopRole>('commenter');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const explicit = new Set(
    members.members.filter((m) => m.source === 'member').map((m) => m.userId),
  );
  const candidates = directory.filter((u) => !explicit.has(u.id) && !u.disabled);
  const unitName = units.find((u) => u.id === members.unitId)?.name ?? '';

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      await setMemberRole(sopId, picked.id, role);
      setPicked(null);
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="share-section" aria-labelledby="share-people-h">
      <h3 id="share-people-h" className="share-section-title">
        {t('share.people')}
      </h3>
      <UnitAccess
        sopId={sopId}
        canManage={canManage}
        members={members}
        units={units}
        onChanged={onChanged}
      />
      {canManage &&
        (picked ? (
          <form className="share-add" onSubmit={add}>
            <div className="share-picked" data-testid="share-picked">
              <span className="admin-person">
                <span className="admin-person-name">{picked.name}</span>
                <span className="admin-person-email">{picked.email}</span>
              </span>
              <button
                type="button"
                className="btn btn-ghost btn-icon btn-sm"
                aria-label={t('share.clearPick')}
                onClick={() => setPicked(null)}
              >
                <X aria-hidden />
              </button>
            </div>
            <select
              className="select share-role"
              aria-label={t('share.roleFor')}
              value={role}
              onChange={(e) => setRole(e.target.value as SopRole)}
              data-testid="share-role-select"
            >
              {SOP_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={busy}
              data-testid="share-add-submit"
            >
              <UserPlus aria-hidden />
              {t('share.add')}
            </button>
          </form>
        ) : (
          <PersonPicker
            people={candidates}
            onPick={setPicked}
            label={t('share.addPerson')}
            placeholder={t('share.addPlaceholder')}
            emptyText={t('share.noCandidates')}
            testId="share-add-user"
          />
        ))}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <ul className="share-members" aria-label={t('share.withAccess')}>
        {[...members.members].sort(byRole).map((m) => (
          <MemberRow
            key={m.userId}
            sopId={sopId}
            member={m}
            unitName={unitName}
            canManage={canManage}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}
