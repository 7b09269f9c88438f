import type { RefusedMessage } from '@shared/protocol';
import { useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { CollabSession, type CollabState } from './CollabSession';

const noopSubscribe = () => () => {};

/**
 * Opens the SOP `id` for editing. The session (doc, providers) is created in an
 * effect, never during render, so StrictMode's mount–unmount–mount makes and
 * destroys a whole session instead of leaking a second socket. A layout effect:
 * the socket opens in the commit that shows the page, not a frame later.
 *
 * When the server refuses this replica's update (e.g. edits made offline before
 * the user's role was lowered), the replica holds changes the server will never
 * have: its IndexedDB copy is deleted and a fresh session opened, which loads
 * the server's state; `onRefused` tells the user.
 */
export function useCollabSession(
  id: string,
  onRefused?: (m: RefusedMessage) => void,
): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [generation, setGeneration] = useState(0);
  const refusedRef = useRef(onRefused);
  refusedRef.current = onRefused;
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation re-opens after a refusal
  useLayoutEffect(() => {
    let live = true;
    const s = new CollabSession(id);
    let handled = false;
    const off = s.subscribe(() => {
      const refused = s.getState().refused;
      if (!refused || handled) return;
      handled = true;
      refusedRef.current?.(refused);
      void s.discardLocalCopy().finally(() => {
        if (live) setGeneration((g) => g + 1);
      });
    });
    setSession(s);
    return () => {
      live = false;
      off();
      setSession(null);
      s.destroy();
    };
  }, [id, generation]);
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
