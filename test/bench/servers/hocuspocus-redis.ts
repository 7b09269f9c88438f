/**
 * Baseline of scenario (f): Hocuspocus 3.4 as one of several processes, with its official
 * Redis extension (`@hocuspocus/extension-redis`, same 3.4.x) for fan-out between the
 * processes and `@hocuspocus/extension-database` storing to the same PostgreSQL database as
 * the other processes (one row per document holding its full encoded state, as the
 * official examples do). Everything else is Hocuspocus's default, notably `debounce: 2000`
 * and `maxDebounce: 10000` for `onStoreDocument`.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), DATABASE_URL, REDIS_URL (required).
 */
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import pg from 'pg';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) throw new Error('DATABASE_URL and REDIS_URL are required');

const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
pool.on('error', () => {});
await pool.query(
  'CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL)',
);
const redis = new URL(redisUrl);

const server = new Server({
  port,
  address: host,
  quiet: true,
  extensions: [
    new Redis({ host: redis.hostname, port: Number(redis.port || 6379) }),
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query<{ data: Buffer }>(
          'SELECT data FROM hocuspocus_documents WHERE name = $1',
          [documentName],
        );
        return rows[0] ? new Uint8Array(rows[0].data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET data = excluded.data`,
          [documentName, state],
        );
      },
    }),
  ],
});
await server.listen();
