/**
 * (a) Fan-out: one editor, N observers on one doc. Steady: 20 updates/s for 10 s. Burst: a
 * batch of updates sent back to back. Latency is matched per update: observer receive time of
 * index k minus the editor's send time of index k, both on CLOCK_MONOTONIC (lib/clock.ts).
 *
 * Since issues 11/12, for Susun: the doc of each N is an SOP created through REST before the
 * clients connect, every socket carries the bench administrator's token (lib/bench.ts;
 * MAX_CONNECTIONS_PER_USER raised in run.ts), and the editor appends `k;` to the SOP text
 * field `identity.agency` instead of pushing k onto a root array (lib/sopShape.ts) — the same
 * for all three servers: one small update per edit, as before.
 */
import { docIds, startBench } from '../lib/bench.js';
import { type Context, checkGenerators } from '../lib/context.js';
import { Window } from '../lib/procstat.js';
import { type RunningServer, removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { max, percentile, round } from '../lib/stats.js';
import type { Generator } from '../lib/workers.js';

const S = 'a';

async function phase(
  ctx: Context,
  server: RunningServer,
  observers: Generator[],
  from: number,
  count: number,
  rateHz: number,
): Promise<{ lat: number[]; expected: number; win: Window }> {
  const editor = ctx.gens[0] as Generator;
  const pids = [server.pid, ...ctx.gens.map((g) => g.pid)];
  const win = new Window(pids);
  const sent = await editor.call<Float64Array>('fanout.send', { from, count, rateHz });
  // Generous: delivered/expected should count losses, not slowness (latency shows that).
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
  return { lat, expected, win };
}

export async function fanout(ctx: Context, spec: ServerSpec): Promise<void> {
  const ns = ctx.quick ? [20] : [50, 200, 1000];
  const seconds = ctx.quick ? 1 : 10;
  const rate = 20;
  const burst = ctx.quick ? 50 : 200;
  const dir = tempDataDir(spec.name);
  const bench = await startBench(ctx, spec, { dataDir: dir });
  const { server, target } = bench;
  const observers = ctx.gens.slice(1);
  const editor = ctx.gens[0] as Generator;
  try {
    const docs = await docIds(
      bench,
      ns.map((n) => `fanout-${n}`),
    );
    for (const [j, n] of ns.entries()) {
      const docName = docs[j] as string;
      const share = observers.map(
        (_, i) => Math.floor(n / observers.length) + (i < n % observers.length ? 1 : 0),
      );
      await Promise.all(
        observers.map((g, i) => g.call('fanout.observe', { target, docName, count: share[i] })),
      );
      await editor.call('fanout.editor', { target, docName });
      await phase(ctx, server, observers, 1_000_000, 5, rate); // warm-up, discarded
      const steady = await phase(ctx, server, observers, 0, rate * seconds, rate);
      const b = await phase(ctx, server, observers, 100_000, burst, 0);
      for (const [label, r] of [
        ['steady', steady],
        ['burst', b],
      ] as const) {
        const p = `N=${n} ${label}`;
        ctx.results.add(S, `${p} p50`, spec.name, round(percentile(r.lat, 50)), 'ms', 'lower');
        ctx.results.add(S, `${p} p99`, spec.name, round(percentile(r.lat, 99)), 'ms', 'lower');
        ctx.results.add(S, `${p} max`, spec.name, round(max(r.lat)), 'ms', 'lower');
        ctx.results.add(
          S,
          `${p} delivered/expected`,
          spec.name,
          round(r.lat.length / r.expected, 4),
          '',
          'higher',
        );
        ctx.results.add(
          S,
          `${p} server CPU`,
          spec.name,
          round(r.win.cpu(server.pid)),
          '% core',
          'lower',
        );
        const genCpu = ctx.gens.map((g) => r.win.cpu(g.pid));
        ctx.results.add(
          S,
          `${p} generator CPU (max)`,
          spec.name,
          round(checkGenerators(ctx, S, spec.name, genCpu, p)),
          '% core',
        );
      }
      ctx.results.add(
        S,
        `N=${n} server RSS`,
        spec.name,
        round(steady.win.rssKb(server.pid) / 1024),
        'MB',
        'lower',
      );
      await editor.call('fanout.closeEditor');
      await Promise.all(observers.map((g) => g.call('fanout.closeObservers')));
      ctx.log(`  (a) ${spec.label} N=${n} p99 ${round(percentile(steady.lat, 99))} ms`);
    }
  } finally {
    await server.stop();
    removeDir(dir);
  }
}
