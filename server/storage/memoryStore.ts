/** In-memory {@link Storage} for tests: same contract as SQLite, nothing survives the process. */

import { matchesQuery, newMetaRow } from './metaUtil.js';
import type { DocMeta, ListOptions, Storage, StoredDoc, UpdateEntry } from './types.js';

interface MemDoc {
  snapshot: Uint8Array | null;
  log: Uint8Array[];
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
  let closed = false;
  const store = {
    failWrites: options.failWrites ?? false,
    async load(docId: string): Promise<StoredDoc | null> {
      check();
      const d = docs.get(docId);
      if (!d || (d.snapshot === null && d.log.length === 0)) return null;
      const updates = d.snapshot ? [copy(d.snapshot), ...d.log.map(copy)] : d.log.map(copy);
      return { updates, logLength: d.log.length, bytes: updates.reduce((s, u) => s + u.length, 0) };
    },
    async appendUpdates(entries: readonly UpdateEntry[]): Promise<void> {
      checkWrite();
      const now = new Date().toISOString();
      for (const { docId, update } of entries) {
        let d = docs.get(docId);
        if (!d) {
          d = { snapshot: null, log: [], meta: newMetaRow(docId, now) };
          docs.set(docId, d);
        }
        d.log.push(copy(update));
      }
    },
    async replaceState(docId: string, state: Uint8Array): Promise<void> {
      checkWrite();
      let d = docs.get(docId);
      if (!d) {
        d = { snapshot: null, log: [], meta: newMetaRow(docId, new Date().toISOString()) };
        docs.set(docId, d);
      }
      d.snapshot = copy(state);
      d.log = [];
    },
    async createDoc(meta: DocMeta, state: Uint8Array): Promise<boolean> {
      checkWrite();
      if (docs.has(meta.id)) return false;
      docs.set(meta.id, { snapshot: copy(state), log: [], meta: { ...meta } });
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
