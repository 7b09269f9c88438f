/**
 * (d) Cold load: a document the size of the automerge-paper result (1×), and 10× / 100× that
 * (copies of it under other client ids and root names), stored through each server's own
 * persistence; the server is restarted, then a new client's connect → synced is timed.
 *
 * The reference server has no persistence by default, so here (and only here) it runs with its
 * built-in optional y-leveldb persistence (YPERSISTENCE); with its default it would load nothing.
 */
import type { Context } from '../lib/context.js';
import { Window } from '../lib/procstat.js';
import { removeDir, type ServerSpec, startServer, tempDataDir } from '../lib/servers.js';
import { median, round, sleep } from '../lib/stats.js';
import type { Generator } from '../lib/workers.js';

const S = 'd';

export interface ColdFixture {
  scale: number;
  file: string;
  /** Total text length over all roots. */
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
    const extraEnv =
      spec.name === 'susun'
        ? ctx.susunEnv
        : spec.name === 'yws'
          ? { YPERSISTENCE: `${dir}/leveldb` }
          : {};
    const docName = `cold-${fx.scale}`;
    // Median of 3 restarts; the 100× doc once (each round trip takes tens of seconds here).
    const reps = ctx.quick || fx.scale >= 100 ? 1 : 3;
    const nodeArgs = spec.name === 'susun' ? ctx.susunNodeArgs : [];
    try {
      let server = await startServer(spec, { dataDir: dir, extraEnv, nodeArgs });
      const target = () => ({ protocol: spec.protocol, baseUrl: server.baseUrl });
      await gen.call('cold.prepare', {
        target: target(),
        docName,
        file: fx.file,
        length: fx.length,
        stored: spec.storedConfirmation,
      });
      // y-leveldb writes asynchronously and the reference server has no graceful shutdown: give it time.
      if (spec.name === 'yws') await sleep(3000);
      await server.stop(60_000);
      const synced: number[] = [];
      const content: number[] = [];
      let rss = Number.NaN;
      let complete = true;
      for (let r = 0; r < reps; r++) {
        server = await startServer(spec, { dataDir: dir, extraEnv, nodeArgs });
        const win = new Window([server.pid]);
        const res = await gen.call<{ syncedMs: number; contentMs: number; length: number }>(
          'cold.load',
          {
            target: target(),
            docName,
            roots: fx.scale,
            length: fx.length,
          },
        );
        win.stop();
        rss = win.rssKb(server.pid) / 1024;
        synced.push(res.syncedMs);
        content.push(res.contentMs);
        if (res.length !== fx.length) complete = false;
        await server.stop(60_000);
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
      removeDir(dir);
    }
  }
  if (spec.name === 'yws')
    ctx.results.note(
      S,
      spec.name,
      'ran with YPERSISTENCE (y-leveldb); its default (no persistence) would load an empty doc',
    );
}
