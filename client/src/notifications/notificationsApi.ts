import { api } from '../admin/http';

export interface NotificationItem {
  id: string;
  at: string;
  kind: string;
  sopId: string | null;
  sopName?: string | null;
  /** Server-composed text (fallback when the client does not know the kind). */
  text?: string;
  /** Plain data the client composes its text from (`by`, `role`, `sopName`, ...). */
  data?: Record<string, unknown>;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  items: NotificationItem[];
}

export function getNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return api('/api/notifications', signal ? { signal } : {});
}

/** Marks `ids` read, or every notification when `ids` is omitted. */
export function markRead(ids?: string[]): Promise<void> {
  return api('/api/notifications/read', { method: 'POST', json: ids ? { ids } : {} });
}
