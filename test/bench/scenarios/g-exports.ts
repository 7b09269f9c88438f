/**
 * (g) Exports under load (issue 12; Susun only — the baselines have no exports): PDF and
 * Word files of two SOP sizes (300 and 1,000 steps; quick: 100 and 300), four requested at
 * once, while `/api/health` is polled and a typist's edits fan out to observers. The same
 * probes run first without exports, so each figure has its idle twin. First, the largest
 * Word file alone, three times (median). Export times are
 * wall time to the full response with all four in flight (pool: EXPORT_CONCURRENCY
 * renders at once, the rest queued); "refused" counts 503 answers.
 */
import { bigSop } from '../../helpers/bigSop.js';
import { importSop, startBench } from '../lib/bench.js';
import { nowMs } from '../lib/clock.js';
import type { Context } from '../lib/context.js';
import { Window } from '../lib/procstat.js';
import { removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { max, percentile, round, sleep } from '../lib/stats.js';
import { pollHealth, typingRoom } from './g-load.js';

const S = 'g';
const RATE_HZ = 20;
const HEALTH_GAP_MS = 20;

export async function exportsUnderLoad(ctx: Context, spec: ServerSpec): Promise<void> {
  if (spec.name !== 'susun') return;
  const sizes = ctx.quick ? [100, 300] : [300, 1000];
  const idleMs = ctx.quick ? 1500 : 5000;
  const observers = ctx.quick ? 5 : 20;
  const dir = tempDataDir('exports');
  const { server, api } = await startBench(ctx, spec, { dataDir: dir });
  try {
    if (!api) throw new Error('no REST access');
    const ids = new Map<number, string>();
    for (const n of sizes) ids.set(n, await importSop(api, bigSop({ steps: n })));
    const typed = await importSop(api, bigSop({ steps: 5 }));
    const room = await typingRoom(server.baseUrl, typed, api.token, observers);
    try {
      // Start the export threads (two at once, as EXPORT_CONCURRENCY is here) and load both
      // renderers in each, as earlier exports would have, so thread start-up (loading the
      // renderers, ~1 s) is not in the figures.
      for (const f of ['export.pdf', 'export.docx'])
        await Promise.all(
          [0, 1].map(async () => (await api.fetch(`/api/sops/${typed}/${f}`)).arrayBuffer()),
        );

      // One Word file of the largest size at a time (issue 12: 1,000 steps in at most 2 s):
      // the median of three, each the wall time to the full response.
      const largest = sizes[sizes.length - 1]!;
      const alone: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = nowMs();
        const res = await api.fetch(`/api/sops/${ids.get(largest)}/export.docx`);
        await res.arrayBuffer();
        if (res.status !== 200) ctx.results.invalidate(S, spec.name, `Word export: ${res.status}`);
        alone.push(nowMs() - t);
      }
      ctx.results.add(
        S,
        `Word ${largest} steps alone (median of 3)`,
        spec.name,
        round(percentile(alone, 50)),
        'ms',
        'lower',
      );

      const probe = async (label: string, work: () => Promise<unknown>) => {
        const win = new Window([server.pid]);
        const health = pollHealth(api, HEALTH_GAP_MS);
        const done = work();
        const typing = await room.typeUntil(done, RATE_HZ);
        const hl = await health.stop();
        win.stop();
        const add = (name: string, v: number, unit: string, better: 'lower' | 'higher') =>
          ctx.results.add(S, `${name} (${label})`, spec.name, round(v), unit, better);
        add('health p50', percentile(hl, 50), 'ms', 'lower');
        add('health p99', percentile(hl, 99), 'ms', 'lower');
        add('health max', max(hl), 'ms', 'lower');
        add('fan-out p50', percentile(typing.lat, 50), 'ms', 'lower');
        add('fan-out p99', percentile(typing.lat, 99), 'ms', 'lower');
        add('fan-out delivered/expected', typing.lat.length / typing.expected, '', 'higher');
        add('server CPU', win.cpu(server.pid), '% core', 'lower');
        return { hl, typing };
      };

      await probe('idle', () => sleep(idleMs));

      const exports: Array<{ label: string; path: string }> = sizes.flatMap((n) => [
        { label: `PDF ${n} steps`, path: `/api/sops/${ids.get(n)}/export.pdf` },
        { label: `Word ${n} steps`, path: `/api/sops/${ids.get(n)}/export.docx` },
      ]);
      const times = new Map<string, number>();
      let refused = 0;
      let failed = 0;
      const t0 = nowMs();
      await probe('4 exports', () =>
        Promise.all(
          exports.map(async (e) => {
            const res = await api.fetch(e.path);
            await res.arrayBuffer();
            if (res.status === 503) refused++;
            else if (res.status !== 200) failed++;
            times.set(e.label, nowMs() - t0);
          }),
        ),
      );
      for (const e of exports)
        ctx.results.add(
          S,
          `${e.label} (4 at once)`,
          spec.name,
          round(times.get(e.label)!),
          'ms',
          'lower',
        );
      ctx.results.add(
        S,
        'all four done',
        spec.name,
        round(max([...times.values()])),
        'ms',
        'lower',
      );
      ctx.results.add(S, 'refused (503)', spec.name, refused, '', 'lower');
      if (failed > 0) ctx.results.invalidate(S, spec.name, `${failed} export(s) failed`);
      ctx.results.add(
        S,
        'server RSS after',
        spec.name,
        round(new Window([server.pid]).stop().rssKb(server.pid) / 1024),
        'MB',
        'lower',
      );
      ctx.log(`  (g) ${spec.label}: four exports in ${round(max([...times.values()]))} ms`);
    } finally {
      room.close();
    }
  } finally {
    await server.stop();
    removeDir(dir);
  }
}
