/**
 * A room: one loaded Y.Doc and its connections, knowing nothing about sockets (see
 * {@link RoomConnection}). This file is the room's lifecycle; its parts each have a
 * file: the connections and their messages (roomPeers.ts → messages.ts behind a narrow
 * port, awarenessHub.ts, syncAnswers.ts, roomAccess.ts), the write side
 * (docPipeline.ts → durableQueue.ts, logCompactor.ts), the load (roomLoad.ts).
 *
 * Durability rule: every change of the doc (from a client or from REST) is captured
 * from the doc's `update` event, appended to the storage log through the shared
 * {@link WriteBatcher}, and only after that append committed is it broadcast. Likewise
 * a sync step 2 answer is held back until everything it contains is stored, so nothing
 * anyone has seen can be lost by a crash.
 *
 * Lifecycle: loading → ready → closing (unload: waits for its OWN writes, compacts) →
 * closed; or straight to closed (reset: pending writes are abandoned, never written).
 * {@link Room.closed} resolves only once the room's writes still in flight (an append, a
 * compaction) have settled; the manager loads the document again only after that.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { CloseCodes, type CloseReason } from '../../shared/protocol.js';
import type { Config } from '../config.js';
import type { DocLog } from '../storage/docLog.js';
import type { RoomConnection } from './connection.js';
import type { DocFanout } from './docFanout.js';
import { DocPipeline } from './docPipeline.js';
import type { LogCompactor } from './logCompactor.js';
import type { ListingWriter } from './metaWriter.js';
import { SERVER_ORIGIN } from './origins.js';
import type { DocKind } from './roomAccess.js';
import { LoadAbandoned, type RoomReader, readRoomDoc } from './roomLoad.js';
import { RoomPeers } from './roomPeers.js';
import { RoomReplica } from './roomReplica.js';
import type { DocSummarizer } from './summary.js';
import type { WriteBatcher } from './writeBatcher.js';

/** Suffix of a discussion document's id (`<sopId>.discussion`, see shared/discussion). */
const DISCUSSION_SUFFIX = '.discussion';

export interface RoomDeps {
  docLog: RoomReader & Pick<DocLog, 'replaceUpTo' | 'readSince'>;
  /** Listing rows of SOPs (name, status, ...), kept up to date by the room. */
  index: ListingWriter;
  batcher: Pick<WriteBatcher, 'schedule'>;
  logger: Logger;
  config: Config;
  summarize?: DocSummarizer | undefined;
  /**
   * Run on a document loaded from storage before anyone syncs (schema migrations).
   * Returns whether the document is a listed SOP (whose listing row the room maintains).
   */
  prepareDoc?: ((docId: string, doc: Y.Doc) => Promise<boolean>) | undefined;
  /** Called when the room's last connection left while it is open (the manager decides). */
  onIdle(room: Room): void;
  /** The other processes holding documents (`REDIS_URL`); none: this process is alone. */
  fanout?: DocFanout | undefined;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly log: Logger;
  /** Content of an SOP, or its discussion (written by the server only). */
  readonly kind: DocKind;
  state: 'loading' | 'ready' | 'closing' | 'closed' = 'loading';
  readonly loaded: Promise<void>;
  /** Resolves once the room is closed and its own writes (append, compaction) have settled. */
  readonly closed: Promise<void>;
  private readonly pipeline: DocPipeline;
  private readonly peers: RoomPeers;
  /** The link to the other processes holding this document (none: one process). */
  readonly replica: RoomReplica | null = null;
  private unloading: Promise<void> | null = null;
  private markClosed: () => void = () => {};

  constructor(
    readonly docId: string,
    private readonly deps: RoomDeps,
  ) {
    const config = deps.config;
    this.log = deps.logger.child({ docId });
    this.kind = docId.endsWith(DISCUSSION_SUFFIX) ? 'discussion' : 'content';
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
    this.pipeline = new DocPipeline(docId, this.doc, {
      docLog: deps.docLog,
      index: deps.index,
      batcher: deps.batcher,
      summarize: deps.summarize,
      compactThreshold: config.compactThreshold,
      metaDebounceMs: config.metaDebounceMs,
      log: this.log,
      changed: () => this.peers.answers.changed(),
      stored: (group) => {
        this.peers.stored(group);
        this.replica?.localStored(group);
      },
      remoteApplied: (update) => this.peers.broadcastStored(update),
      failed: (err) => {
        this.log.error({ err }, 'storing updates failed; closing the room');
        // The doc holds changes that are not stored: nobody may see them. Drop the doc;
        // clients reconnect (1011 is retried) and re-send what they have.
        this.reset(CloseCodes.storageFailed);
      },
    });
    this.peers = new RoomPeers({
      doc: this.doc,
      kind: this.kind,
      log: this.log,
      config,
      pipeline: this.pipeline,
      ready: () => this.state === 'ready',
      poisoned: () => {
        // The in-memory doc now holds part of a bad update: drop it and reload from storage.
        this.log.error('bad update was partly applied; resetting room');
        this.reset(CloseCodes.internalError);
      },
      idle: () => {
        if (this.state === 'loading' || this.state === 'ready') deps.onIdle(this);
      },
      catchUp: () => this.replica?.resync() ?? null,
    });
    if (deps.fanout)
      this.replica = new RoomReplica({
        docId,
        doc: this.doc,
        fanout: deps.fanout,
        docLog: deps.docLog,
        pipeline: this.pipeline,
        hub: this.peers.hub,
        log: this.log,
        gapGraceMs: config.fanoutGapMs,
        ready: () => this.state === 'loading' || this.state === 'ready',
        failed: (err) => {
          this.log.error({ err }, 'rows stored by another process could not be applied');
          this.reset(CloseCodes.internalError);
        },
      });
    this.loaded = this.load();
  }

  get config(): Config {
    return this.deps.config;
  }

  /** Stored size and log compaction. */
  get compactor(): LogCompactor {
    return this.pipeline.compactor;
  }

  get connectionCount(): number {
    return this.peers.size;
  }

  get awareness() {
    return this.peers.hub.awareness;
  }

  /** The SOP's content is frozen (approved, revoked, superseded): no client writes. */
  get locked(): boolean {
    return this.peers.access.locked;
  }

  /** The connection that publishes awareness for `clientId`. */
  ownerOf(clientId: number): RoomConnection | undefined {
    return this.peers.hub.ownerOf(clientId);
  }

  private async load(): Promise<void> {
    let stage: 'read' | 'prepare' = 'read';
    const loading = () => this.state === 'loading';
    try {
      // Subscribed first: whatever another process stores after the read below arrives.
      if (this.replica) await this.replica.subscribed;
      if (!loading()) throw new LoadAbandoned();
      const read = await readRoomDoc(
        { docLog: this.deps.docLog, log: this.log },
        this.docId,
        this.doc,
        {
          early: (snapshot) => this.peers.sendSnapshotEarly(snapshot, loading),
          abandoned: () => !loading(),
        },
      );
      if (read.tainted) {
        // The doc holds part of a row that is now quarantined; the next load is clean.
        this.log.warn({ quarantined: read.quarantined }, 'document repaired; reloading');
        this.reset(CloseCodes.documentRepaired);
        return;
      }
      this.peers.answers.loadedFrom(read.loneSnapshot);
      stage = 'prepare';
      this.pipeline.loaded(read.stored);
      this.replica?.loaded(read.stored?.seq ?? 0);
      // Migration writes go through the normal update path (stored, then broadcast).
      const listed =
        read.stored && this.deps.prepareDoc
          ? await this.deps.prepareDoc(this.docId, this.doc)
          : false;
      if (listed) this.pipeline.enableListing();
    } catch (err) {
      if (err instanceof LoadAbandoned) return;
      this.log.error({ err, stage }, 'document could not be loaded');
      // A storage read may succeed later (retried); a document that fails after salvage
      // (e.g. a schema newer than this server) would fail the same way: not retried.
      this.reset(stage === 'read' ? CloseCodes.loadFailed : CloseCodes.documentUnavailable);
      throw err;
    }
    if (!loading()) return;
    this.peers.access.watch();
    this.state = 'ready';
    this.log.debug(
      { logLength: this.compactor.logLength, bytes: this.compactor.bytes },
      'room loaded',
    );
    this.peers.opened();
    this.compactor.checkThreshold();
  }

  /** Tell an opted-in connection what it may do now (the transport calls this when a role changes). */
  sendAccess(conn: RoomConnection): void {
    this.peers.access.send(conn);
  }

  /** Add a connection; false (and closed) when the room is full or going away. */
  addConnection(conn: RoomConnection): boolean {
    if (this.state === 'closing' || this.state === 'closed') {
      conn.close(CloseCodes.serverRestarting.code, CloseCodes.serverRestarting.reason);
      return false;
    }
    return this.peers.add(conn);
  }

  /** Handle one incoming message; queued while the document is still loading. */
  receive(conn: RoomConnection, data: Uint8Array): void {
    this.peers.receive(conn, data);
  }

  removeConnection(conn: RoomConnection): void {
    this.peers.remove(conn);
  }

  /** Close one connection for a protocol violation; the room and others are unaffected. */
  kick(conn: RoomConnection, close: CloseReason, detail: string): void {
    this.peers.kick(conn, close, detail);
  }

  /** Send once everything the doc holds right now is stored. */
  sendWhenStored(conn: RoomConnection, message: Uint8Array): void {
    this.peers.sendWhenStored(conn, message);
  }

  /** Apply the batch of client updates waiting for the microtask (before a server change). */
  flushPending(): void {
    this.peers.flush();
  }

  /** Resolves when every change applied so far is stored; rejects if that write failed. */
  whenStored(): Promise<void> {
    this.peers.flush();
    return this.pipeline.whenStored();
  }

  /**
   * The doc's state as it is now, handed out only once all of it is stored (rejects if
   * the room closes or the write fails first). Versions are taken from this, never from
   * the live doc directly: it can hold updates whose append may still fail. Encoded
   * synchronously when the room is ready, so a caller inside a server change captures
   * exactly the state that change produced.
   */
  storedState(): Promise<Uint8Array> {
    if (this.state === 'loading') return this.loaded.then(() => this.storedState());
    if (this.state !== 'ready') return Promise.reject(new Error('document is not available'));
    this.peers.flush();
    return this.pipeline.storedState();
  }

  /** Server-side change (REST) through the room, so connected clients see it. */
  async change(fn: (doc: Y.Doc) => void): Promise<void> {
    await this.loaded;
    if (this.state !== 'ready') throw new Error('document is not available (room closed)');
    this.peers.flush();
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
    await this.whenStored();
  }

  /** Compact the document's log now (joins a running compaction). */
  compact(): Promise<void> {
    this.peers.flush();
    return this.state === 'closed' ? Promise.resolve() : this.compactor.compact();
  }

  /**
   * Close every connection, wait for THIS room's writes (not the batcher's: steady
   * traffic of other rooms would starve it), compact, write the listing row, dispose.
   * Safe: everything is stored first. Idempotent.
   */
  unload(): Promise<void> {
    this.unloading ??= this.doUnload();
    return this.unloading;
  }

  private async doUnload(): Promise<void> {
    await this.loaded.catch(() => {});
    if (this.state !== 'ready') return;
    this.peers.flush();
    this.state = 'closing';
    this.peers.closeAll(CloseCodes.serverRestarting, true);
    // False: a write failed and the room has reset itself.
    if (await this.pipeline.finish()) this.dispose();
  }

  /** Drop the room at once (failure paths): close every connection, abandon pending writes. */
  reset(close: CloseReason): void {
    if (this.state === 'closed') return;
    this.peers.closeAll(close, false);
    this.dispose();
  }

  private dispose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.replica?.close();
    this.peers.destroy();
    // Nothing pending is written any more; a compaction waiting for a stored state gets none.
    this.pipeline.abandon('room closed before the change was stored');
    this.doc.destroy();
    // Closed only once a group already in flight and a running compaction have settled:
    // the document must not load again while they may still commit.
    void this.pipeline.settled().then(() => this.markClosed());
  }
}
