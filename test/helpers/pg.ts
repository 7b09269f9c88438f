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
        // Pools resolve end() before their sockets are closed: let those sessions finish
        // (up to 5 s) rather than terminate them — a terminated session raises an 'error'
        // on a client nobody listens to any more, an unhandled error in the test run.
        // PostgreSQL offers no event for it; its own view is polled.
        const deadline = Date.now() + 5000;
        for (;;) {
          const { rows } = await c.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if ((rows[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
          await new Promise<void>((r) => setTimeout(r, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
