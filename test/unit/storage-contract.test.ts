/**
 * Storage contract (issue 2 §5): every Storage implementation passes the same suite.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStore } from '../../server/storage/memoryStore.js';
import { createSqliteStore } from '../../server/storage/sqliteStore.js';
import type { DocMeta, Storage } from '../../server/storage/types.js';

interface Impl {
  name: string;
  open(): Storage;
  /** Reopen the same underlying data (null when the impl is not persistent). */
  reopen: (() => Storage) | null;
  cleanup(): void;
}

function sqliteImpl(): Impl {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'susun-store-'));
  const file = path.join(dir, 'nested', 'susun.db');
  return {
    name: 'sqlite',
    open: () => createSqliteStore({ file }),
    reopen: () => createSqliteStore({ file }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function sqliteFullImpl(): Impl {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'susun-store-'));
  const file = path.join(dir, 'susun.db');
  return {
    name: 'sqlite (synchronous=FULL)',
    open: () => createSqliteStore({ file, syncMode: 'full' }),
    reopen: () => createSqliteStore({ file, syncMode: 'full' }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function memoryImpl(): Impl {
  return { name: 'memory', open: () => createMemoryStore(), reopen: null, cleanup: () => {} };
}

function meta(id: string, over: Partial<DocMeta> = {}): DocMeta {
  return {
    id,
    name: `SOP ${id}`,
    number: `No. ${id}`,
    status: 'draft',
    stepCount: 0,
    template: 'sop-ap',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archived: false,
    ...over,
  };
}

/** Build a doc with `n` separate text edits, returning every update. */
function edits(n: number, clientID = 1): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < n; i++) {
    if (i % 7 === 6) text.delete(0, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  doc.getMap('m').set('k', 'v');
  return { doc, updates };
}

const sha256 = (u: Uint8Array) => createHash('sha256').update(u).digest('hex');

function rebuild(updates: Uint8Array[]): Y.Doc {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return d;
}

for (const makeImpl of [memoryImpl, sqliteImpl, sqliteFullImpl]) {
  const probe = makeImpl();
  probe.cleanup();
  describe(`storage contract: ${probe.name}`, () => {
    let impl: Impl;
    let store: Storage;
    const open = (): Storage => {
      impl = makeImpl();
      store = impl.open();
      return store;
    };
    afterEach(async () => {
      await store?.close().catch(() => {});
      impl?.cleanup();
    });

    it('load of an unknown document is null', async () => {
      open();
      expect(await store.load('nope')).toBeNull();
      expect(await store.getMeta('nope')).toBeNull();
    });

    it('appended updates load back in order and rebuild the same content', async () => {
      open();
      const { doc, updates } = edits(50);
      await store.appendUpdates(updates.map((update) => ({ docId: 'a', update })));
      const loaded = await store.load('a');
      expect(loaded?.logLength).toBe(updates.length);
      expect(loaded?.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
      expect(rebuild(loaded!.updates).getText('t').toString()).toBe(doc.getText('t').toString());
    });

    it('one append call spans several documents; each gets a metadata row', async () => {
      open();
      const a = edits(3, 1).updates;
      const b = edits(4, 2).updates;
      await store.appendUpdates([
        ...a.map((update) => ({ docId: 'a', update })),
        ...b.map((update) => ({ docId: 'b', update })),
      ]);
      expect((await store.load('a'))?.logLength).toBe(a.length);
      expect((await store.load('b'))?.logLength).toBe(b.length);
      expect((await store.getMeta('b'))?.archived).toBe(false);
      // Rows created implicitly (socket-only documents) are not listed.
      expect((await store.getMeta('b'))?.template).toBeNull();
      expect(await store.listMeta()).toEqual([]);
    });

    it('replaceState compacts: the log is dropped and content is identical', async () => {
      open();
      const { doc, updates } = edits(300);
      await store.appendUpdates(updates.map((update) => ({ docId: 'c', update })));
      const before = rebuild((await store.load('c'))!.updates);
      await store.replaceState('c', Y.encodeStateAsUpdate(before));
      const after = await store.load('c');
      expect(after?.logLength).toBe(0);
      expect(after?.updates).toHaveLength(1);
      const rebuilt = rebuild(after!.updates);
      expect(rebuilt.getText('t').toString()).toBe(doc.getText('t').toString());
      expect(rebuilt.getMap('m').toJSON()).toEqual({ k: 'v' });
      expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
      // Appending after a compaction keeps working.
      const more = new Y.Doc();
      Y.applyUpdate(more, after!.updates[0]!);
      let extra: Uint8Array | null = null;
      more.on('update', (u: Uint8Array) => {
        extra = u;
      });
      more.getText('t').insert(0, 'Z');
      await store.appendUpdates([{ docId: 'c', update: extra! }]);
      expect(
        rebuild((await store.load('c'))!.updates)
          .getText('t')
          .toString(),
      ).toBe(more.getText('t').toString());
    });

    it('createDoc stores state and metadata once', async () => {
      open();
      const d = new Y.Doc();
      d.getText('t').insert(0, 'hello');
      expect(await store.createDoc(meta('x'), Y.encodeStateAsUpdate(d))).toBe(true);
      expect(await store.createDoc(meta('x'), new Uint8Array([0, 0]))).toBe(false);
      expect(
        rebuild((await store.load('x'))!.updates)
          .getText('t')
          .toString(),
      ).toBe('hello');
      expect(await store.getMeta('x')).toEqual(meta('x'));
    });

    it('lists by archived flag, searches name/number, sorts by updatedAt desc', async () => {
      open();
      const s = new Uint8Array([0, 0]);
      await store.createDoc(
        meta('a', { name: 'Perlindungan Arsip', updatedAt: '2026-01-02T00:00:00Z' }),
        s,
      );
      await store.createDoc(
        meta('b', { name: 'Cuti Pegawai', updatedAt: '2026-01-03T00:00:00Z' }),
        s,
      );
      await store.createDoc(meta('c', { name: 'Arsip Vital', archived: true }), s);
      expect((await store.listMeta()).map((m) => m.id)).toEqual(['b', 'a']);
      expect((await store.listMeta({ q: 'arsip' })).map((m) => m.id)).toEqual(['a']);
      expect((await store.listMeta({ archived: true })).map((m) => m.id)).toEqual(['c']);
      expect(await store.setArchived('a', true)).toBe(true);
      expect(await store.setArchived('missing', true)).toBe(false);
      expect(
        (await store.listMeta({ archived: true, q: 'ARSIP' })).map((m) => m.id).sort(),
      ).toEqual(['a', 'c']);
      await store.setArchived('a', false);
      expect((await store.listMeta()).map((m) => m.id)).toEqual(['b', 'a']);
    });

    it('updateMeta changes listing fields only', async () => {
      open();
      await store.createDoc(meta('m'), new Uint8Array([0, 0]));
      await store.updateMeta('m', {
        name: 'Baru',
        stepCount: 12,
        status: 'approved',
        updatedAt: '2026-02-01T00:00:00Z',
      });
      await store.updateMeta('missing', { name: 'x' });
      expect(await store.getMeta('m')).toEqual(
        meta('m', {
          name: 'Baru',
          stepCount: 12,
          status: 'approved',
          updatedAt: '2026-02-01T00:00:00Z',
        }),
      );
      expect(await store.getMeta('missing')).toBeNull();
    });

    it('settings round-trip', async () => {
      open();
      expect(await store.getSetting('k')).toBeNull();
      await store.setSetting('k', '1');
      await store.setSetting('k', '2');
      expect(await store.getSetting('k')).toBe('2');
    });

    // Salvage on load (issue 12): rows are addressable and can be set aside.
    it('load says where each update is stored and carries the snapshot checksum', async () => {
      open();
      const d = new Y.Doc();
      d.getText('t').insert(0, 'hello');
      const state = Y.encodeStateAsUpdate(d);
      await store.createDoc(meta('r'), state);
      const { updates } = edits(3, 2);
      await store.appendUpdates(updates.map((update) => ({ docId: 'r', update })));
      const loaded = (await store.load('r'))!;
      expect(loaded.rows).toHaveLength(loaded.updates.length);
      expect(loaded.rows[0]).toBe('snapshot');
      expect(loaded.rows.slice(1).every((r) => typeof r === 'number')).toBe(true);
      expect(new Set(loaded.rows).size).toBe(loaded.rows.length);
      expect(loaded.snapshotDigest).toBe(sha256(state));
      // a compaction records the new snapshot's checksum
      const compacted = Y.encodeStateAsUpdate(rebuild(loaded.updates));
      await store.replaceState('r', compacted);
      expect((await store.load('r'))!.snapshotDigest).toBe(sha256(compacted));
      // a log-only document has no snapshot and no checksum
      await store.appendUpdates([{ docId: 'logonly', update: updates[0]! }]);
      expect(await store.load('logonly')).toMatchObject({ snapshotDigest: null, logLength: 1 });
    });

    it('quarantine moves a log row out of the document, keeps it with its reason, once', async () => {
      open();
      const { updates } = edits(5);
      await store.appendUpdates(updates.map((update) => ({ docId: 'q', update })));
      const before = (await store.load('q'))!;
      const row = before.rows[2]!;
      const data = before.updates[2]!;
      const moved = await store.quarantine('q', [{ row, data, reason: 'cannot be decoded: x' }]);
      expect(moved).toEqual([
        expect.objectContaining({
          docId: 'q',
          reason: 'cannot be decoded: x',
          source: 'log',
          bytes: data.length,
        }),
      ]);
      const after = (await store.load('q'))!;
      expect(after.logLength).toBe(before.logLength - 1);
      expect(after.rows).not.toContain(row);
      expect(after.updates.map((u) => [...u])).toEqual(
        before.updates.filter((_, i) => i !== 2).map((u) => [...u]),
      );
      expect(await store.listQuarantined('q')).toEqual(moved);
      expect(await store.listQuarantined('other')).toEqual([]);
      expect(await store.countQuarantined()).toBe(1);
      // moving it again (a second loader, or a row compacted away) changes nothing
      expect(await store.quarantine('q', [{ row, data, reason: 'again' }])).toEqual([]);
      expect(await store.countQuarantined()).toBe(1);
    });

    it('quarantine moves the snapshot only while it is the one that was loaded', async () => {
      open();
      const d = new Y.Doc();
      d.getText('t').insert(0, 'x');
      const first = Y.encodeStateAsUpdate(d);
      await store.createDoc(meta('s'), first);
      d.getText('t').insert(0, 'y');
      const second = Y.encodeStateAsUpdate(d);
      await store.replaceState('s', second);
      // a loader that read `first` before the compaction must not remove `second`
      expect(await store.quarantine('s', [{ row: 'snapshot', data: first, reason: 'r' }])).toEqual(
        [],
      );
      expect((await store.load('s'))!.updates).toHaveLength(1);
      const moved = await store.quarantine('s', [{ row: 'snapshot', data: second, reason: 'r' }]);
      expect(moved).toEqual([
        expect.objectContaining({ source: 'snapshot', bytes: second.length }),
      ]);
      // everything set aside: the document loads as empty, not as "never stored"
      expect(await store.load('s')).toEqual({
        updates: [],
        rows: [],
        logLength: 0,
        bytes: 0,
        snapshotDigest: null,
      });
      // and it can be written again
      await store.replaceState('s', first);
      expect((await store.load('s'))!.snapshotDigest).toBe(sha256(first));
    });

    it('adoptSnapshotDigest never replaces a recorded checksum nor trusts other bytes', async () => {
      open();
      const state = new Uint8Array([0, 0]);
      await store.createDoc(meta('a'), state);
      await store.adoptSnapshotDigest('a', new Uint8Array([1, 0, 0]));
      await store.adoptSnapshotDigest('a', state);
      await store.adoptSnapshotDigest('missing', state);
      expect((await store.load('a'))!.snapshotDigest).toBe(sha256(state));
    });

    it('data survives reopening (persistent implementations)', async () => {
      open();
      if (!impl.reopen) return;
      const { doc, updates } = edits(20);
      await store.appendUpdates(updates.map((update) => ({ docId: 'p', update })));
      await store.setSetting('seeded', 'yes');
      await store.close();
      store = impl.reopen();
      expect(
        rebuild((await store.load('p'))!.updates)
          .getText('t')
          .toString(),
      ).toBe(doc.getText('t').toString());
      expect(await store.getSetting('seeded')).toBe('yes');
      const bad = (await store.load('p'))!;
      await store.quarantine('p', [{ row: bad.rows[0]!, data: bad.updates[0]!, reason: 'r' }]);
      await store.close();
      store = impl.reopen();
      expect(await store.countQuarantined()).toBe(1);
      expect((await store.listQuarantined('p'))[0]).toMatchObject({ reason: 'r', source: 'log' });
    });
  });
}
