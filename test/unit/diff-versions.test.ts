/**
 * Rules (issue 16, versions — server/versions/):
 * - V1 every stored version carries what changed since the SOP's previous one
 *   ("+2 langkah, 5 diubah"), whoever stores it; adds of one SOP are compared in turn;
 * - V2 automatic versions: a stretch of editing starts at the first stored change after
 *   the last version; the first change 30 minutes or more into the stretch takes one
 *   `auto` version (none when the content equals the latest version's); any version
 *   ends the stretch (fake clock);
 * - V3 a SQLite database from before issue 16 gains the `changes` column in place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../../server/logger.js';
import { closeSqliteDb, openSqliteDb } from '../../server/storage/sqliteDb.js';
import {
  AUTO_VERSION_STRETCH_MS,
  AutoVersioner,
  watchListing,
} from '../../server/versions/autoVersions.js';
import { withChangeSummaries } from '../../server/versions/changeSummaries.js';
import { createSqliteVersionStore } from '../../server/versions/sqliteVersions.js';
import { createMemoryVersionStore, type NewVersion } from '../../server/versions/versionStore.js';
import { createSop, SopDoc, toSnapshot } from '../../shared/model/index.js';

function versionOf(doc: Y.Doc, label: string, kind: NewVersion['kind'] = 'manual'): NewVersion {
  return {
    sopId: 'sop1',
    label,
    kind,
    createdBy: 'Ani',
    state: Y.encodeStateAsUpdate(doc),
    snapshot: toSnapshot(doc),
    summary: null,
  };
}

describe('change summaries (V1)', () => {
  it('counts the changes since the previous version of the same SOP', async () => {
    const store = withChangeSummaries(createMemoryVersionStore());
    const doc = createSop('sample');
    const sop = new SopDoc(doc);
    const first = await store.add(versionOf(doc, 'Awal'));
    expect(first.changes).toEqual({
      base: null,
      steps: { added: 0, removed: 0, moved: 0, changed: 0 },
      actors: 0,
      identity: 0,
      narrative: 0,
    });
    const ids = sop.steps.ids();
    sop.steps.insertAfter(ids[0] as string, { activity: 'Baru satu' });
    sop.steps.insertAfter(ids[1] as string, { activity: 'Baru dua' });
    for (const i of [3, 4, 5, 8, 9]) sop.steps.set(ids[i] as string, 'notes', `catatan ${i}`);
    const second = await store.add(versionOf(doc, 'Kedua', 'review'));
    expect(second.changes).toMatchObject({
      base: first.id,
      steps: { added: 2, removed: 0, moved: 0, changed: 5 },
    });
    // another SOP's versions are not its base
    const other = await store.add({ ...versionOf(doc, 'Lain'), sopId: 'sop2' });
    expect(other.changes?.base).toBeNull();
    expect((await store.list('sop1')).map((v) => v.changes?.base)).toEqual([first.id, null]);
  });

  it('compares versions added at once each with the one before it', async () => {
    const store = withChangeSummaries(createMemoryVersionStore());
    const doc = createSop('sample');
    const sop = new SopDoc(doc);
    const a = versionOf(doc, 'a');
    sop.identity.set('name', 'Dua');
    const b = versionOf(doc, 'b');
    sop.identity.set('name', 'Tiga');
    const c = versionOf(doc, 'c');
    const [ma, mb, mc] = await Promise.all([store.add(a), store.add(b), store.add(c)]);
    expect(ma?.changes?.base).toBeNull();
    expect(mb?.changes).toMatchObject({ base: ma?.id, identity: 1 });
    expect(mc?.changes).toMatchObject({ base: mb?.id, identity: 1 });
  });
});

describe('automatic versions after a stretch of editing (V2)', () => {
  function setup() {
    let now = Date.parse('2026-11-20T08:00:00Z');
    const doc = createSop('sample');
    const sop = new SopDoc(doc);
    const auto: { v: AutoVersioner | null } = { v: null };
    const versions = withChangeSummaries(createMemoryVersionStore(), {
      onAdded: (m) => auto.v?.versioned(m.sopId),
    });
    auto.v = new AutoVersioner({
      versions,
      getState: async (id) => (id === 'sop1' ? Y.encodeStateAsUpdate(doc) : null),
      log: silentLogger(),
      now: () => now,
    });
    const listing = watchListing({ updateMeta: async () => {} }, (id) => auto.v?.touched(id));
    const edit = async (minutes: number, text: string) => {
      now += minutes * 60_000;
      sop.identity.set('agency', text);
      await listing.updateMeta('sop1', { updatedAt: new Date(now).toISOString() });
      await auto.v?.idle();
    };
    const kinds = async () => (await versions.list('sop1')).map((v) => v.kind);
    return { doc, sop, versions, edit, kinds, auto: auto.v };
  }

  it('takes one version 30 minutes into a stretch, then starts a new stretch', async () => {
    expect(AUTO_VERSION_STRETCH_MS).toBe(30 * 60_000);
    const t = setup();
    await t.edit(0, 'a'); // the stretch starts
    await t.edit(10, 'b');
    await t.edit(19, 'c'); // 29 min in: not yet
    expect(await t.kinds()).toEqual([]);
    await t.edit(1, 'd'); // 30 min in
    expect(await t.kinds()).toEqual(['auto']);
    const [v] = await t.versions.list('sop1');
    expect(v?.label).toBe('Simpan otomatis');
    expect((await t.versions.get('sop1', v?.id ?? ''))?.snapshot.identity.agency).toBe('d');
    await t.edit(5, 'e'); // a new stretch starts here
    await t.edit(29, 'f');
    expect(await t.kinds()).toEqual(['auto']);
    await t.edit(1, 'g');
    expect(await t.kinds()).toEqual(['auto', 'auto']);
  });

  it('a version of any kind ends the stretch; no version while nothing changed', async () => {
    const t = setup();
    await t.edit(0, 'a');
    await t.edit(20, 'b');
    await t.versions.add(versionOf(t.doc, 'Manual'));
    await t.edit(15, 'c'); // a new stretch: 15 min after the manual version
    await t.edit(20, 'd'); // 20 min in
    expect(await t.kinds()).toEqual(['manual']);
    // the content equals the latest version's: nothing to keep
    await t.versions.add(versionOf(t.doc, 'Manual 2'));
    await t.edit(0, 'd');
    await t.edit(40, 'd');
    expect(await t.kinds()).toEqual(['manual', 'manual']);
    // a listing write without a change time (e.g. a number allocated) is not editing
    const touched: string[] = [];
    const w = watchListing({ updateMeta: async () => {} }, (id) => touched.push(id));
    await w.updateMeta('x', { number: '1' });
    await w.updateMeta('y', { updatedAt: 'now' });
    expect(touched).toEqual(['y']);
  });
});

describe('SQLite databases from before issue 16 (V3)', () => {
  it('gain the changes column; old rows read null', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'susun-versions-'));
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE versions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, sop_id TEXT NOT NULL,
      label TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT,
      state BLOB NOT NULL, snapshot TEXT NOT NULL, summary TEXT)`);
    const doc = createSop('sop-ap');
    old
      .prepare(
        `INSERT INTO versions (id, sop_id, label, kind, created_at, created_by, state, snapshot)
         VALUES ('v1', 's', 'Lama', 'review', '2026-01-01T00:00:00.000Z', 'Ani', ?, ?)`,
      )
      .run(Buffer.from(Y.encodeStateAsUpdate(doc)), JSON.stringify(toSnapshot(doc)));
    old.close();
    const db = openSqliteDb(file);
    try {
      const store = withChangeSummaries(createSqliteVersionStore(db));
      expect((await store.list('s')).map((v) => [v.id, v.changes])).toEqual([['v1', null]]);
      const next = await store.add({ ...versionOf(doc, 'Baru'), sopId: 's' });
      expect(next.changes?.base).toBe('v1');
    } finally {
      closeSqliteDb(db);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
