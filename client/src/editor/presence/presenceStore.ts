import type { Awareness } from 'y-protocols/awareness';

/** Where a user's caret is: a step cell, or an identity field (stepId null). */
export interface PresenceFocus {
  stepId: string | null;
  field: string | null;
}

/** Another connected user, as published in awareness. */
export interface PeerInfo {
  clientId: number;
  name: string;
  color: string;
  focus: PresenceFocus | null;
}

interface AwarenessUser {
  name?: unknown;
  color?: unknown;
}

const EMPTY: readonly PeerInfo[] = [];

/**
 * Read model over Yjs awareness for React. Snapshots are cached and only
 * replaced when they change, so a row subscribed to "who is on step X" does not
 * re-render when someone moves between other rows.
 */
export class PresenceStore {
  private others: readonly PeerInfo[] = EMPTY;
  private byStep = new Map<string, readonly PeerInfo[]>();
  private byField = new Map<string, readonly PeerInfo[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.recompute);
    this.recompute();
  }

  private recompute = (): void => {
    const list: PeerInfo[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const user = (state as { user?: AwarenessUser }).user;
      if (!user) continue;
      const focus = (state as { focus?: PresenceFocus | null }).focus ?? null;
      list.push({
        clientId,
        name: typeof user.name === 'string' && user.name ? user.name : '?',
        color: typeof user.color === 'string' ? user.color : '#4a5568',
        focus: focus && typeof focus === 'object' ? focus : null,
      });
    }
    list.sort((a, b) => a.clientId - b.clientId);
    if (sameList(list, this.others)) return;
    this.others = list.length ? list : EMPTY;
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

  setUser(name: string, color: string): void {
    this.awareness.setLocalStateField('user', { name, color });
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
