/**
 * (f) Scale-out (issue 13): three server processes on one PostgreSQL database and one Redis,
 * on this machine. Susun (`DATABASE_URL`, `REDIS_URL`) against Hocuspocus 3.4 with
 * `@hocuspocus/extension-redis` 3.4 storing to the same PostgreSQL (servers/hocuspocus-redis.ts).
 * - fan-out: one editor on process 1, observers spread evenly over the three processes;
 *   steady 20 updates/s, then a burst; latency matched per update as in (a);
 * - updates per CPU-second: editor updates over the CPU time of the three server processes
 *   (Redis and PostgreSQL not counted; Redis's CPU is reported beside);
 * - kill -9 durability: a writer on process 2 (50 edits/s), an observer on process 3;
 *   process 2 is SIGKILLed at a random moment, then the whole cluster (a crash of every
 *   process right after), and a fresh process reads back what is STORED (like (e));
 * - Susun alone, one process: SQLite against PostgreSQL at the same observer count.
 *
 * PostgreSQL runs with `fsync=off` and `synchronous_commit=on` (a commit waits for the
 * WAL write, not a disk flush), comparable to SQLite's `synchronous=NORMAL` default.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { findPgBin, type PgCluster, startPgCluster } from '../../helpers/pgSetup.js';
import { redisBinary, startRedis, type TestRedis } from '../../helpers/redisServer.js';
import type { Target } from '../gen/clients.js';
import { docIds, startBench } from '../lib/bench.js';
import { nowMs } from '../lib/clock.js';
import { type Context, checkGenerators } from '../lib/context.js';
import { Window } from '../lib/procstat.js';
import {
  type RunningServer,
  removeDir,
  type ServerSpec,
  SPECS,
  startServer,
  tempDataDir,
} from '../lib/servers.js';
import { percentile, round, sleep } from '../lib/stats.js';
import type { Generator } from '../lib/workers.js';

const S = 'f';

/** PostgreSQL and Redis for the scenario, shared by both servers' runs. */
export interface ScaleoutServices {
  pg: PgCluster;
  redis: TestRedis;
  /** A new empty database; its URL. */
  createDb(): Promise<string>;
  stop(): Promise<void>;
}

export async function startScaleoutServices(): Promise<ScaleoutServices> {
  const bin = findPgBin();
  if (!bin) throw new Error('no PostgreSQL server binaries (apt-get install -y postgresql)');
  if (!redisBinary()) throw new Error('no redis-server (apt-get install -y redis-server)');
  const cluster = await startPgCluster(bin, '-c synchronous_commit=on -c max_connections=200');
  const redis = await startRedis().catch((err: unknown) => {
    cluster.stop();
    throw err;
  });
  return {
    pg: cluster,
    redis,
    async createDb() {
      const name = `bench_f_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: cluster.adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const u = new URL(cluster.adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      await redis.stop();
      cluster.stop();
    },
  };
}

const HOCUSPOCUS_REDIS: ServerSpec = {
  ...SPECS.hocuspocus,
  entry: path.join(import.meta.dirname, '../servers/hocuspocus-redis.ts'),
};

interface Node {
  server: RunningServer;
  target: Target;
}

interface ClusterRun {
  nodes: Node[];
  /** Creates the documents (Susun: SOPs through process 1's REST). */
  docs(names: string[]): Promise<string[]>;
  stop(): Promise<void>;
}

/** `n` processes of `spec` on `dbUrl` (and Redis when `redisUrl`); Susun's first one creates the admin. */
async function startCluster(
  ctx: Context,
  spec: ServerSpec,
  n: number,
  dbUrl: string,
  redisUrl: string | null,
): Promise<ClusterRun> {
  const dirs: string[] = [];
  const nodes: Node[] = [];
  const benches: Awaited<ReturnType<typeof startBench>>[] = [];
  const one = async (): Promise<Node> => {
    const dir = tempDataDir(`f-${spec.name}`);
    dirs.push(dir);
    const env: Record<string, string> = {
      DATABASE_URL: dbUrl,
      ...(redisUrl ? { REDIS_URL: redisUrl, CLUSTER_HEARTBEAT_MS: '500' } : {}),
    };
    if (spec.name === 'susun') {
      const b = await startBench(ctx, spec, { dataDir: dir, extraEnv: env });
      benches.push(b);
      return { server: b.server, target: b.target };
    }
    const server = await startServer(spec, { dataDir: dir, extraEnv: env });
    return { server, target: { protocol: spec.protocol, baseUrl: server.baseUrl } };
  };
  try {
    nodes.push(await one());
    nodes.push(...(await Promise.all(Array.from({ length: n - 1 }, one))));
  } catch (err) {
    for (const x of nodes) await x.server.kill9();
    for (const d of dirs) removeDir(d);
    throw err;
  }
  return {
    nodes,
    docs: (names) => {
      const first = benches[0];
      return first ? docIds(first, names) : Promise.resolve([...names]);
    },
    async stop() {
      await Promise.all(nodes.map((x) => x.server.stop()));
      for (const d of dirs) removeDir(d);
    },
  };
}

interface Phase {
  lat: number[];
  expected: number;
  cpuMs: number;
  redisCpuMs: number;
  genCpu: number[];
}

async function phase(
  ctx: Context,
  nodes: Node[],
  redisPid: number,
  from: number,
  count: number,
  rateHz: number,
): Promise<Phase> {
  const editor = ctx.gens[0] as Generator;
  const observers = ctx.gens.slice(1);
  const serverPids = nodes.map((x) => x.server.pid);
  const pids = [...serverPids, ...ctx.gens.map((g) => g.pid), ...(redisPid ? [redisPid] : [])];
  const win = new Window(pids);
  const sent = await editor.call<Float64Array>('fanout.send', { from, count, rateHz });
  const timeoutMs = rateHz > 0 ? 5000 + count * 20 : 30_000;
  const recvs = await Promise.all(
    observers.map((g) =>
      g.call<Float64Array>('fanout.collect', { from, to: from + count, timeoutMs }),
    ),
  );
  win.stop();
  const lat: number[] = [];
  let expected = 0;
  for (const recv of recvs) {
    expected += recv.length;
    for (let i = 0; i < recv.length; i++) {
      const r = recv[i] as number;
      if (Number.isFinite(r)) lat.push(r - (sent[i % count] as number));
    }
  }
  let cpuMs = 0;
  for (const pid of serverPids) cpuMs += win.cpuMs(pid);
  return {
    lat,
    expected,
    cpuMs,
    redisCpuMs: redisPid ? win.cpuMs(redisPid) : 0,
    genCpu: ctx.gens.map((g) => win.cpu(g.pid)),
  };
}

/** Fan-out on `run`: editor on node 0, `n` observers spread over every node. */
async function fanoutOn(
  ctx: Context,
  spec: ServerSpec,
  run: ClusterRun,
  label: string,
  n: number,
  redisPid: number,
): Promise<void> {
  const seconds = ctx.quick ? 1 : 10;
  const rate = 20;
  const burst = ctx.quick ? 50 : 200;
  const [docName] = await run.docs([`f-fanout-${label}-${n}`]);
  const gens = ctx.gens.slice(1);
  const editor = ctx.gens[0] as Generator;
  // Observer k (over all generators) goes to node k % nodes: an even spread.
  let k = 0;
  for (const [gi, g] of gens.entries()) {
    const share = Math.floor(n / gens.length) + (gi < n % gens.length ? 1 : 0);
    const perNode = new Map<number, number>();
    for (let i = 0; i < share; i++, k++) {
      const node = k % run.nodes.length;
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    for (const [node, count] of perNode)
      await g.call('fanout.observe', { target: run.nodes[node]?.target, docName, count });
  }
  await editor.call('fanout.editor', { target: run.nodes[0]?.target, docName });
  try {
    await phase(ctx, run.nodes, redisPid, 1_000_000, 5, rate); // warm-up, discarded
    const steady = await phase(ctx, run.nodes, redisPid, 0, rate * seconds, rate);
    const b = await phase(ctx, run.nodes, redisPid, 100_000, burst, 0);
    const p = `${label} N=${n}`;
    for (const [name, r] of [
      ['steady', steady],
      ['burst', b],
    ] as const) {
      ctx.results.add(
        S,
        `${p} ${name} p50`,
        spec.name,
        round(percentile(r.lat, 50)),
        'ms',
        'lower',
      );
      ctx.results.add(
        S,
        `${p} ${name} p99`,
        spec.name,
        round(percentile(r.lat, 99)),
        'ms',
        'lower',
      );
      ctx.results.add(
        S,
        `${p} ${name} delivered/expected`,
        spec.name,
        round(r.lat.length / r.expected, 4),
        '',
        'higher',
      );
      checkGenerators(ctx, S, spec.name, r.genCpu, `${p} ${name}`);
    }
    const updates = rate * seconds + burst;
    const cpuS = (steady.cpuMs + b.cpuMs) / 1000;
    ctx.results.add(
      S,
      `${p} editor updates per server CPU-second`,
      spec.name,
      round(updates / cpuS, 1),
      '/s',
      'higher',
    );
    if (redisPid)
      ctx.results.add(
        S,
        `${p} Redis CPU`,
        spec.name,
        round(steady.redisCpuMs + b.redisCpuMs),
        'ms',
        'lower',
      );
    ctx.log(`  (f) ${spec.label} ${p} steady p99 ${round(percentile(steady.lat, 99))} ms`);
  } finally {
    await editor.call('fanout.closeEditor');
    await Promise.all(gens.map((g) => g.call('fanout.closeObservers')));
  }
}

interface Trial {
  sentAt: number[];
  confirmedAt: number[];
  seen: number[];
}

/** Kill -9 of the writer's process mid-writing; what is stored afterwards. */
async function killTrials(ctx: Context, spec: ServerSpec, svc: ScaleoutServices): Promise<void> {
  const trials = ctx.quick ? 1 : 5;
  const [minMs, maxMs] = ctx.quick ? [300, 600] : [500, 3000];
  const gen = ctx.gens[0] as Generator;
  let sent = 0;
  let seen = 0;
  let confirmed = 0;
  let lostSeen = 0;
  let lostConfirmed = 0;
  for (let t = 0; t < trials; t++) {
    const dbUrl = await svc.createDb();
    let run: ClusterRun | null = await startCluster(ctx, spec, 3, dbUrl, svc.redis.url);
    try {
      const [docName] = await run.docs([`f-durable-${t}`]);
      const [n1, n2, n3] = run.nodes as [Node, Node, Node];
      await gen.call('dur.start', {
        target: n2.target,
        observerTarget: n3.target,
        docName,
        rateHz: 50,
        stored: spec.storedConfirmation,
      });
      await sleep(minMs + Math.random() * (maxMs - minMs));
      await n2.server.kill9();
      const killedAt = nowMs();
      const res = await gen.call<Trial>('dur.stop');
      // Then every process at once: only what is stored survives.
      await Promise.all([n1.server.kill9(), n3.server.kill9()]);
      await run.stop();
      run = await startCluster(ctx, spec, 1, dbUrl, svc.redis.url);
      const present = new Set(
        await gen.call<number[]>('dur.verify', {
          target: (run.nodes[0] as Node).target,
          docName,
        }),
      );
      sent += res.sentAt.length;
      seen += res.seen.length;
      res.sentAt.forEach((_at, k) => {
        if (Number.isFinite(res.confirmedAt[k] ?? Number.NaN)) {
          confirmed++;
          if (!present.has(k)) lostConfirmed++;
        }
      });
      for (const k of res.seen) if (!present.has(k)) lostSeen++;
      ctx.log(
        `  (f) ${spec.label} kill trial ${t}: ${res.sentAt.length} sent, killed after ${round(killedAt - (res.sentAt[0] ?? killedAt))} ms`,
      );
    } finally {
      await run?.stop();
    }
  }
  const n = spec.name;
  ctx.results.add(S, 'kill -9 trials', n, trials);
  ctx.results.add(S, 'kill -9: edits sent', n, sent);
  ctx.results.add(S, 'kill -9: edits seen on another process', n, seen);
  ctx.results.add(S, 'kill -9: seen edits not stored', n, lostSeen, '', 'lower');
  if (spec.storedConfirmation) {
    ctx.results.add(S, 'kill -9: edits confirmed stored', n, confirmed);
    ctx.results.add(S, 'kill -9: confirmed edits not stored', n, lostConfirmed, '', 'lower');
    if (lostConfirmed > 0) ctx.results.note(S, n, `${lostConfirmed} confirmed edits were lost`);
  } else ctx.results.add(S, 'kill -9: confirmed edits not stored', n, 'no confirmation');
}

export async function scaleout(
  ctx: Context,
  spec: ServerSpec,
  svc: ScaleoutServices,
): Promise<void> {
  const n = ctx.quick ? 30 : 300;
  const real = spec.name === 'hocuspocus' ? HOCUSPOCUS_REDIS : spec;
  if (spec.name === 'hocuspocus')
    ctx.results.note(
      S,
      spec.name,
      '3 processes with @hocuspocus/extension-redis 3.4, storing to the same PostgreSQL (debounce 2 s / max 10 s)',
    );
  // Three processes on PostgreSQL and Redis.
  const run = await startCluster(ctx, real, 3, await svc.createDb(), svc.redis.url);
  try {
    await fanoutOn(ctx, real, run, '3 procs', n, svc.redis.pid);
  } finally {
    await run.stop();
  }
  await killTrials(ctx, real, svc);
  if (spec.name !== 'susun') return;
  // Susun alone, one process: SQLite against PostgreSQL, at the same observer count.
  for (const [label, db] of [
    ['1 proc SQLite', null],
    ['1 proc PostgreSQL', await svc.createDb()],
  ] as const) {
    const single = await startSingle(ctx, spec, db);
    try {
      await fanoutOn(ctx, spec, single, label, n, 0);
    } finally {
      await single.stop();
    }
  }
}

/** One Susun process: SQLite in its data dir (`dbUrl` null) or PostgreSQL. */
async function startSingle(
  ctx: Context,
  spec: ServerSpec,
  dbUrl: string | null,
): Promise<ClusterRun> {
  if (dbUrl) return startCluster(ctx, spec, 1, dbUrl, null);
  const dir = tempDataDir('f-sqlite');
  const b = await startBench(ctx, spec, { dataDir: dir });
  return {
    nodes: [{ server: b.server, target: b.target }],
    docs: (names) => docIds(b, names),
    async stop() {
      await b.server.stop();
      removeDir(dir);
    },
  };
}
