/**
 * The registry of loaded rooms for one server instance (no module state: two servers
 * in one process each have their own). Loads a room on first use and unloads it
 * `unloadDelayMs` after it became idle, only after its state is stored.
 *
 * Two rules make the registry safe with an asynchronous store:
 * - One room per document at a time, and a document is loaded again only once the
 *   previous room is {@link Room.closed} (its own writes in flight have settled): a new
 *   room never reads storage while an old one may still append or compact.
 * - A room is only ever handed out held ({@link RoomLease}); the hold is released by
 *   the caller whatever happens, and the release of the last hold of a room without
 *   connections schedules its unload. So a caller that gave up while it waited (a
 *   socket that closed while an old room unloaded) cannot leave a room that is never
 *   unloaded.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Config } from '../config.js';
import type { DocLog } from '../storage/docLog.js';
import type { RoomConnection } from './connection.js';
import type { DocFanout } from './docFanout.js';
import type { DocLocks } from './docLocks.js';
import type { ListingWriter } from './metaWriter.js';
import { Room, type RoomDeps } from './room.js';
import type { DocSummarizer } from './summary.js';
import { WriteBatcher } from './writeBatcher.js';

export interface RoomManagerDeps {
  docLog: RoomDeps['docLog'] & Pick<DocLog, 'append'>;
  index: ListingWriter;
  logger: Logger;
  config: Config;
  summarize?: DocSummarizer | undefined;
  /** See {@link RoomDeps.prepareDoc}. */
  prepareDoc?: ((docId: string, doc: Y.Doc) => Promise<boolean>) | undefined;
  /** See {@link RoomDeps.fanout}. */
  fanout?: DocFanout | undefined;
  /**
   * Several processes: locks that {@link RoomManager.withDocs} holds across processes
   * (see cluster/docLocks.ts). Without, its changes are serialised within this process.
   */
  locks?: DocLocks | undefined;
}

/** A held room: it is not unloaded before {@link release} (call it exactly once; more is harmless). */
export interface RoomLease {
  readonly room: Room;
  release(): void;
}

/** A document held for a server change: its doc, and its state once stored (see {@link Room.storedState}). */
export interface HeldDoc {
  readonly doc: Y.Doc;
  /** The doc's state now, resolving once all of it is stored (for versions). */
  storedState(): Promise<Uint8Array>;
}

export class RoomManager {
  readonly batcher: WriteBatcher;
  private readonly rooms = new Map<string, Room>();
  private readonly holds = new Map<Room, number>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly deps: RoomManagerDeps) {
    this.batcher = new WriteBatcher(deps.docLog, (err) =>
      deps.logger.error({ err }, 'handling a stored group failed'),
    );
  }

  /** Rooms in memory (open, or closing until their writes settled). */
  get size(): number {
    return this.rooms.size;
  }

  get connectionCount(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += r.connectionCount;
    return n;
  }

  /** The open room, if any (does not load, does not hold). */
  peek(docId: string): Room | undefined {
    const r = this.rooms.get(docId);
    return r && isOpen(r) ? r : undefined;
  }

  /** Get or create the document's room, held (its `loaded` promise tells when it is usable). */
  async acquire(docId: string): Promise<RoomLease> {
    for (;;) {
      if (this.closed) throw new Error('server is shutting down');
      const existing = this.rooms.get(docId);
      if (!existing) break;
      if (isOpen(existing)) return this.hold(existing);
      // Why: a new room must load what the old one stored, so wait until its writes settled.
      await existing.closed;
    }
    const room = new Room(docId, {
      ...this.deps,
      batcher: this.batcher,
      onIdle: (r) => this.scheduleUnload(r),
    });
    this.rooms.set(docId, room);
    room.loaded.catch(() => {});
    void room.closed.then(() => {
      this.cancelUnload(room);
      this.holds.delete(room);
      if (this.rooms.get(docId) === room) this.rooms.delete(docId);
    });
    return this.hold(room);
  }

  /**
   * Join `conn` to the document's room, loading it if needed. Null when `conn` went away
   * meanwhile (`gone()`) or the room refused it (full, closing: `conn` is then closed).
   */
  async join(docId: string, conn: RoomConnection, gone: () => boolean): Promise<Room | null> {
    const lease = await this.acquire(docId);
    try {
      if (gone() || !lease.room.addConnection(conn)) return null;
      return lease.room;
    } finally {
      lease.release();
    }
  }

  /**
   * Run a server-side change on a document through its room (so connected clients see it),
   * resolving once the change is stored.
   */
  async change(docId: string, fn: (doc: Y.Doc) => void): Promise<void> {
    const lease = await this.acquire(docId);
    try {
      await lease.room.change(fn);
    } finally {
      lease.release();
    }
  }

  /**
   * Server-side changes across several documents (an SOP's content and its discussion:
   * approval writes both): loads and holds every room, runs `fn` on their docs once all
   * are ready, and resolves once everything `fn` changed in any of them is stored (and
   * so broadcast). `fn` validates before it writes: a throw before its first write
   * changes nothing. A version taken inside `fn` comes from `storedState()`.
   */
  async withDocs<T>(docIds: readonly string[], fn: (docs: HeldDoc[]) => T): Promise<T> {
    const { locks } = this.deps;
    // Several processes: one at a time across all of them, each starting from what the
    // previous one stored (it let go only once its change was stored).
    if (locks) return locks.hold(docIds, () => this.runHeld(docIds, fn, true));
    return this.runHeld(docIds, fn, false);
  }

  private async runHeld<T>(
    docIds: readonly string[],
    fn: (docs: HeldDoc[]) => T,
    catchUp: boolean,
  ): Promise<T> {
    const leases: RoomLease[] = [];
    try {
      for (const id of docIds) leases.push(await this.acquire(id));
      const rooms = leases.map((l) => l.room);
      await Promise.all(rooms.map((r) => r.loaded));
      if (catchUp) await Promise.all(rooms.map((r) => r.replica?.upToDate()));
      for (const r of rooms)
        if (r.state !== 'ready') throw new Error('document is not available (room closed)');
      for (const r of rooms) r.flushPending();
      const out = fn(rooms.map((r) => ({ doc: r.doc, storedState: () => r.storedState() })));
      await Promise.all(rooms.map((r) => r.whenStored()));
      return out;
    } finally {
      for (const l of leases) l.release();
    }
  }

  /** The open rooms of these documents (live access re-checks walk these). */
  roomsOf(docIds: readonly string[]): Room[] {
    return docIds.map((id) => this.peek(id)).filter((r): r is Room => r !== undefined);
  }

  private hold(room: Room): RoomLease {
    this.cancelUnload(room);
    this.holds.set(room, (this.holds.get(room) ?? 0) + 1);
    let released = false;
    return {
      room,
      release: () => {
        if (released) return;
        released = true;
        const n = (this.holds.get(room) ?? 1) - 1;
        if (n > 0) this.holds.set(room, n);
        else {
          this.holds.delete(room);
          if (room.connectionCount === 0) this.scheduleUnload(room);
        }
      },
    };
  }

  private idle(room: Room): boolean {
    return room.connectionCount === 0 && !this.holds.has(room);
  }

  private scheduleUnload(room: Room): void {
    if (this.closed || this.unloadTimers.has(room) || !this.idle(room) || !isOpen(room)) return;
    const t = setTimeout(() => {
      this.unloadTimers.delete(room);
      if (this.idle(room)) void this.unload(room);
    }, this.deps.config.unloadDelayMs);
    this.unloadTimers.set(room, t);
  }

  private async unload(room: Room): Promise<void> {
    // A slow load: whoever arrives meanwhile keeps the room.
    await room.loaded.catch(() => {});
    if (!this.closed && !this.idle(room)) return;
    await room.unload().catch((err: unknown) => room.log.error({ err }, 'unload failed'));
  }

  private cancelUnload(room: Room): void {
    const t = this.unloadTimers.get(room);
    if (t) clearTimeout(t);
    this.unloadTimers.delete(room);
  }

  /** Compact and unload every room (shutdown), then wait for every write. */
  async closeAll(): Promise<void> {
    this.closed = true;
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    const rooms = [...this.rooms.values()];
    await Promise.all(rooms.map((r) => this.unload(r)));
    // A room whose load failed or that reset is already closing: wait for its writes too.
    await Promise.all(rooms.map((r) => r.closed));
    await this.batcher.idle();
  }
}

function isOpen(room: Room): boolean {
  return room.state === 'loading' || room.state === 'ready';
}
