/**
 * Salvage on load (issue 12 §2): `loadDoc` quarantines stored rows that cannot be
 * decoded or applied, or whose structs can never be integrated, and loads the rest;
 * a row that only waits for a LATER row is kept. Run on the memory store (the SQLite
 * specifics — checksums, a corrupt snapshot on disk — are in
 * test/integration/salvage.test.ts).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../../server/logger.js';
import { loadDoc, readStoredUpdates } from '../../server/storage/loadDoc.js';
import type { DocMeta } from '../../server/storage/sopIndex.js';
import { createMemoryStores, type MemoryStores } from '../../server/storage/stores.js';

type Storage = MemoryStores;

const log = silentLogger();

function meta(id: string): DocMeta {
  return {
    id,
    name: id,
    number: '',
    status: 'draft',
    stepCount: 0,
    template: 'sop-ap',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archived: false,
  };
}

/** Deterministic bytes (mulberry32). */
function randomBytes(n: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** The update `fn` makes on a replica of `base` with its own client id. */
function editOn(base: Uint8Array, clientID: number, fn: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  d.clientID = clientID;
  Y.applyUpdate(d, base);
  let out: Uint8Array | null = null;
  d.on('update', (u: Uint8Array) => {
    out = u;
  });
  fn(d);
  if (!out) throw new Error('no update');
  return out;
}

/** A document stored as a snapshot (`title`) plus three independent log rows a, b, c. */
async function stored(store: Storage, id: string): Promise<Uint8Array[]> {
  const base = new Y.Doc();
  base.clientID = 1;
  base.getText('title').insert(0, 'Judul');
  const snap = Y.encodeStateAsUpdate(base);
  await store.index.createDoc(meta(id), snap);
  const rows = ['a', 'b', 'c'].map((k, i) =>
    editOn(snap, 10 + i, (d) => d.getMap('m').set(k, `value ${k}`)),
  );
  await store.docLog.append(rows.map((update) => ({ docId: id, update })));
  return rows;
}

/** Replace log row `index` (0-based, after the snapshot) with `bytes` (same order). */
async function corruptRow(store: Storage, id: string, index: number, bytes: Uint8Array) {
  const s = (await store.docLog.load(id))!;
  const log = s.updates.slice(1);
  const snap = s.updates[0]!;
  log[index] = bytes;
  await store.docLog.replaceUpTo(id, snap, Number.MAX_SAFE_INTEGER);
  await store.docLog.append(log.map((update) => ({ docId: id, update })));
}

const mapOf = (d: Y.Doc) => d.getMap('m').toJSON();

describe('loadDoc: salvage on load', () => {
  it('a clean document loads whole, nothing quarantined, the lone snapshot is its state', async () => {
    const store = createMemoryStores();
    await stored(store, 'd');
    const r = await loadDoc({ docLog: store.docLog, log }, 'd');
    expect(r.quarantined).toEqual([]);
    expect(r.doc.getText('title').toString()).toBe('Judul');
    expect(mapOf(r.doc)).toEqual({ a: 'value a', b: 'value b', c: 'value c' });
    expect(r.loneSnapshot).toBeNull(); // (three log rows)
    const only = createMemoryStores();
    const d = new Y.Doc();
    d.getText('t').insert(0, 'x');
    await only.index.createDoc(meta('s'), Y.encodeStateAsUpdate(d));
    const lone = await loadDoc({ docLog: only.docLog, log }, 's');
    expect(lone.loneSnapshot).toEqual(Y.encodeStateAsUpdate(d));
    expect(await loadDoc({ docLog: only.docLog, log }, 'nope')).toMatchObject({ stored: null });
  });

  const kinds: Array<[string, (row: Uint8Array) => Uint8Array]> = [
    ['random bytes', () => randomBytes(64, 7)],
    ['a truncated row', (row) => row.slice(0, Math.floor(row.length / 2))],
    ['an empty row', () => new Uint8Array(0)],
  ];
  for (const [kind, damage] of kinds) {
    it(`a log row of ${kind} is quarantined; the others load; the next load is clean`, async () => {
      const store = createMemoryStores();
      const rows = await stored(store, 'd');
      await corruptRow(store, 'd', 1, damage(rows[1]!));
      const r = await loadDoc({ docLog: store.docLog, log }, 'd');
      expect(r.quarantined).toEqual([
        expect.objectContaining({ source: 'log', reason: expect.stringMatching(/^cannot be/) }),
      ]);
      expect(r.doc.getText('title').toString()).toBe('Judul');
      expect(mapOf(r.doc)).toEqual({ a: 'value a', c: 'value c' });
      expect(r.stored?.logLength).toBe(2);
      const again = await loadDoc({ docLog: store.docLog, log }, 'd');
      expect(again.quarantined).toEqual([]);
      expect(Y.encodeStateAsUpdate(again.doc)).toEqual(Y.encodeStateAsUpdate(r.doc));
      expect(await store.docLog.countQuarantined()).toBe(1);
    });
  }

  it('every single flipped byte in a row: the load never fails and keeps the other rows', async () => {
    const store = createMemoryStores();
    const rows = await stored(store, 'template');
    const row = rows[1]!;
    for (let i = 0; i < row.length; i++) {
      const s = createMemoryStores();
      await stored(s, 'd');
      const flipped = new Uint8Array(row);
      flipped[i] = (flipped[i] ?? 0) ^ 0xff;
      await corruptRow(s, 'd', 1, flipped);
      const r = await loadDoc({ docLog: s.docLog, log }, 'd');
      expect(r.doc.getText('title').toString()).toBe('Judul');
      expect(mapOf(r.doc)).toMatchObject({ a: 'value a', c: 'value c' });
      // what stays stored loads to the same state, without further quarantine
      const again = await loadDoc({ docLog: s.docLog, log }, 'd');
      expect(again.quarantined).toEqual([]);
      expect(Y.encodeStateAsUpdate(again.doc)).toEqual(Y.encodeStateAsUpdate(r.doc));
    }
  });

  it('a row waiting for a LATER row is kept (judged at the end, not mid-way)', async () => {
    const store = createMemoryStores();
    const base = Y.encodeStateAsUpdate(new Y.Doc());
    const first = editOn(base, 5, (d) => d.getText('t').insert(0, 'ab'));
    const afterFirst = new Y.Doc();
    Y.applyUpdate(afterFirst, first);
    const second = editOn(Y.encodeStateAsUpdate(afterFirst), 5, (d) =>
      d.getText('t').insert(2, 'cd'),
    );
    // stored out of order: `second` depends on `first`, which comes after it
    await store.docLog.append([
      { docId: 'd', update: second },
      { docId: 'd', update: first },
    ]);
    const r = await loadDoc({ docLog: store.docLog, log }, 'd');
    expect(r.quarantined).toEqual([]);
    expect(r.doc.getText('t').toString()).toBe('abcd');
  });

  it('rows depending on a quarantined row are quarantined too; a room doc is reported tainted', async () => {
    const store = createMemoryStores();
    const base = Y.encodeStateAsUpdate(new Y.Doc());
    const first = editOn(base, 5, (d) => d.getText('t').insert(0, 'ab'));
    const afterFirst = new Y.Doc();
    Y.applyUpdate(afterFirst, first);
    const second = editOn(Y.encodeStateAsUpdate(afterFirst), 6, (d) =>
      d.getText('t').insert(2, 'cd'),
    );
    const other = editOn(base, 7, (d) => d.getMap('m').set('k', 'v'));
    await store.docLog.append([
      { docId: 'd', update: first.slice(0, 3) },
      { docId: 'd', update: second },
      { docId: 'd', update: other },
    ]);
    const rows = [first.slice(0, 3), second, other];
    // without a doc of its own, the caller gets the clean rebuild
    const plain = createMemoryStores();
    await plain.docLog.append(rows.map((update) => ({ docId: 'd', update })));
    const rebuilt = await loadDoc({ docLog: plain.docLog, log }, 'd');
    expect(rebuilt.tainted).toBe(false);
    expect(rebuilt.quarantined).toHaveLength(2);
    expect(rebuilt.doc.store.pendingStructs).toBeNull();
    expect(rebuilt.doc.getMap('m').toJSON()).toEqual({ k: 'v' });
    // with the room's doc, it is told to drop it
    const into = new Y.Doc();
    const r = await loadDoc({ docLog: store.docLog, log }, 'd', { into });
    expect(r.quarantined.map((q) => q.reason)).toEqual([
      expect.stringMatching(/^cannot be decoded/),
      expect.stringMatching(/^depends on data that is missing/),
    ]);
    // `into` received `second` (pending): the caller must drop it and load again
    expect(r.tainted).toBe(true);
    expect(r.doc).toBe(into);
    expect(into.store.pendingStructs).not.toBeNull();
    // the next load (what a room does after a reset) is clean and untainted
    const next = new Y.Doc();
    const again = await loadDoc({ docLog: store.docLog, log }, 'd', { into: next });
    expect(again).toMatchObject({ tainted: false, quarantined: [] });
    expect(again.doc).toBe(next);
    expect(next.getMap('m').toJSON()).toEqual({ k: 'v' });
  });

  it('a snapshot that cannot be applied is quarantined and the log loads alone', async () => {
    const store = createMemoryStores();
    // (written through the API, so its checksum matches: trusted, yet unreadable)
    await store.index.createDoc(meta('d'), randomBytes(200, 3));
    const other = editOn(Y.encodeStateAsUpdate(new Y.Doc()), 7, (d) => d.getMap('m').set('k', 'v'));
    await store.docLog.append([{ docId: 'd', update: other }]);
    const r = await loadDoc({ docLog: store.docLog, log }, 'd');
    expect(r.quarantined).toEqual([expect.objectContaining({ source: 'snapshot' })]);
    expect(r.doc.getMap('m').toJSON()).toEqual({ k: 'v' });
    expect(r.stored).toMatchObject({ logLength: 1, snapshotDigest: null });
  });

  it('readStoredUpdates (exports) leaves out and quarantines rows that do not decode', async () => {
    const store = createMemoryStores();
    const rows = await stored(store, 'd');
    await corruptRow(store, 'd', 2, rows[2]!.slice(0, 4));
    const updates = await readStoredUpdates({ docLog: store.docLog, log }, 'd');
    expect(updates).toHaveLength(3);
    const d = new Y.Doc();
    for (const u of updates ?? []) Y.applyUpdate(d, u);
    expect(mapOf(d)).toEqual({ a: 'value a', b: 'value b' });
    expect(await store.docLog.countQuarantined()).toBe(1);
    expect(await readStoredUpdates({ docLog: store.docLog, log }, 'nope')).toBeNull();
  });
});
