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
import { isLockedStatus } from '../../shared/access/permissions.js';
import {
  type AccessMessage,
  CloseCodes,
  type CloseReason,
  MessageType,
  type RefusedMessage,
} from '../../shared/protocol.js';
import type { Config } from '../config.js';
import { loadDoc } from '../storage/loadDoc.js';
import type { Storage } from '../storage/types.js';
import type { WriteBatcher } from '../storage/writeBatcher.js';
import { ApplyBatch } from './applyBatch.js';
import { broadcastGroup } from './broadcast.js';
import type { RoomConnection } from './connection.js';
import { type ConnLimits, newConnLimits } from './connLimits.js';
import { DurableQueue, type QueuedUpdate } from './durableQueue.js';
import {
  encodeAwareness,
  encodeJsonMessage,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
} from './encode.js';
import { LogCompactor } from './logCompactor.js';
import { handleMessage } from './messages.js';
import { MetaWriter } from './metaWriter.js';
import type { DocSummarizer } from './summary.js';
import { type GuardVerdict, guardUpdate } from './updateGuard.js';
import type { UpdateShape } from './validate.js';

/** Suffix of a discussion document's id (`<sopId>.discussion`, see shared/discussion). */
const DISCUSSION_SUFFIX = '.discussion';

/** Transaction origin of updates replayed from storage (never re-stored). */
export const LOAD_ORIGIN = Symbol('load');
/** The room closed while its document was being read: stop loading quietly. */
class LoadAbandoned extends Error {}
/** Distinct state vectors whose sync answers are kept at once. */
const SYNC_CACHE_ENTRIES = 16;
/** An update that contains nothing (no structs, empty delete set). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
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
  /** Was sent the stored snapshot before the load finished (its first sync step 1 is answered). */
  hasSnapshot: boolean;
  limits: ConnLimits;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly log: Logger;
  /** Content of an SOP, or its discussion (written by the server only). */
  readonly kind: 'content' | 'discussion';
  state: 'loading' | 'ready' | 'closing' | 'closed' = 'loading';
  /** Number of REST operations holding the room open. */
  holds = 0;
  private readonly conns = new Map<RoomConnection, ConnState>();
  /** Awareness client id → the connection allowed to publish it (inverse of `controlled`). */
  private readonly owners = new Map<number, RoomConnection>();
  private readonly queue: DurableQueue;
  /** Stored size and log compaction. */
  readonly compactor: LogCompactor;
  private readonly meta: MetaWriter;
  readonly loaded: Promise<void>;
  private readonly applies: ApplyBatch;
  /**
   * The stored snapshot the doc was loaded from, while the doc has not changed since:
   * a sync step 2 is then cut from these bytes instead of re-encoding the whole doc.
   */
  private storedState: Uint8Array | null = null;

  constructor(
    readonly docId: string,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.logger.child({ docId });
    this.kind = docId.endsWith(DISCUSSION_SUFFIX) ? 'discussion' : 'content';
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
      stored: (items, sv, merged) => this.onStored(items, sv, merged),
      failed: (err) => this.onStoreFailed(err),
    });
    this.applies = new ApplyBatch({
      doc: this.doc,
      maxDocBytes: deps.config.maxDocBytes,
      storedBytes: () => this.compactor.bytes,
      accepts: (conn) => this.state === 'ready' && this.conns.has(conn),
      position: () => this.queue.position,
      rollback: (position) => this.queue.rollback(position),
      refuse: (conn, close, detail) => this.kick(conn, close, detail),
      guard: (conn, shape) =>
        guardUpdate(this.doc, shape, {
          kind: this.kind,
          canWrite: conn.access.canWrite,
          locked: this.locked,
        }),
      refused: (conn, verdict) => this.refuseUpdate(conn, verdict),
      poisoned: () => {
        // The in-memory doc now holds part of a bad update: drop it and reload from storage.
        this.log.error('bad update was partly applied; resetting room');
        this.reset(CloseCodes.internalError);
      },
    });
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
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
    let stage: 'read' | 'prepare' = 'read';
    try {
      // Salvage on load (storage/loadDoc.ts): damaged rows are quarantined, the rest loads.
      const loaded = await loadDoc({ storage: this.deps.storage, log: this.log }, this.docId, {
        into: this.doc,
        origin: LOAD_ORIGIN,
        beforeApply: async (snapshot) => {
          // Only a snapshot that matches its checksum may be seen before it is parsed.
          if (snapshot) await this.sendSnapshotEarly(snapshot);
          if (this.state !== 'loading') throw new LoadAbandoned();
        },
      });
      if (loaded.tainted) {
        // The doc holds part of a row that is now quarantined; the next load is clean.
        this.log.warn({ quarantined: loaded.quarantined.length }, 'document repaired; reloading');
        this.reset(CloseCodes.documentRepaired);
        return;
      }
      const stored = loaded.stored;
      if (stored) {
        this.compactor.logLength = stored.logLength;
        this.compactor.bytes = stored.bytes;
        // A lone snapshot is exactly the doc's state: first syncs are answered from it.
        this.storedState = loaded.loneSnapshot;
      }
      stage = 'prepare';
      // Listen only now: with a listener attached during the load, Yjs would encode the
      // whole loaded state as one 'update' event just to have it ignored (~100 ms at 10×).
      this.doc.on('update', (update: Uint8Array, origin: unknown) =>
        this.onDocUpdate(update, origin),
      );
      if (this.kind === 'content') this.doc.getMap('meta').observe(this.onMetaChange);
      // Migration writes go through the normal update path (stored, then broadcast).
      const listed =
        stored && this.deps.prepareDoc ? await this.deps.prepareDoc(this.docId, this.doc) : false;
      if (listed) this.meta.enable();
    } catch (err) {
      if (err instanceof LoadAbandoned) return;
      this.log.error({ err, stage }, 'document could not be loaded');
      // A storage read may succeed later (retried); a document that fails after salvage
      // (e.g. a schema newer than this server) would fail the same way: not retried.
      this.reset(stage === 'read' ? CloseCodes.loadFailed : CloseCodes.documentUnavailable);
      throw err;
    }
    if (this.state !== 'loading') return;
    this.lastLocked = this.locked;
    this.state = 'ready';
    this.log.debug(
      { logLength: this.compactor.logLength, bytes: this.compactor.bytes },
      'room loaded',
    );
    for (const [conn, st] of this.conns) {
      this.greet(conn);
      const queue = st.queue ?? [];
      st.queue = null;
      for (const m of queue) this.receive(conn, m);
    }
    this.compactor.appended(0);
  }

  /** The SOP's content is frozen (approved, revoked, superseded): no client writes. */
  get locked(): boolean {
    if (this.kind !== 'content') return false;
    const status = this.doc.getMap('meta').get('status');
    return typeof status === 'string' && isLockedStatus(status);
  }

  private lastLocked = false;
  private readonly onMetaChange = (): void => {
    const locked = this.locked;
    if (locked === this.lastLocked) return;
    this.lastLocked = locked;
    for (const conn of this.conns.keys()) this.sendAccess(conn);
  };

  /** Tell an opted-in connection what it may do now (at join, and whenever it changes). */
  sendAccess(conn: RoomConnection): void {
    if (!conn.wantsAccess || !this.conns.has(conn)) return;
    const locked = this.locked;
    const msg: AccessMessage = {
      role: conn.access.role,
      canWrite: conn.access.canWrite && !locked && this.kind === 'content',
      locked,
    };
    conn.send(encodeJsonMessage(MessageType.access, msg));
  }

  /**
   * An update was refused by the guard: nothing of it was applied. Susun's client is
   * told (and drops its diverged copy); a stock client, which cannot be told, is closed
   * with a code it does not retry.
   */
  private refuseUpdate(conn: RoomConnection, verdict: GuardVerdict): void {
    this.log.info(
      { conn: conn.id, user: conn.access.userId, reason: verdict.reason, detail: verdict.detail },
      'update refused',
    );
    if (conn.wantsAccess) {
      const msg: RefusedMessage = { reason: verdict.reason, detail: verdict.detail };
      conn.send(encodeJsonMessage(MessageType.refused, msg));
      return;
    }
    const close =
      verdict.reason === 'missing-deps' || verdict.reason === 'schema'
        ? CloseCodes.badUpdate
        : CloseCodes.readOnly;
    this.kick(conn, close, verdict.detail);
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
    this.conns.set(conn, {
      controlled: new Set(),
      queue: this.state === 'loading' ? [] : null,
      hasSnapshot: false,
      limits: newConnLimits(),
    });
    if (this.state === 'ready') this.greet(conn);
    return true;
  }

  /** Handle one incoming message; queued while the document is still loading. */
  receive(conn: RoomConnection, data: Uint8Array): void {
    const st = this.conns.get(conn);
    if (!st) return;
    if (st.queue) st.queue.push(data);
    else {
      // Anything but an update must see the doc with every earlier update applied.
      if (!isUpdateMessage(data)) this.applies.flush();
      handleMessage(this, conn, data);
    }
  }

  removeConnection(conn: RoomConnection): void {
    const st = this.conns.get(conn);
    if (!st) return;
    this.applies.flush();
    this.conns.delete(conn);
    for (const id of st.controlled) if (this.owners.get(id) === conn) this.owners.delete(id);
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

  /** The connection's rate limits (undefined once it left). */
  limitsOf(conn: RoomConnection): ConnLimits | undefined {
    return this.conns.get(conn)?.limits;
  }

  controlledIds(conn: RoomConnection): Set<number> | undefined {
    return this.conns.get(conn)?.controlled;
  }

  /** Make `conn` the only connection allowed to publish awareness for `clientId`. */
  claimAwarenessId(conn: RoomConnection, clientId: number): void {
    const st = this.conns.get(conn);
    if (!st) return;
    const previous = this.owners.get(clientId);
    if (previous === conn) return;
    if (previous) this.conns.get(previous)?.controlled.delete(clientId);
    st.controlled.add(clientId);
    this.owners.set(clientId, conn);
  }

  /** The connection that publishes awareness for `clientId` (a map lookup: joins stay O(1)). */
  ownerOf(clientId: number): RoomConnection | undefined {
    return this.owners.get(clientId);
  }

  /** Send once everything the doc holds right now is stored. */
  sendWhenStored(conn: RoomConnection, message: Uint8Array): void {
    this.applies.flush();
    this.queue.afterStored(() => {
      if (this.conns.has(conn)) conn.send(message);
    });
  }

  /** Apply the batch of client updates waiting for the microtask (before a server change). */
  flushPending(): void {
    this.applies.flush();
  }

  /** Resolves when every change applied so far is stored; rejects if that write failed. */
  whenStored(): Promise<void> {
    this.applies.flush();
    return this.queue.whenStored();
  }

  /** Apply a client's update (batched with the rest of its burst, see {@link ApplyBatch}). */
  applyClientUpdate(conn: RoomConnection, update: Uint8Array, shape: UpdateShape): void {
    // Refused at once (not at the batch's flush): the sender learns it synchronously.
    const bytes = this.compactor.bytes + this.applies.pendingBytes;
    if (bytes + update.length > this.deps.config.maxDocBytes) {
      this.applies.flush();
      this.kick(conn, CloseCodes.documentTooLarge, `doc ${bytes} + ${update.length} bytes`);
      return;
    }
    this.applies.add(conn, update, shape);
  }

  /** Server-side change (REST) through the room, so connected clients see it. */
  async change(fn: (doc: Y.Doc) => void): Promise<void> {
    await this.loaded;
    if (this.state !== 'ready') throw new Error('document is not available (room closed)');
    this.applies.flush();
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
    await this.whenStored();
  }

  /**
   * Send the stored snapshot (stored, so it may be seen) to the connections waiting for
   * this load, before parsing it: their clients decode it while the server does. Why:
   * connect → synced was server parse + client parse in sequence (~2.6 s each at 100×).
   * Changes made after the snapshot (migrations, queued updates) reach them as usual
   * broadcasts, so the snapshot plus those is everything.
   */
  private async sendSnapshotEarly(snapshot: Uint8Array): Promise<void> {
    // Let the connection whose arrival started this load attach first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.state !== 'loading' || this.conns.size === 0) return;
    const msg = encodeSyncStep2(snapshot);
    const waits: Promise<void>[] = [];
    for (const [conn, st] of this.conns) {
      conn.send(msg);
      st.hasSnapshot = true;
      if (conn.drained) waits.push(conn.drained());
    }
    // Parsing blocks the event loop: hand the bytes to the sockets first.
    await Promise.all(waits);
  }

  /** Sync step 2 payload for `conn`, whose state vector is `sv` (what it is missing). */
  missingFor(conn: RoomConnection, sv: Uint8Array): Uint8Array {
    const st = this.conns.get(conn);
    if (st?.hasSnapshot) {
      // It has the snapshot and has been sent every change since: nothing is missing.
      st.hasSnapshot = false;
      return EMPTY_UPDATE;
    }
    // Why cache: encoding what a state vector misses costs time in the size of the doc;
    // many clients (or one hostile one) asking with the same vector pay it once per change.
    const key = Buffer.from(sv.buffer, sv.byteOffset, sv.byteLength).toString('latin1');
    const cached = this.syncCache.get(key);
    if (cached) return cached;
    const snap = this.storedState;
    const answer =
      snap === null
        ? Y.encodeStateAsUpdate(this.doc, sv)
        : // An empty state vector (a new client) is one varUint 0: the whole snapshot.
          sv.length === 1 && sv[0] === 0
          ? snap
          : Y.diffUpdate(snap, sv);
    if (this.syncCache.size >= SYNC_CACHE_ENTRIES) this.syncCache.clear();
    this.syncCache.set(key, answer);
    return answer;
  }

  /** Sync step 2 payloads by the state vector asked with; valid until the doc changes. */
  private readonly syncCache = new Map<string, Uint8Array>();

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.storedState = null;
    this.syncCache.clear();
    this.compactor.bytes += update.length;
    this.queue.push(update, origin);
  }

  /** A group is stored: now it may be seen (see {@link broadcastGroup}). */
  private onStored(items: QueuedUpdate[], sv: Uint8Array, merged: Uint8Array[]): void {
    if (items.length > 0) {
      broadcastGroup(this.conns.keys(), items, merged);
      const storedMsg = encodeStored(sv);
      for (const conn of this.conns.keys()) if (conn.wantsStored) conn.send(storedMsg);
      this.meta.changed();
    }
    this.compactor.appended(merged.length);
  }

  private onStoreFailed(error: unknown): void {
    this.log.error({ err: error }, 'storing updates failed; closing the room');
    // The doc holds changes that are not stored: nobody may see them. Drop the doc;
    // clients reconnect (1011 is retried) and re-send what they have.
    this.reset(CloseCodes.storageFailed);
  }

  private greet(conn: RoomConnection): void {
    this.sendAccess(conn);
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
    this.applies.flush();
    return this.state === 'closed' ? Promise.resolve() : this.compactor.compact();
  }

  /** Wait for writes, compact, write metadata, then dispose. Safe: everything is stored first. */
  async unload(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return;
    await this.loaded.catch(() => {});
    // (state may have changed while awaiting)
    if ((this.state as Room['state']) === 'closed') return;
    this.applies.flush();
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
    this.owners.clear();
    this.dispose();
  }

  private dispose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.applies.discard();
    this.meta.cancel();
    this.queue.close('room closed before the change was stored');
    this.awareness.off('update', this.onAwarenessUpdate);
    if (this.kind === 'content') this.doc.getMap('meta').unobserve(this.onMetaChange);
    this.awareness.destroy();
    this.doc.destroy();
    this.deps.onDisposed(this);
  }
}

/** A sync step 2 or sync update (`[0, 1|2, ...]`; both varUints are one byte). */
function isUpdateMessage(data: Uint8Array): boolean {
  return data[0] === 0 && (data[1] === 1 || data[1] === 2);
}
