/**
 * The registry of loaded rooms for one server instance (no module state: two servers
 * in one process each have their own). Loads a room on first use and unloads it
 * `unloadDelayMs` after it became idle, only after its state is stored.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Config } from '../config.js';
import type { Storage } from '../storage/types.js';
import { WriteBatcher } from '../storage/writeBatcher.js';
import { Room } from './room.js';
import type { DocSummarizer } from './summary.js';

export interface RoomManagerDeps {
  storage: Storage;
  logger: Logger;
  config: Config;
  summarize?: DocSummarizer | undefined;
  /** See {@link RoomDeps.prepareDoc}. */
  prepareDoc?: ((docId: string, doc: Y.Doc) => Promise<boolean>) | undefined;
}

export class RoomManager {
  readonly batcher: WriteBatcher;
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();
  private readonly unloading = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly deps: RoomManagerDeps) {
    this.batcher = new WriteBatcher(deps.storage, (err) =>
      deps.logger.error({ err }, 'handling a stored group failed'),
    );
  }

  get size(): number {
    return this.rooms.size;
  }

  get connectionCount(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += r.connectionCount;
    return n;
  }

  /** The loaded room, if any (does not load). */
  peek(docId: string): Room | undefined {
    const r = this.rooms.get(docId);
    return r && r.state !== 'closed' && r.state !== 'closing' ? r : undefined;
  }

  /** Get or create the room (its `loaded` promise tells when it is usable). */
  async acquire(docId: string): Promise<Room> {
    if (this.closed) throw new Error('server is shutting down');
    for (;;) {
      const existing = this.rooms.get(docId);
      if (existing && (existing.state === 'loading' || existing.state === 'ready')) {
        this.cancelUnload(existing);
        return existing;
      }
      const pendingUnload = this.unloading.get(docId);
      if (!pendingUnload) break;
      // Why: a new room must load what the old one stored, so wait for its unload.
      await pendingUnload;
    }
    const room = new Room(docId, {
      ...this.deps,
      batcher: this.batcher,
      onDisposed: (r) => {
        this.cancelUnload(r);
        if (this.rooms.get(docId) === r) this.rooms.delete(docId);
      },
      onIdle: (r) => this.scheduleUnload(r),
    });
    this.rooms.set(docId, room);
    room.loaded.catch(() => {});
    return room;
  }

  /**
   * Run a server-side change on a document through its room (so connected clients see it),
   * resolving once the change is stored.
   */
  async change(docId: string, fn: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.acquire(docId);
    room.holds++;
    try {
      await room.loaded;
      await room.change(fn);
    } finally {
      room.holds--;
      if (room.holds === 0 && room.connectionCount === 0) this.scheduleUnload(room);
    }
  }

  /**
   * Server-side changes across several documents (an SOP's content and its discussion:
   * approval writes both): loads and holds every room, runs `fn` on their docs once all
   * are ready, and resolves once everything `fn` changed in any of them is stored (and
   * so broadcast). `fn` validates before it writes: a throw before its first write
   * changes nothing.
   */
  async withDocs<T>(docIds: readonly string[], fn: (docs: Y.Doc[]) => T): Promise<T> {
    const rooms: Room[] = [];
    try {
      for (const id of docIds) {
        const room = await this.acquire(id);
        room.holds++;
        rooms.push(room);
      }
      await Promise.all(rooms.map((r) => r.loaded));
      for (const r of rooms)
        if (r.state !== 'ready') throw new Error('document is not available (room closed)');
      for (const r of rooms) r.flushPending();
      const out = fn(rooms.map((r) => r.doc));
      await Promise.all(rooms.map((r) => r.whenStored()));
      return out;
    } finally {
      for (const room of rooms) {
        room.holds--;
        if (room.holds === 0 && room.connectionCount === 0) this.scheduleUnload(room);
      }
    }
  }

  /** The open connections of a document (live access re-checks walk these). */
  roomsOf(docIds: readonly string[]): Room[] {
    return docIds.map((id) => this.peek(id)).filter((r): r is Room => r !== undefined);
  }

  private scheduleUnload(room: Room): void {
    if (this.closed || this.unloadTimers.has(room)) return;
    const t = setTimeout(() => {
      this.unloadTimers.delete(room);
      if (room.connectionCount > 0 || room.holds > 0) return;
      this.unload(room);
    }, this.deps.config.unloadDelayMs);
    this.unloadTimers.set(room, t);
  }

  private unload(room: Room): Promise<void> {
    const p = room
      .unload()
      .catch((err) => room.log.error({ err }, 'unload failed'))
      .finally(() => {
        if (this.unloading.get(room.docId) === p) this.unloading.delete(room.docId);
        if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId);
      });
    this.unloading.set(room.docId, p);
    return p;
  }

  private cancelUnload(room: Room): void {
    const t = this.unloadTimers.get(room);
    if (t) clearTimeout(t);
    this.unloadTimers.delete(room);
  }

  /** Compact and unload every room (shutdown). */
  async closeAll(): Promise<void> {
    this.closed = true;
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    await Promise.all([...this.rooms.values()].map((r) => this.unload(r)));
    await Promise.all([...this.unloading.values()]);
    await this.batcher.idle();
  }
}
