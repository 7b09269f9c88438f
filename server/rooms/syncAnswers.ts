/**
 * Sync step 2 answers of a room: what a client that sent its state vector is missing.
 *
 * Three shortcuts, each valid only while the doc has not changed since:
 * - a connection that was sent the stored snapshot before the load finished (and every
 *   change since, as broadcasts) is missing nothing on its first sync step 1;
 * - the doc loaded from a lone stored snapshot is exactly that snapshot: answers are cut
 *   from its bytes instead of re-encoding the whole doc;
 * - answers are cached by state vector (many clients, or one hostile one, asking with
 *   the same vector pay the encoding once per change).
 */
import * as Y from 'yjs';
import type { RoomConnection } from './connection.js';

/** Distinct state vectors whose sync answers are kept at once. */
const SYNC_CACHE_ENTRIES = 16;
/** An update that contains nothing (no structs, empty delete set). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export class SyncAnswers {
  /** The stored snapshot the doc was loaded from, while the doc has not changed since. */
  private loneSnapshot: Uint8Array | null = null;
  private readonly cache = new Map<string, Uint8Array>();
  /** Connections sent the snapshot early whose first sync step 1 is not answered yet. */
  private readonly sentSnapshot = new Set<RoomConnection>();

  constructor(private readonly doc: Y.Doc) {}

  /** The doc is exactly `snapshot` (loaded from it alone). */
  loadedFrom(snapshot: Uint8Array | null): void {
    this.loneSnapshot = snapshot;
  }

  /** `conn` was sent the stored snapshot before the load finished. */
  snapshotSent(conn: RoomConnection): void {
    this.sentSnapshot.add(conn);
  }

  forget(conn: RoomConnection): void {
    this.sentSnapshot.delete(conn);
  }

  /** The doc changed: every cached answer is stale. */
  changed(): void {
    this.loneSnapshot = null;
    this.cache.clear();
  }

  /** Sync step 2 payload for `conn`, whose state vector is `sv` (what it is missing). */
  missingFor(conn: RoomConnection, sv: Uint8Array): Uint8Array {
    if (this.sentSnapshot.delete(conn)) {
      // It has the snapshot and has been sent every change since: nothing is missing.
      return EMPTY_UPDATE;
    }
    const key = Buffer.from(sv.buffer, sv.byteOffset, sv.byteLength).toString('latin1');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const snap = this.loneSnapshot;
    const answer =
      snap === null
        ? Y.encodeStateAsUpdate(this.doc, sv)
        : // An empty state vector (a new client) is one varUint 0: the whole snapshot.
          sv.length === 1 && sv[0] === 0
          ? snap
          : Y.diffUpdate(snap, sv);
    if (this.cache.size >= SYNC_CACHE_ENTRIES) this.cache.clear();
    this.cache.set(key, answer);
    return answer;
  }
}
