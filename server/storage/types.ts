/**
 * Storage interface for Yjs documents and their listing metadata.
 *
 * Each document is a snapshot (a Yjs encoded state, possibly absent) plus an
 * append-only update log. Loading returns the snapshot followed by the log in
 * append order; applying them in that order to an empty `Y.Doc` rebuilds it.
 *
 * Durability promise ("stored"): when a write method's promise resolves, the
 * data survives a crash of this process (kill -9). Whether it also survives a
 * power loss depends on the implementation's sync mode: the SQLite store in
 * `full` mode fsyncs every transaction (= every group of updates) before
 * resolving; in `normal` mode (the default) it only hands the write to the OS.
 */
import type { SopStatus, TemplateId } from '../../shared/model/types.js';

/** Listing metadata of one document (one row per document). */
export interface DocMeta {
  id: string;
  name: string;
  number: string;
  status: SopStatus;
  stepCount: number;
  template: TemplateId | null;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** Where one loaded update came from: the snapshot, or a log row (its opaque row id). */
export type RowRef = 'snapshot' | number;

/** What {@link Storage.load} returns. */
export interface StoredDoc {
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
}

/** A stored row set aside by {@link Storage.quarantine}. */
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

export interface ListOptions {
  /** true: only archived documents; false (default): only active ones. */
  archived?: boolean;
  /** Case-insensitive substring match on the name (and number). */
  q?: string;
}

export interface Storage {
  /**
   * The document's snapshot and log, or null when nothing was ever stored for it (a
   * document whose every row was quarantined loads as empty, not null).
   */
  load(docId: string): Promise<StoredDoc | null>;
  /**
   * Append updates (possibly of several documents) in ONE transaction: either all are
   * stored or none is (the promise rejects). Documents without a metadata row get one.
   */
  appendUpdates(entries: readonly UpdateEntry[]): Promise<void>;
  /**
   * Replace the document's snapshot with `state` and drop its whole log, atomically.
   * The caller guarantees `state` contains every logged update (the room compacts only
   * while no write of that document is in flight).
   */
  replaceState(docId: string, state: Uint8Array): Promise<void>;
  /** Create a document with an initial state and metadata; false if the id already exists. */
  createDoc(meta: DocMeta, state: Uint8Array): Promise<boolean>;
  getMeta(docId: string): Promise<DocMeta | null>;
  /**
   * Listed documents (those created with {@link createDoc}, i.e. with a template) sorted
   * by updatedAt descending. Rows created implicitly by `appendUpdates` (documents that
   * only ever came through the socket, like discussion docs) are not listed.
   */
  listMeta(options?: ListOptions): Promise<DocMeta[]>;
  /** Update the listing fields of an existing row (no-op when the row is missing). */
  updateMeta(
    docId: string,
    fields: Partial<Pick<DocMeta, 'name' | 'number' | 'status' | 'stepCount' | 'updatedAt'>>,
  ): Promise<void>;
  /** Set the archived flag; false when the document does not exist. */
  setArchived(docId: string, archived: boolean): Promise<boolean>;
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
  /** Small key/value store for server bookkeeping (e.g. "sample seeded"). */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
