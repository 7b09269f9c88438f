/**
 * Storage of the SOP's life after approval (issue 17), one interface with memory,
 * SQLite and PostgreSQL implementations (contract: test/unit/lifecycle-store.test.ts):
 * - the reverse index of Keterkaitan links (`lc_links`, source → target), refreshed
 *   from the content document (the document stays the truth of an SOP's own links);
 * - flags on linking SOPs when a target changed (`lc_flags`), open until confirmed;
 * - the last status seen of each SOP (`lc_sop_state`), to tell what changed;
 * - records as JSON by kind (`lc_records`): monitoring records, evaluations and
 *   schedule overrides; `updateRecord` is atomic in the database;
 * - read acknowledgements per effective version (`lc_acks`).
 */
import type { Acknowledgement, LinkFlag, LinkRow } from '../../shared/lifecycle/types.js';

/** `reminder`: one row per due date notified (so each is notified once). */
export type RecordKind = 'monitoring' | 'evaluation' | 'schedule' | 'reminder';

export interface StoredRecord<T = unknown> {
  kind: RecordKind;
  id: string;
  sopId: string;
  createdAt: string;
  data: T;
}

export interface SopState {
  status: string;
  /** Identifies the version in force (changes with each approval). */
  versionKey: string;
  /** Tanggal Efektif of the version in force ('' when none). */
  effectiveDate: string;
}

export interface LifecycleStore {
  /** The links of `sourceId` become exactly `rows`. */
  replaceLinks(sourceId: string, rows: readonly LinkRow[]): Promise<void>;
  linksFrom(sourceId: string): Promise<LinkRow[]>;
  linksTo(targetId: string): Promise<LinkRow[]>;
  allLinks(): Promise<LinkRow[]>;

  addFlag(flag: LinkFlag): Promise<void>;
  /** Flags, oldest first; `open`: only those not confirmed. */
  listFlags(filter: { sourceId?: string; open?: boolean }): Promise<LinkFlag[]>;
  /** Confirms the open flags of `sourceId` (toward `targetId`, or all); returns how many. */
  confirmFlags(sourceId: string, targetId: string | null, by: string, at: string): Promise<number>;

  getSopState(sopId: string): Promise<SopState | null>;
  setSopState(sopId: string, state: SopState): Promise<void>;
  /**
   * Stores `next` only if the stored state is still `expected` (null: none stored), in one
   * statement: of several processes seeing the same change, one wins and flags it.
   */
  replaceSopState(sopId: string, expected: SopState | null, next: SopState): Promise<boolean>;

  /** Inserts a record; false (nothing changed) when `kind`/`id` exists. */
  insertRecord<T>(r: StoredRecord<T>): Promise<boolean>;
  /** Inserts or replaces. */
  putRecord<T>(r: StoredRecord<T>): Promise<void>;
  getRecord<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | null>;
  /** Records of a kind (of one SOP when given), by createdAt then id. */
  listRecords<T>(kind: RecordKind, sopId?: string): Promise<StoredRecord<T>[]>;
  /**
   * Reads, changes and writes one record's data atomically (`fn` sees the committed data,
   * and no other update of that record runs in between, across processes too). `fn` may
   * throw: nothing is written then. Null when the record does not exist.
   */
  updateRecord<T>(kind: RecordKind, id: string, fn: (data: T) => T): Promise<T | null>;

  /** Records "sudah dibaca" once; false when already recorded. */
  addAck(a: Acknowledgement): Promise<boolean>;
  listAcks(sopId: string, versionKey: string): Promise<Acknowledgement[]>;
}

export function byCreated<T extends { createdAt: string; id: string }>(a: T, b: T): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
