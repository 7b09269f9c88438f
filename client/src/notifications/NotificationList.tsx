import * as Popover from '@radix-ui/react-popover';
import { Link } from 'wouter';
import { formatWhen, useAdminT } from '../admin/i18n';
import type { NotificationList as List, NotificationItem } from './notificationsApi';

type T = ReturnType<typeof useAdminT>['t'];

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The sentence for a notification, in the UI language, from its kind and data. */
function notificationText(t: T, n: NotificationItem): string {
  const data = n.data ?? {};
  const role = str(data.role);
  return t(`notifKinds.${n.kind.replace(/\./g, '_')}`, {
    ...data,
    by: str(data.by) || t('audit.system'),
    role: role ? t(`values.${role}`, { defaultValue: role }) : '',
    defaultValue: n.text || t('notifKinds.generic'),
  });
}

function Entry({ n, onRead }: { n: NotificationItem; onRead: (id: string) => void }) {
  const { t, i18n } = useAdminT();
  const sopName = n.sopName || str(n.data?.sopName);
  const note = str(n.data?.note);
  const body = (
    <>
      {!n.readAt && (
        <>
          <span className="notif-dot" aria-hidden />
          <span className="visually-hidden">{t('notifications.unread')}: </span>
        </>
      )}
      <span className="notif-text">
        <span className="notif-msg">{notificationText(t, n)}</span>
        {sopName && <span className="notif-sop">{sopName}</span>}
        {note && <span className="notif-note">“{note}”</span>}
        <span className="notif-when">{formatWhen(n.at, i18n.language)}</span>
      </span>
    </>
  );
  const cls = n.readAt ? 'notif-item' : 'notif-item is-unread';
  if (!n.sopId)
    return (
      <button type="button" className={cls} onClick={() => onRead(n.id)}>
        {body}
      </button>
    );
  return (
    <Popover.Close asChild>
      <Link
        href={`/sop/${encodeURIComponent(n.sopId)}`}
        className={cls}
        onClick={() => !n.readAt && onRead(n.id)}
      >
        {body}
      </Link>
    </Popover.Close>
  );
}

/** The notifications, newest first; a click opens the SOP and marks the entry read. */
export function NotificationList({
  data,
  onRead,
}: {
  data: List | null;
  onRead: (id: string) => void;
}) {
  const { t } = useAdminT();
  if (!data) return <p className="notif-empty">{t('common.loading')}</p>;
  if (data.items.length === 0) return <p className="notif-empty">{t('notifications.empty')}</p>;
  return (
    <ul className="notif-list">
      {data.items.map((n) => (
        <li key={n.id} data-testid="notification-item" data-read={n.readAt ? 'true' : 'false'}>
          <Entry n={n} onRead={onRead} />
        </li>
      ))}
    </ul>
  );
}
