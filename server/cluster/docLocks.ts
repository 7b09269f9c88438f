/**
 * Locks on documents across processes, for the server's own changes that must happen at
 * most once or one after another: accepting a suggestion, restoring a version, approving.
 *
 * In one process these are already serialised: `RoomManager.withDocs` checks and writes
 * in one synchronous step on the room's single copy of the document. With several
 * processes (`REDIS_URL`) each holds its own copy, and two of them could both see a
 * suggestion open and both apply it. So `withDocs` then takes these locks, catches its
 * copies up from storage (where the previous holder's change is already stored), and
 * only then checks and writes.
 *
 * PostgreSQL session-level advisory locks, on a small pool of their own: a lock wait
 * never holds a connection the writes need (the holder's change must be stored before it
 * lets go), and a process that dies or loses its connection releases its locks with it.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { HttpError } from '../http/errors.js';
import type { DocLocks } from '../rooms/docLocks.js';

/** A lock not taken in time: 503 with Retry-After. */
function busy(): HttpError {
  return new HttpError(
    503,
    'busy',
    'Another change to this SOP is being made on another server; try again',
    {},
    { 'Retry-After': '2' },
  );
}

export interface PgDocLockOptions {
  url: string;
  /** Connections of the lock pool: at most this many holders per process at once. */
  max?: number;
  /** How long a holder waits for a lock before giving up (ms). */
  waitMs?: number;
  logger?: Logger;
}

export function pgDocLocks(options: PgDocLockOptions): DocLocks {
  const waitMs = options.waitMs ?? 15_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    application_name: 'susun-locks',
    connectionTimeoutMillis: waitMs,
    keepAlive: true,
    // A lock wait gives up after waitMs (SQLSTATE 57014, query_canceled).
    options: `-c statement_timeout=${waitMs}`,
  });
  const report = (err: Error) => options.logger?.warn({ err }, 'lock connection error');
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return {
    async hold(keys, fn) {
      const sorted = [...new Set(keys)].sort();
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        for (const key of sorted) {
          try {
            await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
          } catch (err) {
            broken = err instanceof Error ? err : new Error(String(err));
            if ((err as { code?: string }).code === '57014') throw busy();
            throw err;
          }
        }
        return await fn();
      } finally {
        if (!broken)
          await client.query('SELECT pg_advisory_unlock_all()').catch((err: unknown) => {
            // Not returned to the pool: a connection that may still hold the locks is
            // closed, which releases them.
            broken = err instanceof Error ? err : new Error(String(err));
          });
        client.release(broken);
      }
    },
    close() {
      return pool.end();
    },
  };
}
