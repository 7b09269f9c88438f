import { SOP_ROLES, type SopRole } from '@shared/access/permissions';
import { UserMinus } from 'lucide-react';
import { useState } from 'react';
import { errorText, useAdminT } from '../admin/i18n';
import { useUser } from '../auth/AuthContext';
import { IconButton } from '../components/IconButton';
import { removeMember, type SopMember, setMemberRole } from './sharingApi';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')
  ).toUpperCase();
}

/** One person with access: name, effective role and where it comes from; owners can change it. */
export function MemberRow({
  sopId,
  member,
  unitName,
  canManage,
  onChanged,
}: {
  sopId: string;
  member: SopMember;
  unitName: string;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const me = useUser();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isMe = me?.id === member.userId;

  async function run(op: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await op();
      onChanged();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className="share-member"
      data-testid="member-row"
      data-user-id={member.userId}
      data-role={member.role}
      data-source={member.source}
    >
      <span className="share-avatar" aria-hidden>
        {initials(member.name)}
      </span>
      <span className="admin-person share-member-who">
        <span className="admin-person-name">
          {member.name}
          {isMe && <span className="muted"> ({t('share.you')})</span>}
        </span>
        <span className="admin-person-email">
          {[member.title, member.email].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className="share-member-role">
        {canManage && member.source !== 'admin' ? (
          <select
            className="select share-role"
            aria-label={t('share.roleOf', { name: member.name })}
            value={member.role}
            disabled={busy}
            onChange={(e) =>
              run(() => setMemberRole(sopId, member.userId, e.target.value as SopRole))
            }
            data-testid="member-role-select"
          >
            {SOP_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className={`pill share-role-pill role-${member.role}`}>
            {t(`roles.${member.role}`)}
          </span>
        )}
        <span className="share-source">
          {t(`share.source.${member.source}`, { unit: unitName || t('share.theUnit') })}
        </span>
      </span>
      {canManage && member.source === 'member' ? (
        <IconButton
          label={t('share.remove', { name: member.name })}
          icon={<UserMinus aria-hidden />}
          disabled={busy}
          onClick={() => run(() => removeMember(sopId, member.userId))}
          data-testid="member-remove"
        />
      ) : (
        canManage && <span className="share-remove-spacer" aria-hidden />
      )}
      {error && (
        <p role="alert" className="form-error share-member-error">
          {error}
        </p>
      )}
    </li>
  );
}
