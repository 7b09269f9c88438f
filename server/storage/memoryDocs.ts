/**
 * In-memory {@link DocLog}, {@link SopIndex} and {@link SettingsStore} (tests,
 * `STORAGE=memory`): same contracts as SQLite and PostgreSQL, nothing survives the process.
 * The three share one document map, as the SQL stores share one database.
 */
import * as Y from 'yjs';
import {
  catalogueComparator,
  type MemRow,
  matchesCatalogue,
  pageOf,
} from '../catalogue/catalogueQuery.js';
import { digestOf } from './digest.js';
import type { AppendedRows, DocLog, QuarantinedRow, RowRef } from './docLog.js';
import { matchesQuery, newMetaRow } from './metaUtil.js';
import type { SettingsStore } from './settings.js';
import type { CatalogueQuery, DocMeta, SopIndex } from './sopIndex.js';

interface MemDoc {
  snapshot: Uint8Array | null;
  snapshotDigest: string | null;
  /** Sequence number the snapshot covers (rows ≤ it were compacted into it). */
  snapshotSeq: number;
  log: Array<{ seq: number; data: Uint8Array }>;
  meta: DocMeta;
  /** Catalogue fields (issue 17); searchText null until first written. */
  cat: { effectiveDate: string; reviewDate: string; searchText: string | null };
}

const CATALOGUE_KEYS = ['effectiveDate', 'reviewDate', 'searchText'] as const;
const noCatalogue = () => ({ effectiveDate: '', reviewDate: '', searchText: null });

export interface MemoryDocStores {
  docLog: DocLog;
  index: SopIndex;
  settings: SettingsStore;
  /** Make every write of these three stores fail (a failing disk in tests); toggle at will. */
  failWrites: boolean;
  /** After this, every call rejects. */
  close(): void;
}

export interface MemoryDocStoresOptions {
  failWrites?: boolean;
  /**
   * Several room managers share the store (tests of several processes): compaction merges
   * the stored snapshot and rows into the state, as PostgreSQL does (see `DocLog.replaceUpTo`).
   */
  shared?: boolean;
}

export function createMemoryDocStores(options: MemoryDocStoresOptions = {}): MemoryDocStores {
  const docs = new Map<string, MemDoc>();
  const settings = new Map<string, string>();
  const quarantined: Array<QuarantinedRow & { data: Uint8Array }> = [];
  let seq = 0;
  let closed = false;
  const check = (): void => {
    if (closed) throw new Error('storage is closed');
  };
  const checkWrite = (): void => {
    check();
    if (out.failWrites) throw new Error('simulated write failure');
  };
  const ensure = (docId: string): MemDoc => {
    let d = docs.get(docId);
    if (!d) {
      d = {
        snapshot: null,
        snapshotDigest: null,
        snapshotSeq: 0,
        log: [],
        meta: newMetaRow(docId, new Date().toISOString()),
        cat: noCatalogue(),
      };
      docs.set(docId, d);
    }
    return d;
  };

  const docLog: DocLog = {
    async load(docId) {
      check();
      const d = docs.get(docId);
      if (!d) return null;
      const updates = d.log.map((r) => copy(r.data));
      const rows: RowRef[] = d.log.map((r) => r.seq);
      if (d.snapshot) {
        updates.unshift(copy(d.snapshot));
        rows.unshift('snapshot');
      }
      return {
        updates,
        rows,
        logLength: d.log.length,
        bytes: updates.reduce((s, u) => s + u.length, 0),
        snapshotDigest: d.snapshot ? d.snapshotDigest : null,
        lastSeq: lastSeqOf(d),
      };
    },
    async append(entries) {
      checkWrite();
      const last = new Map<string, AppendedRows>();
      for (const { docId, update } of entries) {
        const d = ensure(docId);
        const prevSeq = last.get(docId)?.prevSeq ?? lastSeqOf(d);
        d.log.push({ seq: ++seq, data: copy(update) });
        last.set(docId, { seq, prevSeq });
      }
      return last;
    },
    async readSince(docId, afterSeq) {
      check();
      const d = docs.get(docId);
      if (!d) return null;
      const updates: Uint8Array[] = [];
      if (d.snapshot && d.snapshotSeq > afterSeq) updates.push(copy(d.snapshot));
      for (const r of d.log) if (r.seq > afterSeq) updates.push(copy(r.data));
      return { updates, lastSeq: Math.max(afterSeq, lastSeqOf(d)) };
    },
    async replaceUpTo(docId, state, upToSeq) {
      checkWrite();
      const d = ensure(docId);
      if (upToSeq < d.snapshotSeq) return false;
      // `shared`: as PostgreSQL, merged with what is stored (several room managers share
      // this store in tests, each seeing only part of the rows).
      const merged = options.shared
        ? mergeStored(
            state,
            d.snapshot,
            d.log.filter((r) => r.seq <= upToSeq),
          )
        : state;
      d.snapshot = copy(merged);
      d.snapshotDigest = digestOf(merged);
      // Record the last row this snapshot replaced (a caller may pass "everything so far").
      for (const r of d.log) if (r.seq <= upToSeq) d.snapshotSeq = Math.max(d.snapshotSeq, r.seq);
      d.log = d.log.filter((r) => r.seq > upToSeq);
      return true;
    },
    async quarantine(docId, rows) {
      checkWrite();
      const d = docs.get(docId);
      const at = new Date().toISOString();
      const moved: QuarantinedRow[] = [];
      for (const { row, data, reason } of rows) {
        if (!d) break;
        if (row === 'snapshot') {
          if (!d.snapshot || !sameBytes(d.snapshot, data)) continue;
          d.snapshot = null;
          d.snapshotDigest = null;
        } else {
          const i = d.log.findIndex((r) => r.seq === row);
          if (i < 0) continue;
          d.log.splice(i, 1);
        }
        const entry: QuarantinedRow = {
          docId,
          at,
          reason,
          source: row === 'snapshot' ? 'snapshot' : 'log',
          bytes: data.byteLength,
        };
        quarantined.push({ ...entry, data: copy(data) });
        moved.push(entry);
      }
      return moved;
    },
    async listQuarantined(docId) {
      check();
      return quarantined.filter((q) => q.docId === docId).map(({ data: _data, ...entry }) => entry);
    },
    async countQuarantined() {
      check();
      return quarantined.length;
    },
    async adoptSnapshotDigest(docId, snapshot) {
      checkWrite();
      const d = docs.get(docId);
      if (d?.snapshot && d.snapshotDigest === null && sameBytes(d.snapshot, snapshot))
        d.snapshotDigest = digestOf(snapshot);
    },
    async close() {},
  };

  const index: SopIndex = {
    async createDoc(meta, state) {
      checkWrite();
      if (docs.has(meta.id)) return false;
      const { effectiveDate, reviewDate, searchText, ...listing } = meta;
      docs.set(meta.id, {
        snapshot: copy(state),
        snapshotDigest: digestOf(state),
        snapshotSeq: 0,
        log: [],
        meta: { ...listing },
        cat: {
          effectiveDate: effectiveDate ?? '',
          reviewDate: reviewDate ?? '',
          searchText: searchText ?? null,
        },
      });
      return true;
    },
    async getMeta(docId) {
      check();
      const d = docs.get(docId);
      return d ? { ...d.meta } : null;
    },
    async listMeta(opts = {}) {
      check();
      const archived = opts.archived ?? false;
      return [...docs.values()]
        .map((d) => ({ ...d.meta }))
        .filter((m) => m.template !== null && m.archived === archived && matchesQuery(m, opts.q))
        .sort((a, b) =>
          a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? -1 : 1,
        );
    },
    async updateMeta(docId, fields) {
      checkWrite();
      const d = docs.get(docId);
      if (!d) return;
      const next = { ...d.meta };
      const cat = { ...d.cat };
      for (const [k, v] of Object.entries(fields)) {
        if (v === undefined) continue;
        if ((CATALOGUE_KEYS as readonly string[]).includes(k))
          (cat as Record<string, unknown>)[k] = v;
        else (next as unknown as Record<string, unknown>)[k] = v;
      }
      d.meta = { ...next, id: d.meta.id, archived: d.meta.archived, template: d.meta.template };
      d.cat = cat;
    },
    async queryCatalogue(query) {
      check();
      const rows = catalogueRows(query);
      return {
        rows: pageOf(rows, query).map(({ searchText: _s, ...row }) => row),
        total: rows.length,
      };
    },
    async catalogueFacts(query) {
      check();
      return catalogueRows(query).map((r) => ({
        id: r.id,
        status: r.status,
        reviewDate: r.reviewDate,
      }));
    },
    async unindexed(limit) {
      check();
      return [...docs.values()]
        .filter((d) => d.meta.template !== null && d.cat.searchText === null)
        .map((d) => d.meta.id)
        .sort()
        .slice(0, Math.max(0, limit));
    },
    async setArchived(docId, archived) {
      checkWrite();
      const d = docs.get(docId);
      if (!d) return false;
      d.meta.archived = archived;
      return true;
    },
  };

  function catalogueRows(query: CatalogueQuery): MemRow[] {
    const ids = query.ids ? new Set(query.ids) : undefined;
    return [...docs.values()]
      .map((d): MemRow => ({ ...d.meta, ...d.cat }))
      .filter((m) => matchesCatalogue(m, query, ids))
      .sort(catalogueComparator(query));
  }

  const settingsStore: SettingsStore = {
    async getSetting(key) {
      check();
      return settings.get(key) ?? null;
    },
    async setSetting(key, value) {
      checkWrite();
      settings.set(key, value);
    },
  };

  const out: MemoryDocStores = {
    docLog,
    index,
    settings: settingsStore,
    failWrites: options.failWrites ?? false,
    close() {
      closed = true;
    },
  };
  return out;
}

/** `state` merged with the stored snapshot and rows (applied to one Y.Doc, encoded). */
function mergeStored(
  state: Uint8Array,
  snapshot: Uint8Array | null,
  rows: ReadonlyArray<{ data: Uint8Array }>,
): Uint8Array {
  if (!snapshot && rows.length === 0) return state;
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const r of rows) Y.applyUpdate(doc, r.data);
    Y.applyUpdate(doc, state);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The last row's sequence number, or the one the snapshot covers when the log is empty. */
function lastSeqOf(d: MemDoc): number {
  return d.log.at(-1)?.seq ?? d.snapshotSeq;
}

function copy(u: Uint8Array): Uint8Array {
  return new Uint8Array(u);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
