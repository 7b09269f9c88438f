/**
 * A document's stored form: a snapshot (a Yjs encoded state, possibly absent) plus an
 * append-only update log whose rows carry sequence numbers. Loading returns the snapshot
 * followed by the log in append (= sequence) order; applying them in that order to an
 * empty `Y.Doc` rebuilds it.
 *
 * Durability promise ("stored"): when a write method's promise resolves, the data survives
 * a crash of this process (kill -9). Whether it also survives a power loss depends on the
 * implementation: the SQLite store in `full` sync mode fsyncs every transaction before
 * resolving, in `normal` mode (the default) it only hands the write to the OS; PostgreSQL
 * resolves once the transaction is committed.
 */

/** Where one loaded update came from: the snapshot, or a log row (its sequence number). */
export type RowRef = 'snapshot' | number;

/** What {@link DocLog.load} returns. */
export interface LoggedDoc {
  /** Snapshot first (if any), then every logged update in append order. */
  updates: Uint8Array[];
  /** Where each entry of `updates` is stored (same order and length). */
  rows: RowRef[];
  /** Number of log entries (not counting the snapshot). */
  logLength: number;
  /** Total bytes of snapshot and log. */
  bytes: number;
  /**
   * SHA-256 (hex) of the snapshot, recorded when it was written; null when there is no
   * snapshot or it was stored before checksums existed. A snapshot whose bytes still
   * match it can be sent to clients before it is parsed (see server/storage/loadDoc.ts).
   */
  snapshotDigest: string | null;
  /**
   * Highest sequence number the returned data covers: the last log row's, or, when the log
   * is empty, the one the snapshot was compacted up to (0 for a document never compacted).
   * Pass it (or a later append's result) to {@link DocLog.replaceUpTo}.
   */
  lastSeq: number;
}

/** A stored row set aside by {@link DocLog.quarantine}. */
export interface QuarantinedRow {
  docId: string;
  /** ISO time it was set aside. */
  at: string;
  /** Why it could not be used, e.g. `cannot be decoded: Unexpected end of array`. */
  reason: string;
  source: 'snapshot' | 'log';
  /** Size of the row; its bytes are kept in the quarantine table for manual recovery. */
  bytes: number;
}

/** One row to set aside: where it is, its bytes as loaded, and why. */
export interface QuarantineRequest {
  row: RowRef;
  data: Uint8Array;
  reason: string;
}

/** One update to append to a document's log. */
export interface UpdateEntry {
  docId: string;
  update: Uint8Array;
}

/** What one {@link DocLog.append} stored for one document. */
export interface AppendedRows {
  /** Sequence number of the last row appended for the document. */
  seq: number;
  /**
   * The document's last sequence number just before these rows (its last log row's, or
   * the one its snapshot was compacted up to; 0 for none). Appends of one document are
   * serialised, so `prevSeq → seq` is a link of the document's chain: a process that
   * holds every row up to `prevSeq` and applies these rows holds every row up to `seq`,
   * and one that sees a link starting past what it holds knows it missed rows
   * (server/rooms/seqChain.ts).
   */
  prevSeq: number;
}

/** What {@link DocLog.readSince} returns: what a copy holding every row up to `afterSeq` lacks. */
export interface SinceRead {
  /**
   * The stored snapshot first when it covers rows past `afterSeq` (those rows are gone
   * from the log), then every log row with a higher sequence number, in order.
   */
  updates: Uint8Array[];
  /** Highest sequence number the returned data covers (≥ `afterSeq`). */
  lastSeq: number;
}

export interface DocLog {
  /**
   * The document's snapshot and log, or null when nothing was ever stored for it (a
   * document whose every row was quarantined loads as empty, not null).
   */
  load(docId: string): Promise<LoggedDoc | null>;
  /**
   * Appends updates of possibly several documents in ONE transaction (all or nothing:
   * otherwise the promise rejects and nothing is stored); resolves, per document, with the
   * sequence number of the last row appended and the document's last one before them
   * ({@link AppendedRows}). Sequence numbers increase per document (they come from one
   * global sequence, so they are not contiguous per document), and per document they are
   * committed in the order they are handed out.
   */
  append(entries: readonly UpdateEntry[]): Promise<Map<string, AppendedRows>>;
  /**
   * What a copy of the document that holds every row up to `afterSeq` lacks (a process
   * that missed fan-out messages catches up with it), as one consistent read; null when
   * nothing was ever stored for the document.
   */
  readSince(docId: string, afterSeq: number): Promise<SinceRead | null>;
  /**
   * Compaction: the snapshot becomes `state`, which contains every log row with
   * seq ≤ upToSeq; deletes exactly those rows (never a row appended after). Atomic.
   * PostgreSQL: under a per-document advisory lock so one process compacts a document at
   * a time; if the lock is taken, resolves `false` and does nothing. Also PostgreSQL: the
   * snapshot written is `state` MERGED with the stored snapshot and every row ≤ upToSeq,
   * read inside that locked transaction, so the caller's `state` need not hold rows that
   * other processes appended (it holds its own; with several processes it cannot know it
   * has every other row). The memory store does the same when created `shared` (tests
   * of several room managers on one store); SQLite, one process's store, writes `state`
   * as it is: there one room per document sees every row.
   * Every backend also resolves `false` (and does nothing) for a stale compaction: when the
   * stored snapshot already covers a later sequence number than `upToSeq` (another room or
   * process compacted further meanwhile; writing the older state would lose rows).
   * Otherwise `true`.
   */
  replaceUpTo(docId: string, state: Uint8Array, upToSeq: number): Promise<boolean>;
  /**
   * Move rows that cannot be decoded or applied out of the document into the quarantine
   * table (bytes and reason kept), atomically. Idempotent and safe against compaction: a
   * log row is moved only while it still exists, the snapshot only while it still holds
   * `data`. Returns what was actually moved.
   */
  quarantine(docId: string, rows: readonly QuarantineRequest[]): Promise<QuarantinedRow[]>;
  /** The quarantined rows of a document, oldest first. */
  listQuarantined(docId: string): Promise<QuarantinedRow[]>;
  /** Number of quarantined rows of all documents. */
  countQuarantined(): Promise<number>;
  /**
   * Record the checksum of a snapshot stored before checksums existed, once it loaded
   * cleanly: only when the document's snapshot has none and still equals `snapshot`.
   */
  adoptSnapshotDigest(docId: string, snapshot: Uint8Array): Promise<void>;
  /** Releases what this store alone owns (the shared connection is closed by `Stores.close`). */
  close(): Promise<void>;
}
