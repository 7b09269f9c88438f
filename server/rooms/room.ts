/**
 * A room: one loaded Y.Doc with its awareness and its connections, knowing nothing
 * about sockets (see {@link RoomConnection}).
 *
 * Durability rule: every change of the doc (from a client or from REST) is captured
 * from the doc's `update` event, appended to the storage log through the shared
 * {@link WriteBatcher}, and only after that transaction committed is it broadcast.
 * Likewise a sync step 2 answer is held back until everything it contains is stored,
 * so nothing anyone has seen can be lost by a crash.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCodes, type CloseReason } from '../../shared/protocol.js';
import type { Config } from '../config.js';
import type { Storage } from '../storage/types.js';
import type { WriteBatcher } from '../storage/writeBatcher.js';
import type { RoomConnection } from './connection.js';
import { DurableQueue, type QueuedUpdate } from './durableQueue.js';
import { encodeAwareness, encodeStored, encodeSyncStep1, encodeUpdate } from './encode.js';
import { LogCompactor } from './logCompactor.js';
import { handleMessage } from './messages.js';
import { MetaWriter } from './metaWriter.js';
import type { DocSummarizer } from './summary.js';

/** Transaction origin of updates replayed from storage (never re-stored). */
export const LOAD_ORIGIN = Symbol('load');
/** Transaction origin of server-side changes (REST). */
export const SERVER_ORIGIN = Symbol('server');

export interface RoomDeps {
  storage: Storage;
  batcher: WriteBatcher;
  logger: Logger;
  config: Config;
  summarize?: DocSummarizer | undefined;
  /**
   * Run on a document loaded from storage before anyone syncs (schema migrations).
   * Returns whether the document is a listed SOP (whose listing row the room maintains).
   */
  prepareDoc?: ((docId: string, doc: Y.Doc) => Promise<boolean>) | undefined;
  /** Called once when the room is gone (unloaded or reset). */
  onDisposed(room: Room): void;
  /** Called when the room has no connections and no holders. */
  onIdle(room: Room): void;
}

interface ConnState {
  /** Awareness client ids this connection introduced (may publish only these). */
  controlled: Set<number>;
  queue: Uint8Array[] | null;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly log: Logger;
  state: 'loading' | 'ready' | 'closing' | 'closed' = 'loading';
  /** Number of REST operations holding the room open. */
  holds = 0;
  private readonly conns = new Map<RoomConnection, ConnState>();
  private readonly queue: DurableQueue;
  /** Stored size and log compaction. */
  readonly compactor: LogCompactor;
  private readonly meta: MetaWriter;
  readonly loaded: Promise<void>;

  constructor(
    readonly docId: string,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.logger.child({ docId });
    this.meta = new MetaWriter(docId, this.doc, {
      storage: deps.storage,
      summarize: deps.summarize,
      debounceMs: deps.config.metaDebounceMs,
      log: this.log,
    });
    this.compactor = new LogCompactor(docId, this.doc, {
      storage: deps.storage,
      batcher: deps.batcher,
      threshold: deps.config.compactThreshold,
      log: this.log,
    });
    this.queue = new DurableQueue(docId, deps.batcher, {
      stateVector: () => Y.encodeStateVector(this.doc),
      stored: (items, sv) => this.onStored(items, sv),
      failed: (err) => this.onStoreFailed(err),
    });
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) =>
      this.onDocUpdate(update, origin),
    );
    this.awareness.on('update', this.onAwarenessUpdate);
    this.loaded = this.load();
  }

  get config(): Config {
    return this.deps.config;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  private async load(): Promise<void> {
    try {
      const stored = await this.deps.storage.load(this.docId);
      if (stored) {
        this.doc.transact(() => {
          for (const u of stored.updates) Y.applyUpdate(this.doc, u, LOAD_ORIGIN);
        }, LOAD_ORIGIN);
        this.compactor.logLength = stored.logLength;
        this.compactor.bytes = stored.bytes;
      }
      // Migration writes go through the normal update path (stored, then broadcast).
      const listed =
        stored && this.deps.prepareDoc ? await this.deps.prepareDoc(this.docId, this.doc) : false;
      if (listed) this.meta.enable();
    } catch (err) {
      this.log.error({ err }, 'document could not be loaded');
      this.reset(CloseCodes.loadFailed);
      throw err;
    }
    if (this.state !== 'loading') return;
    this.state = 'ready';
    this.log.debug(
      { logLength: this.compactor.logLength, bytes: this.compactor.bytes },
      'room loaded',
    );
    for (const [conn, st] of this.conns) {
      this.greet(conn);
      const queue = st.queue ?? [];
      st.queue = null;
      for (const m of queue) if (this.conns.has(conn)) handleMessage(this, conn, m);
    }
    this.compactor.appended(0);
  }

  /** Add a connection; false (and closed) when the room is full or going away. */
  addConnection(conn: RoomConnection): boolean {
    if (this.state === 'closing' || this.state === 'closed') {
      conn.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
      return false;
    }
    if (this.conns.size >= this.deps.config.maxConnectionsPerDoc) {
      this.log.warn({ conn: conn.id, remote: conn.remote }, 'too many connections for document');
      conn.close(CloseCodes.tooManyConnections.code, CloseCodes.tooManyConnections.reason);
      return false;
    }
    this.conns.set(conn, { controlled: new Set(), queue: this.state === 'loading' ? [] : null });
    if (this.state === 'ready') this.greet(conn);
    return true;
  }

  /** Handle one incoming message; queued while the document is still loading. */
  receive(conn: RoomConnection, data: Uint8Array): void {
    const st = this.conns.get(conn);
    if (!st) return;
    if (st.queue) st.queue.push(data);
    else handleMessage(this, conn, data);
  }

  removeConnection(conn: RoomConnection): void {
    const st = this.conns.get(conn);
    if (!st) return;
    this.conns.delete(conn);
    if (st.controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...st.controlled], null);
    }
    if (this.conns.size === 0 && this.holds === 0 && this.state !== 'closing')
      this.deps.onIdle(this);
  }

  /** Close one connection for a protocol violation; the room and others are unaffected. */
  kick(conn: RoomConnection, close: CloseReason, detail: string): void {
    this.log.warn({ conn: conn.id, remote: conn.remote, code: close.code, detail }, close.reason);
    this.removeConnection(conn);
    conn.close(close.code, close.reason);
  }

  controlledIds(conn: RoomConnection): Set<number> | undefined {
    return this.conns.get(conn)?.controlled;
  }

  /** Make `conn` the only connection allowed to publish awareness for `clientId`. */
  claimAwarenessId(conn: RoomConnection, clientId: number): void {
    for (const [c, st] of this.conns) {
      if (c === conn) st.controlled.add(clientId);
      else st.controlled.delete(clientId);
    }
  }

  ownerOf(clientId: number): RoomConnection | undefined {
    for (const [c, st] of this.conns) if (st.controlled.has(clientId)) return c;
    return undefined;
  }

  /** Send once everything the doc holds right now is stored. */
  sendWhenStored(conn: RoomConnection, message: Uint8Array): void {
    this.queue.afterStored(() => {
      if (this.conns.has(conn)) conn.send(message);
    });
  }

  /** Resolves when every change applied so far is stored; rejects if that write failed. */
  whenStored(): Promise<void> {
    return this.queue.whenStored();
  }

  /** Apply a client's update. Returns false when it was refused (connection closed). */
  applyClientUpdate(conn: RoomConnection, update: Uint8Array): boolean {
    const bytes = this.compactor.bytes;
    if (bytes + update.length > this.deps.config.maxDocBytes) {
      this.kick(conn, CloseCodes.documentTooLarge, `doc ${bytes} + ${update.length} bytes`);
      return false;
    }
    const position = this.queue.position;
    try {
      Y.applyUpdate(this.doc, update, conn);
      return true;
    } catch (err) {
      // Whatever Yjs emitted before throwing must not be stored or broadcast.
      const partial = this.queue.rollback(position) > 0;
      this.kick(conn, CloseCodes.badUpdate, String(err));
      if (partial) {
        // The in-memory doc now holds part of a bad update: drop it and reload from storage.
        this.log.error('bad update was partly applied; resetting room');
        this.reset(CloseCodes.internalError);
      }
      return false;
    }
  }

  /** Server-side change (REST) through the room, so connected clients see it. */
  async change(fn: (doc: Y.Doc) => void): Promise<void> {
    await this.loaded;
    if (this.state !== 'ready') throw new Error('document is not available (room closed)');
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
    await this.whenStored();
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.compactor.bytes += update.length;
    this.queue.push(update, origin);
  }

  private onStored(items: QueuedUpdate[], sv: Uint8Array): void {
    for (const { update, origin } of items) {
      const msg = encodeUpdate(update);
      for (const conn of this.conns.keys()) if (conn !== origin) conn.send(msg);
    }
    if (items.length > 0) {
      const storedMsg = encodeStored(sv);
      for (const conn of this.conns.keys()) if (conn.wantsStored) conn.send(storedMsg);
      this.meta.changed();
    }
    this.compactor.appended(items.length);
  }

  private onStoreFailed(error: unknown): void {
    this.log.error({ err: error }, 'storing updates failed; closing the room');
    // The doc holds changes that are not stored: nobody may see them. Drop the doc;
    // clients reconnect (1011 is retried) and re-send what they have.
    this.reset(CloseCodes.storageFailed);
  }

  private greet(conn: RoomConnection): void {
    conn.send(encodeSyncStep1(this.doc));
    // Opted-in clients learn the stored baseline at once (not only after the next edit).
    if (conn.wantsStored) this.sendWhenStored(conn, encodeStored(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) conn.send(encodeAwareness(this.awareness, [...states.keys()]));
  }

  private readonly onAwarenessUpdate = (changes: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    const msg = encodeAwareness(this.awareness, changed);
    for (const conn of this.conns.keys()) conn.send(msg);
  };

  /** Compact the document's log now (joins a running compaction). */
  compact(): Promise<void> {
    return this.state === 'closed' ? Promise.resolve() : this.compactor.compact();
  }

  /** Wait for writes, compact, write metadata, then dispose. Safe: everything is stored first. */
  async unload(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return;
    await this.loaded.catch(() => {});
    // (state may have changed while awaiting)
    if ((this.state as Room['state']) === 'closed') return;
    this.state = 'closing';
    for (const conn of [...this.conns.keys()]) {
      this.removeConnection(conn);
      conn.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
    }
    await this.deps.batcher.idle();
    if (this.queue.settled) await this.compact();
    await this.meta.flush();
    this.dispose();
  }

  /** Drop the room at once (failure paths): close every connection, reject waiters. */
  reset(close: CloseReason): void {
    if (this.state === 'closed') return;
    for (const conn of [...this.conns.keys()]) {
      this.conns.delete(conn);
      conn.close(close.code, close.reason);
    }
    this.dispose();
  }

  private dispose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.meta.cancel();
    this.queue.close('room closed before the change was stored');
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.deps.onDisposed(this);
  }
}
