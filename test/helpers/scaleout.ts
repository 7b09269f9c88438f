/**
 * A multi-process deployment for the scale-out suites (issue 13): N Susun processes
 * (child processes, ports 0, the real CLI) on one PostgreSQL database and one Redis,
 * with a round-robin TCP balancer in front of them (no sticky sessions), and a TCP proxy
 * between them and PostgreSQL so a test can make the database unreachable.
 *
 * PostgreSQL comes from the project's globalSetup (`pgSetup.ts`, a database per suite),
 * Redis from {@link startRedis} (one per suite, restartable).
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol.js';
import { type ChildServer, startChildServer } from './childServer.js';
import { connectClient, type TestClient } from './collab.js';
import { createTestDatabase, type TestDatabase } from './pg.js';
import { startRedis, type TestRedis } from './redisServer.js';
import { makeTempDir } from './server.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

export interface Scaleout {
  procs: ChildServer[];
  redis: TestRedis;
  db: TestDatabase;
  /** Between the processes and PostgreSQL: `block()` makes the database unreachable. */
  pgProxy: TcpProxy;
  /** Round robin over the live processes. */
  balancer: TcpProxy;
  /** `ws://…/collab` of the balancer. */
  balancerWsUrl: string;
  /** The administrator's API token (valid on every process: one database). */
  token: string;
  /** Start one more process on the same database and Redis. */
  addProcess(): Promise<ChildServer>;
  close(): Promise<void>;
}

/** Heartbeat of the test processes: a killed one is taken as gone after ~3 beats. */
const HEARTBEAT_MS = '200';

export async function startScaleout(n = 3, env: Record<string, string> = {}): Promise<Scaleout> {
  const db = await createTestDatabase();
  const redis = await startRedis();
  const dbUrl = new URL(db.url);
  const pgProxy = await startTcpProxy(() => [
    { host: dbUrl.hostname, port: Number(dbUrl.port || 5432) },
  ]);
  const proxied = new URL(db.url);
  proxied.port = String(pgProxy.port);
  const dirs: string[] = [];
  const procs: ChildServer[] = [];
  const start = async (): Promise<ChildServer> => {
    const dir = makeTempDir('susun-scaleout-');
    dirs.push(dir);
    const p = await startChildServer({
      DATA_DIR: dir,
      DATABASE_URL: proxied.toString(),
      REDIS_URL: redis.url,
      CLUSTER_HEARTBEAT_MS: HEARTBEAT_MS,
      // No periodic access sweep (it follows the socket heartbeat) during a test: an
      // access change must reach the other processes through Redis, not by a sweep.
      HEARTBEAT_MS: '600000',
      ...env,
    });
    procs.push(p);
    return p;
  };
  const live = () =>
    procs
      .filter((p) => p.proc.exitCode === null && p.proc.signalCode === null)
      .map((p) => {
        const u = new URL(p.url);
        return { host: u.hostname, port: Number(u.port) };
      });
  const balancer = await startTcpProxy(live);
  try {
    // The first creates the administrator in the fresh database; the others find it.
    await start();
    await Promise.all(Array.from({ length: n - 1 }, () => start()));
  } catch (err) {
    for (const p of procs) await p.kill('SIGKILL');
    await Promise.all([balancer.close(), pgProxy.close(), redis.stop()]);
    await db.drop();
    throw err;
  }
  return {
    procs,
    redis,
    db,
    pgProxy,
    balancer,
    balancerWsUrl: `ws://127.0.0.1:${balancer.port}/collab`,
    token: (procs[0] as ChildServer).admin.token,
    addProcess: start,
    async close() {
      await Promise.all(procs.map((p) => p.kill('SIGKILL')));
      await balancer.close();
      await pgProxy.close();
      await redis.stop();
      await db.drop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

/** A stock provider signed in as the administrator, on `wsUrl`, opted in to `stored`. */
export function storedClient(wsUrl: string, token: string, docId: string): StoredClient {
  const c = connectClient(wsUrl, docId, { params: { token, features: 'stored' } });
  const client = c as StoredClient;
  client.storedSv = new Map();
  client.storedListeners = new Set();
  const provider = c.provider as WebsocketProvider & {
    messageHandlers: Array<(enc: unknown, dec: unknown) => void>;
  };
  provider.messageHandlers[MessageType.stored] = (_enc, dec) => {
    client.storedSv = Y.decodeStateVector(decoding.readVarUint8Array(dec as decoding.Decoder));
    for (const fn of client.storedListeners) fn();
  };
  return client;
}

export interface StoredClient extends TestClient {
  /** The last `stored` state vector this client was sent. */
  storedSv: Map<number, number>;
  storedListeners: Set<() => void>;
}

/**
 * Resolves when process `p` logs a line whose `msg` is `msg`, among the lines from index
 * `since` on (`p.logs.length` taken before the action that should cause it).
 */
export function waitForLog(p: ChildServer, msg: string, since: number, timeoutMs = 20_000) {
  const has = (line: string) => {
    try {
      return (JSON.parse(line) as { msg?: string }).msg === msg;
    } catch {
      return false;
    }
  };
  if (p.logs.slice(since).some(has)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    // The line is in `logs` once readline has split it: checked after the chunk is handled.
    const listener = () => setImmediate(check);
    const done = () => {
      clearTimeout(timer);
      p.proc.stdout?.off('data', listener);
    };
    const check = () => {
      if (p.logs.slice(since).some(has)) {
        done();
        resolve();
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for log "${msg}"`));
    }, timeoutMs);
    p.proc.stdout?.on('data', listener);
  });
}
