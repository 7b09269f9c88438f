/**
 * PostgreSQL for tests: whether it is there (`pgAvailable`), and a database of its own
 * per suite (`createTestDatabase`), on the server `test/helpers/pgSetup.ts` provides.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Whether PostgreSQL suites can run. None under CI=true is an error (a suite that
 * silently skips in CI could never fail); elsewhere they are skipped, loudly.
 */
export function pgAvailable(): boolean {
  if (inject('pgAdminUrl')) return true;
  const why = inject('pgUnavailable') || 'the project has no PostgreSQL globalSetup';
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL suites: ${why} (required under CI=true)`);
  process.stderr.write(`\n!!! SKIPPING PostgreSQL suites: ${why}\n\n`);
  return false;
}

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops it (closing whatever is still connected). */
  drop(): Promise<void>;
}

/** A new empty database with a random name, so suites (and parallel files) stay independent. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL for tests (check pgAvailable() first)');
  const name = `susun_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
