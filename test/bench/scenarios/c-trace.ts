/**
 * (c) Trace replay: the automerge-paper keystroke trace (one editor → one observer) and the two
 * concurrent traces (each author its own client). Updates were encoded before any server ran.
 * "Server updates per CPU-second" divides the update count by the CPU time the server process
 * spent during the replay; "end-to-end" is the first send to the observer holding the final state.
 *
 * Since issues 11/12, for Susun: each trace's doc is an SOP created through REST before the
 * replay, every socket carries the bench administrator's token (lib/bench.ts), and the traces
 * are encoded into the SOP text field `identity.agency` instead of a root `text`
 * (lib/traces.ts, lib/sopShape.ts) — the same updates for all three servers. Susun now checks
 * every update against the SOP schema before applying it (server/rooms/updateGuard.ts): that
 * cost is in its figures.
 */
import { docIds, startBench } from '../lib/bench.js';
import { type Context, checkGenerators } from '../lib/context.js';
import { Window } from '../lib/procstat.js';
import { removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { round } from '../lib/stats.js';
import type { Generator } from '../lib/workers.js';

const S = 'c';

export interface TraceFile {
  name: string;
  file: string;
  count: number;
  authors: number;
  endContent: string;
  finalSv: [number, number][];
  required: Uint32Array;
}

export async function traceReplay(
  ctx: Context,
  spec: ServerSpec,
  traces: readonly TraceFile[],
): Promise<void> {
  const dir = tempDataDir(spec.name);
  const bench = await startBench(ctx, spec, { dataDir: dir });
  const { server, target } = bench;
  const sender = ctx.gens[0] as Generator;
  const observer = ctx.gens[1] as Generator;
  try {
    const docs = await docIds(
      bench,
      traces.map((t) => `trace-${t.name.replace(/[^A-Za-z0-9_.-]/g, '_')}`),
    );
    for (const [j, t] of traces.entries()) {
      const docName = docs[j] as string;
      await observer.call('trace.observe', {
        target,
        docName,
        endContent: t.endContent,
        finalSv: t.finalSv,
      });
      const win = new Window([server.pid, ...ctx.gens.map((g) => g.pid)]);
      const sent = await sender.call<{ t0: number; tSent: number; waits: number }>('trace.send', {
        target,
        docName,
        file: t.file,
        authors: t.authors,
        required: t.required,
      });
      const done = await observer.call<{ doneAt: number; equal: boolean; length: number }>(
        'trace.wait',
        {
          timeoutMs: ctx.quick ? 15_000 : 300_000,
        },
      );
      win.stop();
      await sender.call('trace.closeAuthors');
      const e2eMs = done.doneAt - sent.t0;
      const p = `${t.name} (${t.count} updates, ${t.authors} author${t.authors > 1 ? 's' : ''})`;
      ctx.results.add(S, `${p} end-to-end`, spec.name, round(e2eMs), 'ms', 'lower');
      ctx.results.add(
        S,
        `${p} updates/s end-to-end`,
        spec.name,
        round(t.count / (e2eMs / 1000)),
        '1/s',
        'higher',
      );
      const cpuS = win.cpuMs(server.pid) / 1000;
      ctx.results.add(
        S,
        `${p} server updates per CPU-second`,
        spec.name,
        round(t.count / cpuS),
        '1/s',
        'higher',
      );
      ctx.results.add(
        S,
        `${p} server CPU`,
        spec.name,
        round(win.cpu(server.pid)),
        '% core',
        'lower',
      );
      ctx.results.add(S, `${p} observer text equals endContent`, spec.name, done.equal);
      if (t.authors > 1)
        ctx.results.add(S, `${p} sends held for a causal dependency`, spec.name, sent.waits);
      const genCpu = ctx.gens.map((g) => win.cpu(g.pid));
      ctx.results.add(
        S,
        `${p} generator CPU (max)`,
        spec.name,
        round(checkGenerators(ctx, S, spec.name, genCpu, t.name)),
        '% core',
      );
      if (!done.equal)
        ctx.results.note(
          S,
          spec.name,
          `${t.name}: observer text differs (length ${done.length} vs ${t.endContent.length})`,
        );
      ctx.log(`  (c) ${spec.label} ${t.name}: ${round(e2eMs)} ms, equal=${done.equal}`);
    }
  } finally {
    await server.stop();
    removeDir(dir);
  }
}
