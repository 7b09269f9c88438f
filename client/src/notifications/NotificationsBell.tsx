import * as Popover from '@radix-ui/react-popover';
import { Bell, CheckCheck } from 'lucide-react';
import { useAdminT } from '../admin/i18n';
import { useUser } from '../auth/AuthContext';
import { NotificationList } from './NotificationList';
import { useNotifications } from './useNotifications';
import './notifications.css';

/** The bell in the app header with the unread count; hidden for guests and while signed out. */
export function NotificationsBell() {
  const user = useUser();
  const enabled = user !== null && user.kind === 'user';
  const { t } = useAdminT();
  const { data, read, refresh } = useNotifications(enabled);
  if (!enabled) return null;
  const unread = data?.unread ?? 0;
  const label =
    unread > 0 ? t('notifications.openUnread', { count: unread }) : t('notifications.open');
  return (
    <Popover.Root onOpenChange={(o) => o && refresh()}>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="btn btn-ghost btn-icon notif-bell"
          aria-label={label}
          title={label}
          data-testid="notifications-bell"
          data-unread={unread}
        >
          <Bell aria-hidden />
          {unread > 0 && (
            <span className="notif-badge" data-testid="notifications-count" aria-hidden>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover-content notif-popover"
          align="end"
          sideOffset={8}
          data-testid="notifications-panel"
        >
          <div className="notif-head">
            <h2 className="notif-title">{t('notifications.title')}</h2>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={unread === 0}
              onClick={() => void read()}
              data-testid="notifications-read-all"
            >
              <CheckCheck aria-hidden />
              {t('notifications.readAll')}
            </button>
          </div>
          <NotificationList data={data} onRead={(id) => void read([id])} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
