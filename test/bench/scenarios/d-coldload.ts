/**
 * (d) Cold load: a document the size of the automerge-paper result (1×), and 10× / 100× that
 * (copies of it under other client ids), stored through each server's own persistence; the
 * server is restarted, then a new client's connect → synced is timed.
 *
 * The reference server has no persistence by default, so here (and only here) it runs with its
 * built-in optional y-leveldb persistence (YPERSISTENCE); with its default it would load nothing.
 *
 * Since issues 11/12, for Susun: the copies are the texts of entries of the SOP list box
 * `list.records` (Y.Map id → Y.Map {order, text: Y.Text}), not root texts `text`, `text1`…,
 * which the schema guard refuses (lib/prepare.ts, lib/sopShape.ts; all three servers get the
 * same parts). The doc is an SOP created through REST, then filled through a socket with the
 * bench administrator's token (lib/bench.ts), so every part passes the guard as a client's
 * edit would; the parts are sent one at a time, each once applied (gen/coldload.ts says why),
 * for every server. None of this is inside the timed cold load. Susun runs with
 * MAX_DOC_BYTES = {@link SUSUN_MAX_DOC_BYTES} here: its default (8 MiB) refuses the 100×
 * document (~22 MB).
 */
import { type Bench, docIds, startBench } from '../lib/bench.js';
import type { Context } from '../lib/context.js';
import { Window } from '../lib/procstat.js';
import { removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { median, round, sleep } from '../lib/stats.js';
import type { Generator } from '../lib/workers.js';

/** Susun's MAX_DOC_BYTES for this scenario (bench server configuration, not a code change). */
const SUSUN_MAX_DOC_BYTES = 64 * 1024 * 1024;

const S = 'd';

export interface ColdFixture {
  scale: number;
  file: string;
  /** Total text length over all list entries. */
  length: number;
  bytes: number;
}

export async function coldLoad(
  ctx: Context,
  spec: ServerSpec,
  fixtures: readonly ColdFixture[],
): Promise<void> {
  const gen = ctx.gens[0] as Generator;
  for (const fx of fixtures) {
    const dir = tempDataDir(spec.name);
    const extraEnv: Record<string, string> =
      spec.name === 'susun'
        ? { MAX_DOC_BYTES: String(SUSUN_MAX_DOC_BYTES) }
        : spec.name === 'yws'
          ? { YPERSISTENCE: `${dir}/leveldb` }
          : {};
    // Median of 3 restarts; the 100× doc once (each round trip takes tens of seconds here).
    const reps = ctx.quick || fx.scale >= 100 ? 1 : 3;
    let bench: Bench | null = null;
    try {
      bench = await startBench(ctx, spec, { dataDir: dir, extraEnv });
      const [docName] = await docIds(bench, [`cold-${fx.scale}`]);
      await gen.call('cold.prepare', {
        target: bench.target,
        docName,
        file: fx.file,
        length: fx.length,
        stored: spec.storedConfirmation,
      });
      // y-leveldb writes asynchronously and the reference server has no graceful shutdown: give it time.
      if (spec.name === 'yws') await sleep(3000);
      await bench.server.stop(60_000);
      const synced: number[] = [];
      const content: number[] = [];
      let rss = Number.NaN;
      let complete = true;
      for (let r = 0; r < reps; r++) {
        bench = await startBench(ctx, spec, { dataDir: dir, extraEnv });
        const win = new Window([bench.server.pid]);
        const res = await gen.call<{ syncedMs: number; contentMs: number; length: number }>(
          'cold.load',
          { target: bench.target, docName, length: fx.length },
        );
        win.stop();
        rss = win.rssKb(bench.server.pid) / 1024;
        synced.push(res.syncedMs);
        content.push(res.contentMs);
        if (res.length !== fx.length) complete = false;
        await bench.server.stop(60_000);
      }
      const p = `${fx.scale}× (${round(fx.bytes / 1024)} KiB state)`;
      ctx.results.add(S, `${p} connect → synced`, spec.name, round(median(synced)), 'ms', 'lower');
      ctx.results.add(
        S,
        `${p} connect → all content`,
        spec.name,
        round(median(content)),
        'ms',
        'lower',
      );
      ctx.results.add(S, `${p} content complete`, spec.name, complete);
      ctx.results.add(S, `${p} server RSS after load`, spec.name, round(rss), 'MB', 'lower');
      ctx.log(
        `  (d) ${spec.label} ${fx.scale}×: synced ${round(median(synced))} ms, content ${round(median(content))} ms`,
      );
    } finally {
      await bench?.server.stop();
      removeDir(dir);
    }
  }
  if (spec.name === 'susun')
    ctx.results.note(
      S,
      spec.name,
      `ran with MAX_DOC_BYTES=${SUSUN_MAX_DOC_BYTES} (the 8 MiB default refuses the 100× document); each doc is an SOP created through REST, filled through a socket (schema guard included)`,
    );
  if (spec.name === 'yws')
    ctx.results.note(
      S,
      spec.name,
      'ran with YPERSISTENCE (y-leveldb); its default (no persistence) would load an empty doc',
    );
}
