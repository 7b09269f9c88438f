/**
 * Rules (issue 8, versions): one contract for every VersionStore — a version
 * keeps its Yjs state, snapshot, label, kind, author and summary exactly;
 * lists are per SOP, newest first (ties: later added first); a version id of
 * another SOP is not found; the SQLite store survives reopening and shares
 * the database file with the document store (its own table, own connection).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStore } from '../../server/storage/sqliteStore.js';
import {
  createMemoryVersionStore,
  createSqliteVersionStore,
  type NewVersion,
  type VersionStore,
} from '../../server/versions/versionStore.js';
import { createSop, toSnapshot } from '../../shared/model/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'susun-versions-'));
  dirs.push(d);
  return path.join(d, 'susun.db');
}

function version(
  sopId: string,
  label: string,
  at: Date,
  extra: Partial<NewVersion> = {},
): NewVersion {
  const doc = createSop('sample', { now: new Date('2026-01-02T03:04:05Z') });
  const v: NewVersion = {
    sopId,
    label,
    kind: 'review',
    createdBy: 'Ana',
    state: Y.encodeStateAsUpdate(doc),
    snapshot: toSnapshot(doc),
    summary: { stepsAgreed: ['s01'], nested: { n: 1 } },
    createdAt: at,
    ...extra,
  };
  doc.destroy();
  return v;
}

const impls: Array<[string, () => VersionStore]> = [
  ['memory', () => createMemoryVersionStore()],
  ['sqlite', () => createSqliteVersionStore({ file: tempFile() })],
];

describe.each(impls)('VersionStore contract: %s', (_name, make) => {
  it('stores and returns a version exactly; lists newest first per SOP', async () => {
    const store = make();
    try {
      const t = new Date('2026-11-28T08:00:00.000Z');
      const a = await store.add(version('sopA', 'Reviu 1', t));
      const b = await store.add(
        version('sopA', 'Disahkan', new Date(t.getTime() + 1000), {
          kind: 'approved',
          summary: null,
          createdBy: null,
        }),
      );
      const c = await store.add(
        version('sopA', 'Sama waktu', new Date(t.getTime() + 1000), { kind: 'manual' }),
      );
      await store.add(version('sopB', 'Lain', t));
      expect(a).toMatchObject({
        sopId: 'sopA',
        label: 'Reviu 1',
        kind: 'review',
        createdBy: 'Ana',
        createdAt: t.toISOString(),
      });
      expect(new Set([a.id, b.id, c.id]).size).toBe(3);
      expect((await store.list('sopA')).map((v) => v.label)).toEqual([
        'Sama waktu',
        'Disahkan',
        'Reviu 1',
      ]);
      expect((await store.list('sopB')).map((v) => v.label)).toEqual(['Lain']);
      expect(await store.list('nobody')).toEqual([]);

      const got = await store.get('sopA', a.id);
      const want = version('sopA', 'Reviu 1', t);
      expect(got?.snapshot).toEqual(want.snapshot);
      expect(got?.summary).toEqual({ stepsAgreed: ['s01'], nested: { n: 1 } });
      // The state restores the same document.
      const doc = new Y.Doc();
      Y.applyUpdate(doc, got!.state);
      expect(toSnapshot(doc)).toEqual(want.snapshot);
      expect((await store.get('sopA', b.id))?.summary).toBeNull();
      expect((await store.get('sopA', b.id))?.createdBy).toBeNull();
      // Another SOP's version id is not found through this SOP.
      expect(await store.get('sopB', a.id)).toBeNull();
      expect(await store.get('sopA', 'nope')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('is not changed by callers mutating what they passed in or got back', async () => {
    const store = make();
    try {
      const v = version('s', 'x', new Date());
      const m = await store.add(v);
      v.state.fill(0);
      const got = await store.get('s', m.id);
      got!.snapshot.identity.name = 'changed';
      const again = await store.get('s', m.id);
      expect(again?.snapshot.identity.name).toBe('Perlindungan dan Penyelamatan Arsip');
      expect(again?.state.some((x) => x !== 0)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite version store', () => {
  it('survives reopening and shares the database file with the document store', async () => {
    const file = tempFile();
    const docs = createSqliteStore({ file });
    const store = createSqliteVersionStore({ file });
    const m = await store.add(version('sopA', 'Reviu', new Date('2026-11-28T08:00:00Z')));
    await docs.setSetting('k', 'v'); // both connections write the same file
    await store.close();
    await docs.close();
    const reopened = createSqliteVersionStore({ file });
    try {
      expect((await reopened.list('sopA')).map((v) => v.id)).toEqual([m.id]);
      expect((await reopened.get('sopA', m.id))?.label).toBe('Reviu');
    } finally {
      await reopened.close();
    }
    const docs2 = createSqliteStore({ file });
    expect(await docs2.getSetting('k')).toBe('v');
    await docs2.close();
  });
});
