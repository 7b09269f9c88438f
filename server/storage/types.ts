/**
 * The storage types, re-exported from the files of each concern (issue 13):
 * - {@link DocLog} (`docLog.ts`): a document's snapshot + update log, with sequence numbers;
 * - {@link SopIndex} (`sopIndex.ts`): the listing rows;
 * - {@link SettingsStore} (`settings.ts`): server bookkeeping;
 * - `createStores` (`stores.ts`) builds them with versions, accounts and the audit log on
 *   one connection (pool).
 *
 * `Storage` is the pre-issue-13 all-in-one interface, kept only until no code names it.
 */
import type { DocLog, LoggedDoc, UpdateEntry } from './docLog.js';
import type { SettingsStore } from './settings.js';
import type { SopIndex } from './sopIndex.js';

export type {
  DocLog,
  LoggedDoc,
  QuarantinedRow,
  QuarantineRequest,
  RowRef,
  UpdateEntry,
} from './docLog.js';
export type { SettingsStore } from './settings.js';
export type { DocMeta, ListOptions, MetaFields, SopIndex } from './sopIndex.js';

/** @deprecated Use {@link LoggedDoc}. */
export type StoredDoc = LoggedDoc;

/** @deprecated The pre-issue-13 all-in-one store: use `DocLog`, `SopIndex`, `SettingsStore`. */
export interface Storage extends Omit<DocLog, 'append' | 'replaceUpTo'>, SopIndex, SettingsStore {
  appendUpdates(entries: readonly UpdateEntry[]): Promise<void>;
  /** Snapshot := state, dropping every log row stored so far (the caller guarantees `state` has them). */
  replaceState(docId: string, state: Uint8Array): Promise<void>;
}
