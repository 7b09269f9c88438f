import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { CollabSession, type CollabState } from './CollabSession';

const noopSubscribe = () => () => {};

/**
 * Opens the SOP `id` for editing. The session (doc, providers) is created in an
 * effect, never during render, so StrictMode's mount–unmount–mount makes and
 * destroys a whole session instead of leaking a second socket.
 */
export function useCollabSession(id: string): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const s = new CollabSession(id);
    setSession(s);
    return () => {
      setSession(null);
      s.destroy();
    };
  }, [id]);
  return session;
}

/**
 * One field of the session state. Components select what they show, so a
 * "saved" flip after every keystroke re-renders the badge, not the editor.
 */
export function useCollabField<K extends keyof CollabState>(
  session: CollabSession | null,
  key: K,
  fallback: CollabState[K],
): CollabState[K] {
  const get = useCallback(
    () => (session ? session.getState()[key] : fallback),
    [session, key, fallback],
  );
  return useSyncExternalStore(session ? session.subscribe : noopSubscribe, get);
}
