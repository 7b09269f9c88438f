import { Pencil, Search, UserCheck, UserPlus, UserX } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useUser } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { IconButton } from '../components/IconButton';
import { updateUser } from './adminApi';
import { errorText, useAdminT } from './i18n';
import { RoleBadges, unitNames } from './RoleBadges';
import type { AdminUser, Unit } from './types';
import { UserDialog } from './UserDialog';

type Editing = { kind: 'create' } | { kind: 'edit'; user: AdminUser } | null;

function matches(u: AdminUser, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [u.name, u.email, u.nip ?? '', u.title].some((f) => f.toLowerCase().includes(needle));
}

/** The Pengguna tab: every account, search, create, edit, disable/enable. */
export function UsersTab({
  users,
  units,
  onChanged,
}: {
  users: AdminUser[] | null;
  units: Unit[];
  onChanged: () => void;
}) {
  const { t } = useAdminT();
  const me = useUser();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);
  const shown = useMemo(() => (users ?? []).filter((u) => matches(u, q)), [users, q]);

  return (
    <section className="card admin-card" data-testid="admin-users" aria-labelledby="users-h">
      <div className="admin-toolbar">
        <h2 id="users-h" className="admin-card-title">
          {t('users.title')}
        </h2>
        {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in the JSX types */}
        <div className="search-box" role="search">
          <Search aria-hidden />
          <input
            type="search"
            className="input"
            aria-label={t('users.search')}
            placeholder={t('users.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        {users && (
          <span className="list-count" aria-live="polite">
            {t('users.count', { count: shown.length })}
          </span>
        )}
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setEditing({ kind: 'create' })}
          data-testid="user-create"
        >
          <UserPlus aria-hidden />
          {t('users.create')}
        </button>
      </div>
      {users === null ? (
        <p className="empty-state">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty-state">{q ? t('users.noMatch', { q }) : t('users.empty')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col" className="admin-col-name">
                  {t('users.colName')}
                </th>
                <th scope="col">{t('users.colNip')}</th>
                <th scope="col">{t('users.colTitle')}</th>
                <th scope="col">{t('users.colRoles')}</th>
                <th scope="col">{t('users.colUnits')}</th>
                <th scope="col">{t('users.colStatus')}</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr
                  key={u.id}
                  data-testid="user-row"
                  data-user-id={u.id}
                  data-email={u.email}
                  className={u.disabled ? 'is-disabled' : undefined}
                >
                  <td>
                    <div className="admin-person">
                      <span className="admin-person-name">{u.name}</span>
                      <span className="admin-person-email">{u.email}</span>
                    </div>
                  </td>
                  <td className="admin-nip">{u.nip || <span className="muted">—</span>}</td>
                  <td>{u.title || <span className="muted">—</span>}</td>
                  <td>
                    <RoleBadges user={u} units={units} />
                  </td>
                  <td>
                    {unitNames(units, u.unitIds).join(', ') || <span className="muted">—</span>}
                  </td>
                  <td>
                    {u.disabled ? (
                      <span className="pill pill-danger">{t('users.disabled')}</span>
                    ) : (
                      <span className="pill pill-success">{t('users.active')}</span>
                    )}
                  </td>
                  <td className="col-actions">
                    <div className="admin-row-actions">
                      <IconButton
                        label={t('users.edit', { name: u.name })}
                        icon={<Pencil aria-hidden />}
                        onClick={() => setEditing({ kind: 'edit', user: u })}
                        data-testid="user-edit"
                      />
                      {u.id !== me?.id && (
                        <IconButton
                          label={
                            u.disabled
                              ? t('users.enable', { name: u.name })
                              : t('users.disable', { name: u.name })
                          }
                          icon={u.disabled ? <UserCheck aria-hidden /> : <UserX aria-hidden />}
                          onClick={() => setToggling(u)}
                          data-testid="user-toggle"
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UserDialog
        editing={editing}
        units={units}
        onClose={() => setEditing(null)}
        onSaved={onChanged}
      />
      <ConfirmDialog
        errorText={(e) => errorText(t, e)}
        open={toggling !== null}
        onOpenChange={(o) => !o && setToggling(null)}
        title={
          toggling?.disabled
            ? t('users.enableTitle', { name: toggling.name })
            : t('users.disableTitle', { name: toggling?.name ?? '' })
        }
        body={toggling?.disabled ? t('users.enableBody') : t('users.disableBody')}
        confirmLabel={toggling?.disabled ? t('users.enableOk') : t('users.disableOk')}
        danger={!toggling?.disabled}
        onConfirm={async () => {
          if (!toggling) return;
          await updateUser(toggling.id, { disabled: !toggling.disabled });
          onChanged();
        }}
      />
    </section>
  );
}
