import { useCallback, useEffect, useRef, useState } from 'react';
import { getNotifications, markRead, type NotificationList } from './notificationsApi';

const POLL_MS = 30_000;

/**
 * The signed-in user's notifications: loaded at once, every 30 s while the tab
 * is visible, and whenever the window regains focus. `read()` marks entries
 * read optimistically and then tells the server.
 */
export function useNotifications(enabled: boolean) {
  const [data, setData] = useState<NotificationList | null>(null);
  const inflight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    inflight.current?.abort();
    const ac = new AbortController();
    inflight.current = ac;
    getNotifications(ac.signal).then(
      (d) => !ac.signal.aborted && setData(d),
      // A failed poll keeps the last list; the next poll tries again.
      () => {},
    );
  }, []);

  useEffect(() => {
    if (!enabled) return;
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_MS);
    const onFocus = () => refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      inflight.current?.abort();
    };
  }, [enabled, refresh]);

  const read = useCallback(
    async (ids?: string[]) => {
      const now = new Date().toISOString();
      setData((d) => {
        if (!d) return d;
        const items = d.items.map((n) =>
          !n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n,
        );
        return { unread: items.filter((n) => !n.readAt).length, items };
      });
      try {
        await markRead(ids);
      } finally {
        refresh();
      }
    },
    [refresh],
  );

  return { data, refresh, read };
}
