import type { Author } from '@shared/discussion/index';
import type { Awareness } from 'y-protocols/awareness';

/**
 * What a participant publishes in the CONTENT doc's awareness under `review`
 * (ephemeral, never stored): which session they are in, whether they present
 * and, for the presenter, the step being shown. `at` orders two tabs of the
 * same user (the latest move wins).
 */
export interface ReviewAwareness {
  sessionId: string;
  presenter: boolean;
  stepId: string | null;
  following: boolean;
  user: Author;
  at: number;
}

/** A participant seen in awareness. */
export interface ReviewPeer extends ReviewAwareness {
  clientId: number;
}

const FIELD = 'review';

function parse(v: unknown): ReviewAwareness | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const u = o.user as Record<string, unknown> | undefined;
  if (typeof o.sessionId !== 'string' || !u || typeof u.id !== 'string') return null;
  return {
    sessionId: o.sessionId,
    presenter: o.presenter === true,
    stepId: typeof o.stepId === 'string' ? o.stepId : null,
    following: o.following === true,
    user: {
      id: u.id,
      name: typeof u.name === 'string' ? u.name : '?',
      colour: typeof u.colour === 'string' ? u.colour : '#4a5568',
    },
    at: typeof o.at === 'number' ? o.at : 0,
  };
}

/**
 * Read/write model of the `review` awareness field for React
 * (`useSyncExternalStore`): `getPeers()` is the same array until a review
 * field changes, so cursor moves and typing do not re-render the review UI.
 */
export class ReviewAwarenessStore {
  private peers: readonly ReviewPeer[] = [];
  private key = '';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.recompute);
    this.recompute();
  }

  private recompute = (): void => {
    const list: ReviewPeer[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      const r = parse((state as Record<string, unknown>)[FIELD]);
      if (r) list.push({ ...r, clientId });
    }
    list.sort((a, b) => a.clientId - b.clientId);
    const key = JSON.stringify(list);
    if (key === this.key) return;
    this.key = key;
    this.peers = list;
    for (const l of [...this.listeners]) l();
  };

  get clientId(): number {
    return this.awareness.clientID;
  }

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  };

  /** Everyone publishing a review field, this client included. */
  getPeers = (): readonly ReviewPeer[] => this.peers;

  /** Publishes (or clears, with null) this client's review field. */
  publish(value: ReviewAwareness | null): void {
    const cur = parse(this.awareness.getLocalState()?.[FIELD]);
    if (value && cur && sameExceptTime(cur, value)) return;
    if (!value && !cur) return;
    this.awareness.setLocalStateField(FIELD, value);
  }

  destroy(): void {
    this.awareness.off('change', this.recompute);
    this.listeners.clear();
  }
}

function sameExceptTime(a: ReviewAwareness, b: ReviewAwareness): boolean {
  return (
    a.sessionId === b.sessionId &&
    a.presenter === b.presenter &&
    a.stepId === b.stepId &&
    a.following === b.following &&
    a.user.id === b.user.id &&
    a.user.name === b.user.name &&
    a.user.colour === b.user.colour
  );
}

/**
 * Where the presenter of `sessionId` is: the latest presenter entry of that
 * user in that session (two tabs: the later move wins). null = presenter not
 * connected.
 */
export function presenterPosition(
  peers: readonly ReviewPeer[],
  sessionId: string,
  presenterId: string,
): ReviewPeer | null {
  let best: ReviewPeer | null = null;
  for (const p of peers) {
    if (p.sessionId !== sessionId || !p.presenter || p.user.id !== presenterId) continue;
    if (!best || p.at > best.at) best = p;
  }
  return best;
}
