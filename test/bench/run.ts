/**
 * `npm run bench [-- --quick] [--only=a,c] [--servers=susun,yws,hocuspocus]`
 *
 * Runs scenarios (a)–(e) of issue 5 against Susun's server and the two baselines, each server in
 * its own process and the clients in separate generator processes, (f) of issue 13 (three
 * processes on PostgreSQL and Redis; Susun against Hocuspocus with its Redis extension) and (g)
 * of issue 12 (exports under load) against Susun alone; prints one table and writes
 * test/bench/results/latest.json.
 * Exits non-zero when a scenario produced no figures for a server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: a plain .mjs script without types
import { buildServer } from '../../scripts/build-server.mjs';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';
import type { Context } from './lib/context.js';
import { prepareColdFixtures, prepareTraces } from './lib/prepare.js';
import { gitCommit, machineInfo, renderTable, writeJson } from './lib/report.js';
import { Results } from './lib/results.js';
import { type ServerName, SPECS, serverAvailable } from './lib/servers.js';
import { Generator } from './lib/workers.js';
import { fanout } from './scenarios/a-fanout.js';
import { manyDocs } from './scenarios/b-manydocs.js';
import { traceReplay } from './scenarios/c-trace.js';
import { coldLoad } from './scenarios/d-coldload.js';
import { durability } from './scenarios/e-durability.js';
import { type ScaleoutServices, scaleout, startScaleoutServices } from './scenarios/f-scaleout.js';
import { exportsUnderLoad } from './scenarios/g-exports.js';
import { catalogue } from './scenarios/h-catalogue.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const listArg = (name: string) =>
  argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')[1]
    ?.split(',');
const only = listArg('only') ?? ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
/**
 * Scenarios only some servers run: (g) Susun alone (the baselines have no exports), (f) the
 * servers that scale out over Redis (y-websocket-server has no such extension).
 */
const ONLY_FOR: Record<string, ServerName[]> = {
  f: ['susun', 'hocuspocus'],
  g: ['susun'],
  h: ['susun'],
};
const servers = (listArg('servers') ?? ['susun', 'yws', 'hocuspocus']) as ServerName[];
const profileDir = listArg('profile')?.[0];

/**
 * Susun's limits that would refuse the benchmark's load (all clients come from one IP and sign
 * in as one account, the bench administrator of lib/bench.ts: (b) opens 5,000 sockets), and a
 * short unload delay so (b) can see memory come back. Nothing else is changed from its defaults
 * ((d) also raises MAX_DOC_BYTES for its 100× document; see that scenario).
 */
const SUSUN_ENV = {
  MAX_CONNECTIONS_PER_DOC: '5000',
  MAX_CONNECTIONS_PER_IP: '100000',
  MAX_CONNECTIONS_PER_USER: '100000',
  UNLOAD_DELAY_MS: '1000',
  SEED_SAMPLE: '0',
};

async function main(): Promise<number> {
  const started = Date.now();
  // Other work on the machine skews latency percentiles: recorded with the results.
  const loadAtStart = machineInfo().loadAvg;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'susun-bench-run-'));
  const results = new Results();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  // Susun runs as `npm start` runs it: the server bundle, rebuilt from the sources now.
  if (servers.includes('susun')) await buildServer();
  const gens = await Promise.all([Generator.start(), Generator.start(), Generator.start()]);
  const ctx: Context = {
    quick,
    gens,
    specs: servers.map((s) => SPECS[s]),
    results,
    tmp,
    susunEnv: SUSUN_ENV,
    // As `npm start` runs it, plus `--profile`'s flags.
    susunNodeArgs: [
      ...(process.env.SUSUN_BENCH_NO_FLAGS ? [] : SERVER_NODE_FLAGS),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
    ],
    log,
  };
  const missing = ctx.specs.filter((s) => !serverAvailable(s));
  for (const s of missing) log(`! ${s.label}: ${s.entry} not found`);
  let services: ScaleoutServices | null = null;
  let servicesError = '';
  try {
    if (only.includes('f'))
      services = await startScaleoutServices().catch((err: unknown) => {
        servicesError = err instanceof Error ? err.message : String(err);
        return null;
      });
    const traces = only.includes('c') || only.includes('d') ? prepareTraces(ctx) : null;
    const fixtures =
      only.includes('d') && traces ? prepareColdFixtures(ctx, traces.paperState) : [];
    const scenarios: [string, string, (spec: (typeof ctx.specs)[number]) => Promise<void>][] = [
      ['a', 'fan-out', (spec) => fanout(ctx, spec)],
      ['b', 'many documents', (spec) => manyDocs(ctx, spec)],
      ['c', 'trace replay', (spec) => traceReplay(ctx, spec, traces?.files ?? [])],
      ['d', 'cold load', (spec) => coldLoad(ctx, spec, fixtures)],
      ['e', 'durability', (spec) => durability(ctx, spec)],
      [
        'f',
        'scale-out (3 processes, PostgreSQL + Redis)',
        (spec) => {
          if (!services) throw new Error(`no PostgreSQL/Redis for (f): ${servicesError}`);
          return scaleout(ctx, spec, services);
        },
      ],
      ['g', 'exports under load', (spec) => exportsUnderLoad(ctx, spec)],
      ['h', 'catalogue (5,000 SOPs; quick: 1,000)', (spec) => catalogue(ctx, spec)],
    ];
    for (const [id, title, run] of scenarios) {
      if (!only.includes(id)) continue;
      log(`(${id}) ${title}`);
      const t0 = Date.now();
      for (const spec of ctx.specs) {
        if (ONLY_FOR[id] && !ONLY_FOR[id].includes(spec.name)) continue;
        if (missing.includes(spec)) {
          results.fail(id, spec.name, `${spec.entry} not found`);
          continue;
        }
        try {
          await run(spec);
        } catch (err) {
          log(`  (${id}) ${spec.label} failed: ${err instanceof Error ? err.stack : String(err)}`);
          results.fail(id, spec.name, err instanceof Error ? err.message : String(err));
        }
      }
      log(`  (${id}) done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await services?.stop();
    for (const g of gens) g.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const table = renderTable(results, servers);
  const machine = machineInfo();
  const env = Object.entries(SUSUN_ENV)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  process.stdout.write(
    [
      '',
      `Susun benchmark (${quick ? 'quick' : 'full'}), ${((Date.now() - started) / 1000).toFixed(0)} s`,
      `${machine.cpuModel}, ${machine.cores} cores, ${machine.memGiB} GiB, Node ${process.version}, load average at start ${loadAtStart.join(' ')}, at end ${machine.loadAvg.join(' ')}`,
      `Susun env: ${env}; ↓ lower is better, ↑ higher is better`,
      '',
      table,
    ].join('\n'),
  );
  const empty = only.flatMap((id) =>
    results.empty(
      [id],
      servers.filter((s) => !ONLY_FOR[id] || ONLY_FOR[id].includes(s)),
    ),
  );
  writeJson(path.join(import.meta.dirname, 'results/latest.json'), {
    mode: quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: { ...machine, loadAvgAtStart: loadAtStart },
    node: process.version,
    commit: gitCommit(ROOT),
    servers: Object.fromEntries(servers.map((s) => [s, SPECS[s].label])),
    susunEnv: SUSUN_ENV,
    scenarios: Object.fromEntries(
      only.map((id) => [
        id,
        {
          figures: results.metrics
            .filter((m) => m.scenario === id)
            .map(({ scenario: _s, ...m }) => m),
          runs: results.runs[id] ?? {},
        },
      ]),
    ),
    emptyScenarios: empty,
  });
  if (empty.length > 0) {
    process.stderr.write(`\nNo figures for: ${empty.join(', ')}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
