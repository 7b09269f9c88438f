import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ChevronDown, CloudOff, LogOut, ShieldCheck, UserRound } from 'lucide-react';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { AuthContext } from './AuthContext';
import type { AuthUser } from './types';
import './account.css';

/** Up to two initials of a name, for the avatar ("Ani Lestari" → "AL"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function Badges({ user }: { user: AuthUser }) {
  const { t } = useTranslation('auth');
  if (user.kind === 'guest') {
    const role = user.guest ? t(`join.roles.${user.guest.role}`) : '';
    return (
      <span className="pill pill-warning">
        {role ? t('menu.guestRole', { role }) : t('menu.guest')}
      </span>
    );
  }
  if (!user.isAdmin && !user.isApprover) return null;
  return (
    <span className="user-menu-badges">
      {user.isAdmin && <span className="pill pill-primary">{t('menu.administrator')}</span>}
      {user.isApprover && <span className="pill pill-success">{t('menu.approver')}</span>}
    </span>
  );
}

/**
 * The signed-in person in the header: avatar and name; the menu shows title and
 * agency roles, links to the account page (and administration for admins) and
 * signs out. Guests see their name, "Tamu" and a leave button. Renders nothing
 * outside `AuthProvider` or when nobody is signed in.
 */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('auth');
  const auth = useContext(AuthContext);
  const [, navigate] = useLocation();
  const user = auth?.user;
  if (!auth || !user) return null;
  const guest = user.kind === 'guest';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          className="btn btn-ghost user-menu-trigger"
          aria-label={t('menu.label', { name: user.name })}
          data-testid="user-menu"
        >
          <span className={guest ? 'user-avatar user-avatar-guest' : 'user-avatar'} aria-hidden>
            {initials(user.name)}
          </span>
          {/* Compact (narrow bar): the name stays for screen readers, the avatar shows it. */}
          <span className={compact ? 'visually-hidden' : 'user-menu-name'}>{user.name}</span>
          {guest && <span className="pill pill-warning user-menu-guest">{t('menu.guest')}</span>}
          {auth.offline && <CloudOff aria-hidden className="user-menu-offline" />}
          {!compact && <ChevronDown aria-hidden />}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content user-menu" align="end" sideOffset={6}>
          <div className="user-menu-head">
            <span
              className={
                guest
                  ? 'user-avatar user-avatar-lg user-avatar-guest'
                  : 'user-avatar user-avatar-lg'
              }
            >
              {initials(user.name)}
            </span>
            <div className="user-menu-who">
              <strong>{user.name}</strong>
              {user.title && <span className="muted">{user.title}</span>}
              {user.email && <span className="user-menu-email">{user.email}</span>}
              <Badges user={user} />
            </div>
          </div>
          {auth.offline && (
            <p className="user-menu-note">
              <CloudOff aria-hidden />
              {t('menu.offline')}
            </p>
          )}
          <DropdownMenu.Separator className="menu-separator" />
          {!guest && (
            <DropdownMenu.Item
              className="menu-item"
              onSelect={() => navigate('/account')}
              data-testid="user-menu-account"
            >
              <UserRound aria-hidden />
              {t('menu.account')}
            </DropdownMenu.Item>
          )}
          {!guest && user.isAdmin && (
            <DropdownMenu.Item
              className="menu-item"
              onSelect={() => navigate('/admin')}
              data-testid="user-menu-admin"
            >
              <ShieldCheck aria-hidden />
              {t('menu.admin')}
            </DropdownMenu.Item>
          )}
          {!guest && <DropdownMenu.Separator className="menu-separator" />}
          <DropdownMenu.Item
            className="menu-item"
            onSelect={() => void auth.logout()}
            data-testid="user-menu-logout"
          >
            <LogOut aria-hidden />
            {guest ? t('menu.leave') : t('menu.logout')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
