/**
 * PostgreSQL specifics (issue 13), beyond the contract suites: versioned migrations,
 * the per-document compaction lock, appends all-or-nothing, and several processes
 * (pools) appending to and compacting one document at once without losing a row.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MIGRATIONS, runMigrations } from '../../server/storage/pgMigrations.js';
import { createPgStores } from '../../server/storage/pgStores.js';
import type { Stores } from '../../server/storage/stores.js';
import { createTestDatabase, pgAvailable, type TestDatabase } from '../helpers/pg.js';

describe.skipIf(!pgAvailable())('PostgreSQL storage', () => {
  let db: TestDatabase;
  const opened: Array<{ close(): Promise<void> }> = [];
  const stores = async (): Promise<Stores> => {
    const s = await createPgStores(db.url);
    opened.push(s);
    return s;
  };
  const client = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    opened.push({ close: () => c.end() });
    return c;
  };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close().catch(() => {});
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('migrations run once, are recorded, and several processes may start at once', async () => {
    const started = await Promise.all([stores(), stores(), stores()]);
    expect(started).toHaveLength(3);
    const c = await client();
    const { rows } = await c.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    opened.push({ close: () => pool.end() });
    expect(await runMigrations(pool)).toEqual([]);
  });

  it('a database migrated by a newer server is refused', async () => {
    await stores();
    const c = await client();
    await c.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')");
    try {
      await expect(createPgStores(db.url)).rejects.toThrow(/newer than this server/);
    } finally {
      await c.query('DELETE FROM schema_migrations WHERE version = 9999');
    }
  });

  it('a migration that fails is rolled back and not recorded', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    opened.push({ close: () => pool.end() });
    await runMigrations(pool);
    const bad = [
      ...MIGRATIONS,
      {
        version: 1000,
        name: 'broken',
        sql: 'CREATE TABLE half (x int); SELECT nope FROM nowhere;',
      },
    ];
    await expect(runMigrations(pool, bad)).rejects.toThrow(/migration 1000 \(broken\) failed/);
    const { rows } = await pool.query("SELECT to_regclass('half') AS t");
    expect(rows[0].t).toBeNull();
    expect(
      (await pool.query('SELECT 1 FROM schema_migrations WHERE version = 1000')).rowCount,
    ).toBe(0);
  });

  it('replaceUpTo resolves false, changing nothing, while another process compacts the doc', async () => {
    const { docLog } = await stores();
    const seq = (await docLog.append([{ docId: 'locked', update: update('a', 1) }])).get(
      'locked',
    )!.seq;
    const other = await client();
    await other.query('SELECT pg_advisory_lock(hashtext($1))', ['locked']);
    const state = Y.encodeStateAsUpdate(docOf((await docLog.load('locked'))!.updates));
    expect(await docLog.replaceUpTo('locked', state, seq)).toBe(false);
    expect((await docLog.load('locked'))!.logLength).toBe(1);
    // Appends are not blocked by a compaction in progress.
    await docLog.append([{ docId: 'locked', update: update('b', 2) }]);
    await other.query('SELECT pg_advisory_unlock(hashtext($1))', ['locked']);
    expect(await docLog.replaceUpTo('locked', state, seq)).toBe(true);
    expect((await docLog.load('locked'))!.logLength).toBe(1);
  });

  it('an append is all or nothing across documents', async () => {
    const { docLog } = await stores();
    // A NUL in a text value is rejected by PostgreSQL: the whole call must fail.
    await expect(
      docLog.append([
        { docId: 'fine', update: update('x', 1) },
        { docId: 'bad\u0000id', update: update('y', 2) },
      ]),
    ).rejects.toThrow();
    expect(await docLog.load('fine')).toBeNull();
  });

  it('a compaction whose state lacks rows another process appended keeps them (merged under the lock)', async () => {
    const [a, b] = await Promise.all([stores(), stores()]);
    // Two processes' rows interleave; process A's room only ever saw its own rows.
    const roomA = new Y.Doc();
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const u = update(`k${i}`, 100 + i);
      const writer = i % 2 === 0 ? a : b;
      const r = (await writer.docLog.append([{ docId: 'mix', update: u }])).get('mix')!;
      // Each link starts where the previous row of the document ended, whoever wrote it.
      expect(r.prevSeq).toBe(last);
      last = r.seq;
      if (writer === a) Y.applyUpdate(roomA, u);
    }
    // A compacts up to the last seq with ITS state (only the even keys).
    expect(Object.keys(roomA.getMap('m').toJSON())).toHaveLength(10);
    expect(await a.docLog.replaceUpTo('mix', Y.encodeStateAsUpdate(roomA), last)).toBe(true);
    const after = (await b.docLog.load('mix'))!;
    expect(after.logLength).toBe(0);
    const keys = Object.keys(docOf(after.updates).getMap('m').toJSON()).sort();
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
    // And once more on top of that snapshot: the stored snapshot is merged too.
    const more = update('late', 999);
    const r = (await b.docLog.append([{ docId: 'mix', update: more }])).get('mix')!;
    expect(r.prevSeq).toBe(last);
    expect(await a.docLog.replaceUpTo('mix', Y.encodeStateAsUpdate(roomA), r.seq)).toBe(true);
    const final = docOf((await b.docLog.load('mix'))!.updates)
      .getMap('m')
      .toJSON();
    expect(Object.keys(final)).toHaveLength(21);
  });

  it('several processes appending and compacting one document lose nothing', async () => {
    const procs = await Promise.all([stores(), stores(), stores()]);
    const writers = procs.slice(0, 2);
    const compactor = procs[2]!;
    const expected = new Y.Doc();
    const all: Uint8Array[] = [];
    for (let i = 0; i < 120; i++) all.push(update(`k${i}`, i + 10));
    for (const u of all) Y.applyUpdate(expected, u);
    let compactions = 0;
    let writing = true;
    const compact = (async () => {
      while (writing) {
        // A compaction built from what is stored (snapshot + log), up to what it read.
        const loaded = await compactor.docLog.load('multi');
        if (loaded && loaded.logLength > 0) {
          const state = Y.encodeStateAsUpdate(docOf(loaded.updates));
          if (await compactor.docLog.replaceUpTo('multi', state, loaded.lastSeq)) compactions++;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await Promise.all(
      writers.map(async (w, k) => {
        for (let i = k; i < all.length; i += 2)
          await w.docLog.append([
            { docId: 'multi', update: all[i]! },
            { docId: `side-${k}`, update: all[i]! },
          ]);
      }),
    );
    writing = false;
    await compact;
    const final = docOf((await procs[0]!.docLog.load('multi'))!.updates);
    expect(final.getMap('m').toJSON()).toEqual(expected.getMap('m').toJSON());
    expect(compactions).toBeGreaterThan(0);
  });
});

/** An independent update setting `m[key]` (its own client id). */
function update(key: string, client: number): Uint8Array {
  const d = new Y.Doc();
  d.clientID = client;
  d.getMap('m').set(key, client);
  return Y.encodeStateAsUpdate(d);
}

function docOf(updates: Uint8Array[]): Y.Doc {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return d;
}
