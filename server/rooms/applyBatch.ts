/**
 * Applies the updates one connection sends in a burst (one socket read, i.e. until the
 * next microtask checkpoint) inside ONE Yjs transaction. Why: on a keystroke trace the
 * per-update transaction cleanup and event emission were about a quarter of the
 * server's CPU. The transaction's single `update` event then carries the whole run, so
 * it is stored as one log row and broadcast as one message.
 *
 * Failure rule kept from the one-by-one path: an update that fails closes only its
 * sender and is never stored. Updates are validated before they get here; if Yjs still
 * throws, the updates before it in the run are kept (they are valid), and only if the
 * failing update changed the doc before throwing is the room dropped, exactly as when
 * a lone update fails halfway.
 */
import * as Y from 'yjs';
import { CloseCodes, type CloseReason } from '../../shared/protocol.js';
import type { RoomConnection } from './connection.js';
import type { GuardVerdict } from './updateGuard.js';
import type { UpdateShape } from './validate.js';

export interface ApplyTarget {
  readonly doc: Y.Doc;
  readonly maxDocBytes: number;
  /** Stored size of the doc so far (snapshot + log + pending). */
  storedBytes(): number;
  /** Whether updates from `conn` are still accepted (room ready, connection present). */
  accepts(conn: RoomConnection): boolean;
  /** Position of the durable queue (see `DurableQueue.rollback`). */
  position(): number;
  rollback(position: number): void;
  /** Close one connection for a bad update. */
  refuse(conn: RoomConnection, close: CloseReason, detail: string): void;
  /**
   * The server's rule on this update (checked against the doc with every earlier
   * update of the batch applied): null to apply it.
   */
  guard(conn: RoomConnection, shape: UpdateShape): GuardVerdict | null;
  /**
   * An update was refused by {@link guard}: tell its sender (nothing of it was applied).
   * `rest`: that update and the ones after it in the burst, none applied.
   */
  refused(conn: RoomConnection, verdict: GuardVerdict, rest: QueuedClientUpdate[]): void;
  /** The doc holds part of a failed update: drop the room. */
  poisoned(): void;
}

/** A client update not applied yet, with its validated shape. */
export interface QueuedClientUpdate {
  update: Uint8Array;
  shape: UpdateShape;
}

interface Fingerprint {
  structs: number;
  deletes: number;
  pendingStructs: unknown;
  pendingDs: unknown;
}

export class ApplyBatch {
  private conn: RoomConnection | null = null;
  private updates: Uint8Array[] = [];
  private shapes: UpdateShape[] = [];
  private scheduled = false;
  /** Bytes of the updates queued and not yet applied. */
  pendingBytes = 0;

  constructor(private readonly target: ApplyTarget) {}

  /** Queue `update` from `conn`; applied at the next microtask checkpoint or {@link flush}. */
  add(conn: RoomConnection, update: Uint8Array, shape: UpdateShape): void {
    if (this.conn !== null && this.conn !== conn) this.flush();
    this.conn = conn;
    this.updates.push(update);
    this.shapes.push(shape);
    this.pendingBytes += update.length;
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Forget queued updates (the room is gone). */
  discard(): void {
    this.conn = null;
    this.updates = [];
    this.shapes = [];
    this.pendingBytes = 0;
  }

  /** Apply what is queued now (before anything that must see the doc up to date). */
  flush(): void {
    const conn = this.conn;
    const updates = this.updates;
    const shapes = this.shapes;
    if (conn === null) return;
    this.discard();
    const t = this.target;
    if (!t.accepts(conn)) return;
    let bytes = t.storedBytes();
    let refused: { close: CloseReason; detail: string } | null = null;
    let verdict: GuardVerdict | null = null;
    let rest: QueuedClientUpdate[] = [];
    let poisoned = false;
    const position = t.position();
    t.doc.transact((tr) => {
      for (const [i, u] of updates.entries()) {
        // Checked here, not on arrival: the doc now holds the batch's earlier updates.
        verdict = t.guard(conn, shapes[i] as UpdateShape);
        if (verdict) {
          // The rest of the burst builds on the refused update.
          rest = updates
            .slice(i)
            .map((update, k) => ({ update, shape: shapes[i + k] as UpdateShape }));
          return;
        }
        if (bytes + u.length > t.maxDocBytes) {
          refused = {
            close: CloseCodes.documentTooLarge,
            detail: `doc ${bytes} + ${u.length} bytes`,
          };
          return;
        }
        const before = fingerprint(t.doc, tr);
        try {
          Y.applyUpdate(t.doc, u, conn);
          bytes += u.length;
        } catch (err) {
          refused = { close: CloseCodes.badUpdate, detail: String(err) };
          poisoned = !sameFingerprint(before, fingerprint(t.doc, tr));
          return;
        }
      }
    }, conn);
    if (poisoned) {
      // Whatever the transaction emitted must not be stored or broadcast.
      t.rollback(position);
    }
    const r = refused as { close: CloseReason; detail: string } | null;
    if (r) t.refuse(conn, r.close, r.detail);
    const v = verdict as GuardVerdict | null;
    if (v) t.refused(conn, v, rest);
    if (poisoned) t.poisoned();
  }
}

/** Cheap summary of what an apply can change: struct counts, deletions, pending parts. */
function fingerprint(doc: Y.Doc, tr: Y.Transaction): Fingerprint {
  let structs = 0;
  for (const list of doc.store.clients.values()) structs += list.length;
  let deletes = 0;
  for (const list of tr.deleteSet.clients.values()) deletes += list.length;
  return {
    structs,
    deletes,
    pendingStructs: doc.store.pendingStructs,
    pendingDs: doc.store.pendingDs,
  };
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return (
    a.structs === b.structs &&
    a.deletes === b.deletes &&
    a.pendingStructs === b.pendingStructs &&
    a.pendingDs === b.pendingDs
  );
}
