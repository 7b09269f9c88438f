/**
 * The server's one PostgreSQL pool (`DATABASE_URL=postgres://...`), shared by every store
 * kind (documents, index, settings, versions, accounts, audit), like the one SQLite handle.
 * Opening it runs the versioned migrations (`pgMigrations.ts`) before anything is served.
 *
 * Durability: a write method resolves after its transaction's COMMIT returned, i.e. (with
 * the default `synchronous_commit = on`) after the commit record was flushed to the WAL on
 * the database server.
 */
import pg from 'pg';
import { runMigrations } from './pgMigrations.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export interface PgPoolOptions {
  /** `postgres://user:pass@host:port/db` (libpq URL; `?host=/socket/dir` works too). */
  url: string;
  /** Connections at most (default 10). */
  max?: number;
  /** Longest wait for a connection, ms (default 10000). */
  connectionTimeoutMs?: number;
  /**
   * An idle connection failed (database restarted, network cut). Without a listener the
   * pool's `error` event would crash the process; the pool replaces the connection.
   */
  onIdleError?: (err: Error) => void;
}

/** Opens the pool, checks it can connect and brings the schema up to date. */
export async function openPgPool(options: PgPoolOptions): Promise<PgPool> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: 'susun',
    // A write waiting for a connection fails (and is retried by its caller) instead of
    // hanging while the database is unreachable or the pool exhausted.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    // A dead database server or a cut network is noticed on idle connections too.
    keepAlive: true,
    // Several processes: a process that died or froze in the middle of a transaction
    // (kill -9 on another machine, whose socket stays half-open) would hold its
    // document's append lock until TCP gives up, hours later, blocking every process's
    // writes to that document. Susun's transactions never wait on the client, so one
    // idle for 5 s is such a case: the server ends it, and its locks with it.
    options: '-c idle_in_transaction_session_timeout=5000',
  });
  pool.on('error', (err) => options.onIdleError?.(err));
  // And for the whole life of each connection: the pool listens only while a connection
  // is idle in it, so one that the server terminates while it is being closed (pool.end()
  // resolves before the sockets are gone) or while checked out would otherwise raise an
  // unhandled 'error'. Reported like an idle error; the failing statement still rejects.
  pool.on('connect', (client) => client.on('error', (err) => options.onIdleError?.(err)));
  try {
    await runMigrations(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return pool;
}

/**
 * Runs `fn` in one transaction on one connection: COMMIT when it resolves (the promise
 * resolves after the commit), ROLLBACK when it throws. A connection whose ROLLBACK fails
 * is discarded rather than returned to the pool.
 */
export async function withTransaction<T>(
  pool: PgPool,
  fn: (client: PgClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client has no listener of its own: a connection that drops between two
  // statements would raise an unhandled 'error' and end the process. Noted instead; the
  // next statement fails, and the connection is discarded.
  const onError = (err: Error) => {
    broken ??= err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** A Buffer over the same bytes (no copy), as pg sends `bytea` parameters. */
export function toBytea(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** `bigint`/`bigserial` values arrive as strings; sequence numbers stay far below 2^53. */
export function toNum(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}
