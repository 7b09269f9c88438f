import { isSopRole, type SopRole } from '@shared/access/permissions';
import type { AccessMessage } from '@shared/protocol';
import { getAccess, NO_RIGHTS, type SopAccess, type SopCan } from '../../lib/workflowApi';

/** What the editor mirrors of the user's rights on the open SOP. */
export interface EditorAccess {
  /** Something is known (server, socket or the last visit's copy); before that: read-only. */
  known: boolean;
  role: SopRole | null;
  /** Every right; `edit` follows the socket's `canWrite` (the freshest word). */
  can: SopCan;
}

/** The part of `CollabSession` the store listens to. */
export interface AccessSource {
  getState(): { access: AccessMessage | null };
  subscribe(cb: () => void): () => void;
}

const UNKNOWN: EditorAccess = { known: false, role: null, can: NO_RIGHTS };
const cacheKey = (sopId: string) => `susun.access.${sopId}`;

function readCache(sopId: string): SopAccess | null {
  try {
    const raw = localStorage.getItem(cacheKey(sopId));
    const v = raw ? (JSON.parse(raw) as SopAccess) : null;
    return v && typeof v.can === 'object' ? v : null;
  } catch {
    return null;
  }
}

function writeCache(sopId: string, a: SopAccess): void {
  try {
    localStorage.setItem(cacheKey(sopId), JSON.stringify(a));
  } catch {
    // A convenience for offline visits; losing it only means read-only until online.
  }
}

/**
 * The user's rights on one SOP, for `useSyncExternalStore`: `GET /access` (every
 * right), refreshed whenever the socket's `access` message changes (a role
 * lowered or raised, the SOP approved or a revision started — the message says
 * at once whether content updates are accepted; the full set follows), and when
 * the browser comes back online. The last answer is kept in localStorage, so
 * an offline visit mirrors what the server said last time.
 */
export class AccessStore {
  private rest: SopAccess | null;
  private socket: AccessMessage | null = null;
  private snapshot: EditorAccess = UNKNOWN;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  private abort: AbortController | null = null;
  private destroyed = false;

  constructor(
    readonly sopId: string,
    source: AccessSource,
    private readonly load: (sopId: string, signal: AbortSignal) => Promise<SopAccess> = getAccess,
  ) {
    this.rest = readCache(sopId);
    this.socket = source.getState().access;
    this.recompute();
    this.cleanups.push(
      source.subscribe(() => {
        const m = source.getState().access;
        if (!m || sameMessage(m, this.socket)) return;
        const first = this.socket === null;
        this.socket = m;
        this.recompute();
        // The first message only confirms what the request in flight will say.
        if (!first || !this.rest) this.refresh();
      }),
    );
    if (typeof window !== 'undefined') {
      const online = () => this.refresh();
      window.addEventListener('online', online);
      this.cleanups.push(() => window.removeEventListener('online', online));
    }
    this.refresh();
  }

  /** Asks the server again (drops a request still in flight). */
  refresh(): void {
    if (this.destroyed) return;
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    this.load(this.sopId, ac.signal).then(
      (a) => {
        if (ac.signal.aborted || this.destroyed) return;
        this.rest = a;
        writeCache(this.sopId, a);
        this.recompute();
      },
      () => {
        // Offline or refused: the socket (or its close code) says the rest.
      },
    );
  }

  private recompute(): void {
    const rest = this.rest;
    const socket = this.socket;
    if (!rest && !socket) {
      this.set(UNKNOWN);
      return;
    }
    const role = socket && isSopRole(socket.role) ? socket.role : (rest?.role ?? null);
    const can: SopCan = { ...(rest?.can ?? NO_RIGHTS) };
    if (socket) {
      can.edit = socket.canWrite;
      if (socket.locked) can.review = false;
    }
    this.set({ known: true, role, can });
  }

  private set(next: EditorAccess): void {
    const cur = this.snapshot;
    if (
      cur.known === next.known &&
      cur.role === next.role &&
      (Object.keys(next.can) as Array<keyof SopCan>).every((k) => cur.can[k] === next.can[k])
    )
      return;
    this.snapshot = next;
    for (const l of [...this.listeners]) l();
  }

  getSnapshot = (): EditorAccess => this.snapshot;

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  };

  destroy(): void {
    this.destroyed = true;
    this.abort?.abort();
    for (const c of this.cleanups) c();
    this.listeners.clear();
  }
}

function sameMessage(a: AccessMessage, b: AccessMessage | null): boolean {
  return !!b && a.role === b.role && a.canWrite === b.canWrite && a.locked === b.locked;
}

/** Rights before anything is known (read-only). */
export const UNKNOWN_ACCESS = UNKNOWN;
