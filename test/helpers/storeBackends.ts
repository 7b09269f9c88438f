/**
 * The storage backends every contract suite runs against: memory, SQLite (also with
 * `synchronous=FULL` where durability settings matter) and PostgreSQL.
 *
 *   describe.each(backends())('DocLog contract: %s', (kind) => {
 *     const env = useStores(kind);
 *     it('...', async () => { const { docLog } = await env.open(); ... });
 *   });
 *
 * Each test starts empty. PostgreSQL: one database per suite (see `test/helpers/pg.ts`),
 * its tables truncated after each test; SQLite: a new file per test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { createPgStores } from '../../server/storage/pgStores.js';
import {
  createMemoryStores,
  createSqliteStores,
  type Stores,
} from '../../server/storage/stores.js';
import { createTestDatabase, pgAvailable, type TestDatabase } from './pg.js';

export type BackendKind = 'memory' | 'sqlite' | 'sqlite-full' | 'postgres';

/** The backends to run a suite against (`withFullSync`: also SQLite in synchronous=FULL). */
export function backends(options: { withFullSync?: boolean } = {}): BackendKind[] {
  return [
    'memory',
    'sqlite',
    ...(options.withFullSync ? (['sqlite-full'] as const) : []),
    'postgres',
  ];
}

let pgChecked: boolean | null = null;
/** PostgreSQL suites run only when there is a server (else: fail under CI, skip loudly). */
function pgOk(): boolean {
  pgChecked ??= pgAvailable();
  return pgChecked;
}

export interface StoresEnv {
  kind: BackendKind;
  /** Data survives `close()` + `open()` within one test. */
  persistent: boolean;
  /** Stores over this test's database (each call: a new connection to the same data). */
  open(): Promise<Stores>;
  /** PostgreSQL: the URL of this suite's database (to hold locks from another session). */
  readonly pgUrl: string;
}

/**
 * Registers the hooks of one suite for `kind` and returns how to open its stores.
 * Call it inside a `describe` (use {@link describeStores} to get the skip rule for PG).
 */
export function useStores(kind: BackendKind): StoresEnv {
  const opened: Stores[] = [];
  let dir: string | null = null;
  let db: TestDatabase | null = null;
  let admin: pg.Pool | null = null;

  if (kind === 'postgres') {
    beforeAll(async () => {
      db = await createTestDatabase();
      admin = new pg.Pool({ connectionString: db.url, max: 1 });
      // Errors of its connection reach the statement that fails; never an unhandled 'error'.
      admin.on('error', () => {});
      admin.on('connect', (c) => c.on('error', () => {}));
    });
    afterAll(async () => {
      await admin?.end();
      await db?.drop();
    });
  }
  beforeEach(() => {
    if (kind === 'sqlite' || kind === 'sqlite-full')
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'susun-stores-'));
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => {});
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
    if (admin) {
      const { rows } = await admin.query<{ t: string }>(
        `SELECT quote_ident(tablename) AS t FROM pg_tables
         WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
      );
      if (rows.length > 0)
        await admin.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')} RESTART IDENTITY`);
    }
  });

  return {
    kind,
    persistent: kind !== 'memory',
    get pgUrl() {
      if (!db) throw new Error('not a PostgreSQL suite');
      return db.url;
    },
    async open() {
      let s: Stores;
      if (kind === 'memory') s = createMemoryStores();
      else if (kind === 'postgres') {
        if (!db) throw new Error('no test database');
        s = await createPgStores(db.url);
      } else {
        if (!dir) throw new Error('no test directory');
        s = createSqliteStores(
          path.join(dir, 'nested', 'susun.db'),
          kind === 'sqlite-full' ? 'full' : 'normal',
        );
      }
      opened.push(s);
      return s;
    },
  };
}

/** `describe.each(kinds)` with the PostgreSQL rule applied, and the env handed to `body`. */
export function describeStores(
  title: string,
  kinds: BackendKind[],
  body: (env: StoresEnv) => void,
): void {
  for (const kind of kinds) {
    const run = kind !== 'postgres' || pgOk();
    describe.skipIf(!run)(`${title}: ${kind}`, () => {
      body(useStores(kind));
    });
  }
}
