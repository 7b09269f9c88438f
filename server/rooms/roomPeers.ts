/**
 * The connections of one room: joining (queued while the doc loads), their messages
 * (through the narrow {@link MessagePort}), their updates (batched, guarded, size-capped),
 * presence, sync answers, rights, and what is sent to them once it is stored.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { CloseCodes, type CloseReason } from '../../shared/protocol.js';
import type { Config } from '../config.js';
import { ApplyBatch, type QueuedClientUpdate } from './applyBatch.js';
import { AwarenessHub } from './awarenessHub.js';
import { broadcastGroup } from './broadcast.js';
import type { RoomConnection } from './connection.js';
import { ConnLimits } from './connLimits.js';
import type { DocPipeline } from './docPipeline.js';
import type { StoredGroup } from './durableQueue.js';
import { encodeStored, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './encode.js';
import { HeldUpdates } from './heldUpdates.js';
import { handleMessage, type MessagePort } from './messages.js';
import { type DocKind, RoomAccess } from './roomAccess.js';
import { SyncAnswers } from './syncAnswers.js';
import { type GuardVerdict, guardUpdate } from './updateGuard.js';
import type { UpdateShape } from './validate.js';

export interface RoomPeersDeps {
  doc: Y.Doc;
  kind: DocKind;
  log: Logger;
  config: Config;
  pipeline: DocPipeline;
  /** The doc is loaded and open (updates are accepted). */
  ready(): boolean;
  /** A bad update was partly applied: the doc must be dropped. */
  poisoned(): void;
  /** The last connection left. */
  idle(): void;
  /**
   * Catch the doc up from storage (several processes: see `RoomReplica.resync`); null
   * when this process is alone (the doc always holds everything stored).
   */
  catchUp?: (() => Promise<void> | null) | undefined;
}

interface ConnState {
  /** Messages received while the room loads (handled once it is ready). */
  early: Uint8Array[] | null;
  limits: ConnLimits;
}

export class RoomPeers {
  readonly hub: AwarenessHub;
  readonly answers: SyncAnswers;
  readonly access: RoomAccess;
  private readonly conns = new Map<RoomConnection, ConnState>();
  /** Updates whose dependencies are still on their way (see heldUpdates.ts). */
  private readonly held: HeldUpdates;
  private readonly applies: ApplyBatch;
  private readonly port: MessagePort;

  constructor(private readonly deps: RoomPeersDeps) {
    const { doc, kind, log, config, pipeline } = deps;
    this.hub = new AwarenessHub(doc, (m) => {
      for (const conn of this.conns.keys()) conn.send(m);
    });
    this.answers = new SyncAnswers(doc);
    this.access = new RoomAccess({
      doc,
      kind,
      log,
      connections: () => this.conns.keys(),
      has: (conn) => this.conns.has(conn),
      kick: (conn, close, detail) => this.kick(conn, close, detail),
    });
    this.applies = new ApplyBatch({
      doc,
      maxDocBytes: config.maxDocBytes,
      storedBytes: () => pipeline.compactor.bytes,
      accepts: (conn) => deps.ready() && this.conns.has(conn),
      position: () => pipeline.queue.position,
      rollback: (position) => pipeline.queue.rollback(position),
      refuse: (conn, close, detail) => this.kick(conn, close, detail),
      guard: (conn, shape) =>
        guardUpdate(doc, shape, {
          kind,
          canWrite: conn.access.canWrite,
          locked: this.access.locked,
        }),
      refused: (conn, verdict, rest) => this.refused(conn, verdict, rest),
      poisoned: () => deps.poisoned(),
    });
    this.held = new HeldUpdates({
      catchUp: () => deps.catchUp?.() ?? null,
      replay: (conn, updates) => {
        this.applies.flush();
        for (const u of updates) this.applies.add(conn, u.update, u.shape);
        this.applies.flush();
      },
      refuse: (conn, verdict) => this.access.refuse(conn, verdict),
      maxWaitMs: config.syncTimeoutMs,
    });
    this.port = {
      maxConnections: config.maxConnectionsPerDoc,
      maxAwarenessBytes: config.maxAwarenessBytes,
      limitsOf: (conn) => this.conns.get(conn)?.limits,
      kick: (conn, close, detail) => this.kick(conn, close, detail),
      missingFor: (conn, sv) => this.answers.missingFor(conn, sv),
      sendWhenStored: (conn, message) => this.sendWhenStored(conn, message),
      applyClientUpdate: (conn, update, shape, step2) =>
        this.applyClientUpdate(conn, update, shape, step2),
      publishAwareness: (conn, entries) => this.hub.publish(conn, entries),
      awarenessStates: () => this.hub.statesMessage(),
    };
  }

  get size(): number {
    return this.conns.size;
  }

  has(conn: RoomConnection): boolean {
    return this.conns.has(conn);
  }

  /** Add a connection; false (and closed) when the room is full. Greeted now when `ready`. */
  add(conn: RoomConnection): boolean {
    if (this.conns.size >= this.deps.config.maxConnectionsPerDoc) {
      this.deps.log.warn(
        { conn: conn.id, remote: conn.remote },
        'too many connections for document',
      );
      conn.close(CloseCodes.tooManyConnections.code, CloseCodes.tooManyConnections.reason);
      return false;
    }
    const ready = this.deps.ready();
    this.conns.set(conn, { early: ready ? null : [], limits: new ConnLimits() });
    this.hub.join(conn);
    if (ready) this.greet(conn);
    return true;
  }

  /** The doc is loaded: greet every connection and handle what each sent meanwhile. */
  opened(): void {
    for (const [conn, st] of this.conns) {
      this.greet(conn);
      const early = st.early ?? [];
      st.early = null;
      for (const m of early) this.receive(conn, m);
    }
  }

  /** Handle one incoming message; queued while the document is still loading. */
  receive(conn: RoomConnection, data: Uint8Array): void {
    const st = this.conns.get(conn);
    if (!st) return;
    if (st.early) st.early.push(data);
    else {
      // Anything but an update must see the doc with every earlier update applied.
      if (!isUpdateMessage(data)) this.applies.flush();
      handleMessage(this.port, conn, data);
    }
  }

  remove(conn: RoomConnection): void {
    if (!this.conns.has(conn)) return;
    this.applies.flush();
    this.conns.delete(conn);
    this.held.forget(conn);
    this.answers.forget(conn);
    this.hub.leave(conn);
    if (this.conns.size === 0) this.deps.idle();
  }

  /** Close one connection for a protocol violation; the room and others are unaffected. */
  kick(conn: RoomConnection, close: CloseReason, detail: string): void {
    this.deps.log.warn(
      { conn: conn.id, remote: conn.remote, code: close.code, detail },
      close.reason,
    );
    this.remove(conn);
    conn.close(close.code, close.reason);
  }

  /** Close every connection with `close` (`graceful`: as leaving, presence removed). */
  closeAll(close: CloseReason, graceful: boolean): void {
    for (const conn of [...this.conns.keys()]) {
      if (graceful) this.remove(conn);
      else this.conns.delete(conn);
      conn.close(close.code, close.reason);
    }
  }

  /** Apply the batch of client updates waiting for the microtask (before anything reads the doc). */
  flush(): void {
    this.applies.flush();
  }

  /** Send once everything the doc holds right now is stored. */
  sendWhenStored(conn: RoomConnection, message: Uint8Array): void {
    this.applies.flush();
    this.deps.pipeline.afterStored(() => {
      if (this.conns.has(conn)) conn.send(message);
    });
  }

  /** A group is stored: now it may be seen (see {@link broadcastGroup}). */
  stored({ items, merged, sv }: StoredGroup): void {
    broadcastGroup(this.conns.keys(), items, merged);
    const storedMsg = encodeStored(sv);
    for (const conn of this.conns.keys()) if (conn.wantsStored) conn.send(storedMsg);
  }

  /** An update another process stored (fan-out or catch-up): it may be seen by every connection. */
  broadcastStored(update: Uint8Array): void {
    const msg = encodeUpdate(update);
    for (const conn of this.conns.keys()) conn.send(msg);
  }

  /**
   * Send the stored snapshot (stored, so it may be seen) to the connections waiting for
   * the load, before it is parsed: their clients decode it while the server does. Why:
   * connect → synced was server parse + client parse in sequence (~2.6 s each at 100×).
   * Changes made after the snapshot (migrations, queued updates) reach them as usual
   * broadcasts, so the snapshot plus those is everything.
   */
  async sendSnapshotEarly(snapshot: Uint8Array, stillLoading: () => boolean): Promise<void> {
    // Let the connection whose arrival started this load attach first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!stillLoading() || this.conns.size === 0) return;
    const msg = encodeSyncStep2(snapshot);
    const waits: Promise<void>[] = [];
    for (const conn of this.conns.keys()) {
      conn.send(msg);
      this.answers.snapshotSent(conn);
      if (conn.drained) waits.push(conn.drained());
    }
    // Parsing blocks the event loop: hand the bytes to the sockets first.
    await Promise.all(waits);
  }

  /** Forget everything (the room is gone): queued updates, presence, rights watch. */
  destroy(): void {
    this.applies.discard();
    this.held.clear();
    this.access.unwatch();
    this.hub.destroy();
  }

  /** An update the guard refused: held when what it lacks may still arrive (heldUpdates.ts). */
  private refused(conn: RoomConnection, verdict: GuardVerdict, rest: QueuedClientUpdate[]): void {
    if (verdict.reason === 'missing-deps' && this.held.holdRefused(conn, verdict, rest)) {
      this.deps.log.debug({ conn: conn.id, detail: verdict.detail }, 'update held');
      return;
    }
    this.access.refuse(conn, verdict);
  }

  private applyClientUpdate(
    conn: RoomConnection,
    update: Uint8Array,
    shape: UpdateShape,
    step2: boolean,
  ): void {
    if (this.held.arrived(conn, { update, shape }, step2)) return;
    // Refused at once (not at the batch's flush): the sender learns it synchronously.
    const bytes = this.deps.pipeline.compactor.bytes + this.applies.pendingBytes;
    if (bytes + update.length > this.deps.config.maxDocBytes) {
      this.applies.flush();
      this.kick(conn, CloseCodes.documentTooLarge, `doc ${bytes} + ${update.length} bytes`);
      return;
    }
    this.applies.add(conn, update, shape);
  }

  private greet(conn: RoomConnection): void {
    this.access.send(conn);
    conn.send(encodeSyncStep1(this.deps.doc));
    // Opted-in clients learn the stored baseline at once (not only after the next edit).
    if (conn.wantsStored)
      this.sendWhenStored(conn, encodeStored(Y.encodeStateVector(this.deps.doc)));
    const states = this.hub.statesMessage();
    if (states) conn.send(states);
  }
}

/** A sync step 2 or sync update (`[0, 1|2, ...]`; both varUints are one byte). */
function isUpdateMessage(data: Uint8Array): boolean {
  return data[0] === 0 && (data[1] === 1 || data[1] === 2);
}
