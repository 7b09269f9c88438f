import type { Awareness } from 'y-protocols/awareness';

/** Where a user's caret is: a step cell, or an identity field (stepId null). */
export interface PresenceFocus {
  stepId: string | null;
  field: string | null;
}

/** Another connected device (awareness client), as published in awareness. */
export interface PeerInfo {
  clientId: number;
  /** The account id (one person on a laptop and a projector has two clients, one id). */
  userId: string | null;
  name: string;
  color: string;
  focus: PresenceFocus | null;
}

/** One person connected to the document, with how many devices they use. */
export interface Person {
  /** The account id, or `client:<n>` for a client that names no account. */
  key: string;
  name: string;
  color: string;
  devices: number;
}

interface AwarenessUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
}

const NO_PEOPLE: readonly Person[] = [];

/**
 * People from awareness clients: one entry per account (first seen name and
 * colour, a device count), in client order. Clients without an account id are
 * each their own person.
 */
export function groupPeople(peers: readonly PeerInfo[]): Person[] {
  const byKey = new Map<string, Person>();
  for (const p of peers) {
    const key = p.userId ?? `client:${p.clientId}`;
    const cur = byKey.get(key);
    if (cur) cur.devices++;
    else byKey.set(key, { key, name: p.name, color: p.color, devices: 1 });
  }
  return [...byKey.values()];
}

const EMPTY: readonly PeerInfo[] = [];

/**
 * Read model over Yjs awareness for React. Snapshots are cached and only
 * replaced when they change, so a row subscribed to "who is on step X" does not
 * re-render when someone moves between other rows.
 */
export class PresenceStore {
  private others: readonly PeerInfo[] = EMPTY;
  private people: readonly Person[] = NO_PEOPLE;
  private selfDevices = 1;
  private selfId: string | null = null;
  private byStep = new Map<string, readonly PeerInfo[]>();
  private byField = new Map<string, readonly PeerInfo[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.recompute);
    this.recompute();
  }

  private recompute = (): void => {
    const list: PeerInfo[] = [];
    let selfDevices = 1;
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const user = (state as { user?: AwarenessUser }).user;
      if (!user) continue;
      const focus = (state as { focus?: PresenceFocus | null }).focus ?? null;
      const userId = typeof user.id === 'string' && user.id ? user.id : null;
      // The same account on another device: counted with "you", not shown as someone else.
      if (userId !== null && userId === this.selfId) {
        selfDevices++;
        continue;
      }
      list.push({
        clientId,
        userId,
        name: typeof user.name === 'string' && user.name ? user.name : '?',
        color: typeof user.color === 'string' ? user.color : '#4a5568',
        focus: focus && typeof focus === 'object' ? focus : null,
      });
    }
    list.sort((a, b) => a.clientId - b.clientId);
    if (sameList(list, this.others) && selfDevices === this.selfDevices) return;
    this.selfDevices = selfDevices;
    this.others = list.length ? list : EMPTY;
    this.people = list.length ? groupPeople(list) : NO_PEOPLE;
    this.byStep = reuse(
      this.byStep,
      groupBy(list, (p) => p.focus?.stepId ?? null),
    );
    this.byField = reuse(
      this.byField,
      groupBy(
        list.filter((p) => !p.focus?.stepId),
        (p) => p.focus?.field ?? null,
      ),
    );
    for (const l of this.listeners) l();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getOthers = (): readonly PeerInfo[] => this.others;

  /** The other people (one per account, with a device count); same array while unchanged. */
  getPeople = (): readonly Person[] => this.people;

  /** How many devices this user has on the document, this one included. */
  getSelfDevices = (): number => this.selfDevices;

  /** Users focused somewhere in step `id` (same array while unchanged). */
  onStep(id: string): readonly PeerInfo[] {
    return this.byStep.get(id) ?? EMPTY;
  }

  /** Users focused on a non-step field such as `identity.name`. */
  onField(field: string): readonly PeerInfo[] {
    return this.byField.get(field) ?? EMPTY;
  }

  /** Publishes this user's focus (null when nothing is focused). */
  setFocus(focus: PresenceFocus | null): void {
    const cur = this.awareness.getLocalState()?.focus as PresenceFocus | null | undefined;
    if (cur?.stepId === focus?.stepId && cur?.field === focus?.field) return;
    this.awareness.setLocalStateField('focus', focus);
  }

  /** Publishes who this client is; `id` (the account) makes two devices one person. */
  setUser(name: string, color: string, id: string | null = null): void {
    this.selfId = id;
    this.awareness.setLocalStateField('user', id ? { id, name, color } : { name, color });
  }

  destroy(): void {
    this.awareness.off('change', this.recompute);
    this.listeners.clear();
  }
}

function sameList(a: readonly PeerInfo[], b: readonly PeerInfo[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i];
    return (
      q !== undefined &&
      p.clientId === q.clientId &&
      p.userId === q.userId &&
      p.name === q.name &&
      p.color === q.color &&
      p.focus?.stepId === q.focus?.stepId &&
      p.focus?.field === q.focus?.field
    );
  });
}

/** Keeps the previous array of a key when its content is unchanged (stable snapshots). */
function reuse(
  prev: Map<string, readonly PeerInfo[]>,
  next: Map<string, readonly PeerInfo[]>,
): Map<string, readonly PeerInfo[]> {
  for (const [k, arr] of next) {
    const old = prev.get(k);
    if (old && sameList(old, arr)) next.set(k, old);
  }
  return next;
}

/** Groups peers by key (null keys dropped). */
function groupBy(
  list: readonly PeerInfo[],
  key: (p: PeerInfo) => string | null,
): Map<string, readonly PeerInfo[]> {
  const m = new Map<string, PeerInfo[]>();
  for (const p of list) {
    const k = key(p);
    if (k === null) continue;
    const arr = m.get(k);
    if (arr) arr.push(p);
    else m.set(k, [p]);
  }
  return m;
}
