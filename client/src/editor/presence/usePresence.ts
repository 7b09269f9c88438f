import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PeerInfo, Person, PresenceStore } from './presenceStore';

/** The open document's presence store (set by the editor page). */
export const PresenceContext = createContext<PresenceStore | null>(null);

const EMPTY: readonly PeerInfo[] = [];
const noop = () => () => {};

export function usePresenceStore(): PresenceStore | null {
  return useContext(PresenceContext);
}

/** Other users connected to this document. */
export function useOthers(): readonly PeerInfo[] {
  const store = useContext(PresenceContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.getOthers() : EMPTY,
  );
}

const NO_PEOPLE: readonly Person[] = [];

/** Other people connected (one per account, with their device count). */
export function usePeople(): readonly Person[] {
  const store = useContext(PresenceContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.getPeople() : NO_PEOPLE,
  );
}

/** How many devices this user has open on the document (this one included). */
export function useSelfDevices(): number {
  const store = useContext(PresenceContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.getSelfDevices() : 1,
  );
}

/** Other users whose caret is in step `id`; re-renders only when that set changes. */
export function usePeersOnStep(id: string): readonly PeerInfo[] {
  const store = useContext(PresenceContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.onStep(id) : EMPTY,
  );
}

/** Other users on a non-step field (e.g. `identity.name`). */
export function usePeersOnField(field: string): readonly PeerInfo[] {
  const store = useContext(PresenceContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.onField(field) : EMPTY,
  );
}
