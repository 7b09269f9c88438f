/** In-memory {@link Storage} for tests: same contract as SQLite, nothing survives the process. */

import { digestOf } from './digest.js';
import { matchesQuery, newMetaRow } from './metaUtil.js';
import type {
  DocMeta,
  ListOptions,
  QuarantinedRow,
  QuarantineRequest,
  RowRef,
  Storage,
  StoredDoc,
  UpdateEntry,
} from './types.js';

interface MemDoc {
  snapshot: Uint8Array | null;
  snapshotDigest: string | null;
  log: Array<{ seq: number; data: Uint8Array }>;
  meta: DocMeta;
}

export interface MemoryStoreOptions {
  /** Make every write fail (simulates a failing disk in tests). Can be toggled at runtime. */
  failWrites?: boolean;
}

/** Create an in-memory store. `options.failWrites` can be flipped later to inject write errors. */
export function createMemoryStore(options: MemoryStoreOptions = {}): Storage & MemoryStoreOptions {
  const docs = new Map<string, MemDoc>();
  const settings = new Map<string, string>();
  const quarantined: Array<QuarantinedRow & { data: Uint8Array }> = [];
  let seq = 0;
  let closed = false;
  const newDoc = (docId: string, now: string): MemDoc => ({
    snapshot: null,
    snapshotDigest: null,
    log: [],
    meta: newMetaRow(docId, now),
  });
  const store = {
    failWrites: options.failWrites ?? false,
    async load(docId: string): Promise<StoredDoc | null> {
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
      };
    },
    async appendUpdates(entries: readonly UpdateEntry[]): Promise<void> {
      checkWrite();
      const now = new Date().toISOString();
      for (const { docId, update } of entries) {
        let d = docs.get(docId);
        if (!d) {
          d = newDoc(docId, now);
          docs.set(docId, d);
        }
        d.log.push({ seq: ++seq, data: copy(update) });
      }
    },
    async replaceState(docId: string, state: Uint8Array): Promise<void> {
      checkWrite();
      let d = docs.get(docId);
      if (!d) {
        d = newDoc(docId, new Date().toISOString());
        docs.set(docId, d);
      }
      d.snapshot = copy(state);
      d.snapshotDigest = digestOf(state);
      d.log = [];
    },
    async createDoc(meta: DocMeta, state: Uint8Array): Promise<boolean> {
      checkWrite();
      if (docs.has(meta.id)) return false;
      docs.set(meta.id, {
        snapshot: copy(state),
        snapshotDigest: digestOf(state),
        log: [],
        meta: { ...meta },
      });
      return true;
    },
    async getMeta(docId: string): Promise<DocMeta | null> {
      check();
      const d = docs.get(docId);
      return d ? { ...d.meta } : null;
    },
    async listMeta(opts: ListOptions = {}): Promise<DocMeta[]> {
      check();
      const archived = opts.archived ?? false;
      return [...docs.values()]
        .map((d) => ({ ...d.meta }))
        .filter((m) => m.template !== null && m.archived === archived && matchesQuery(m, opts.q))
        .sort((a, b) =>
          a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? -1 : 1,
        );
    },
    async updateMeta(docId: string, fields: Partial<DocMeta>): Promise<void> {
      checkWrite();
      const d = docs.get(docId);
      if (d) d.meta = { ...d.meta, ...fields, id: d.meta.id, archived: d.meta.archived };
    },
    async setArchived(docId: string, archived: boolean): Promise<boolean> {
      checkWrite();
      const d = docs.get(docId);
      if (!d) return false;
      d.meta.archived = archived;
      return true;
    },
    async quarantine(docId: string, rows: readonly QuarantineRequest[]): Promise<QuarantinedRow[]> {
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
    async listQuarantined(docId: string): Promise<QuarantinedRow[]> {
      check();
      return quarantined.filter((q) => q.docId === docId).map(({ data: _data, ...entry }) => entry);
    },
    async countQuarantined(): Promise<number> {
      check();
      return quarantined.length;
    },
    async adoptSnapshotDigest(docId: string, snapshot: Uint8Array): Promise<void> {
      checkWrite();
      const d = docs.get(docId);
      if (d?.snapshot && d.snapshotDigest === null && sameBytes(d.snapshot, snapshot))
        d.snapshotDigest = digestOf(snapshot);
    },
    async getSetting(key: string): Promise<string | null> {
      check();
      return settings.get(key) ?? null;
    },
    async setSetting(key: string, value: string): Promise<void> {
      checkWrite();
      settings.set(key, value);
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
  function check(): void {
    if (closed) throw new Error('storage is closed');
  }
  function checkWrite(): void {
    check();
    if (store.failWrites) throw new Error('simulated write failure');
  }
  return store;
}

function copy(u: Uint8Array): Uint8Array {
  return new Uint8Array(u);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
