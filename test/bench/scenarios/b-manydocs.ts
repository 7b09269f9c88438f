/**
 * (b) Many documents: D docs, one writer each putting ~2 KB of text in, then 4 more clients per
 * doc. Idle RSS: the fresh server, before any document. RSS per active doc = growth from
 * "before the writers" to "D docs with one client" / D; per connection = growth from there to
 * "5 clients per doc" / 4D. Then everyone leaves, the server gets time to unload (Susun: until
 * /api/health says no doc is open, with UNLOAD_DELAY_MS short), and we report how much of the
 * growth came back.
 *
 * Since issues 11/12, for Susun: the D docs are SOPs created through REST (`sop-ap`, ~1 KB of
 * template each) before the "before the writers" reading, so no timing or memory window
 * includes their creation; every socket carries the bench administrator's token
 * (lib/bench.ts; one account for all 5D sockets, MAX_CONNECTIONS_PER_USER raised in run.ts);
 * the 2 KB go into the SOP text field `identity.agency` (lib/sopShape.ts), for all three
 * servers.
 *
 * The same document on every server: a baseline's writer first writes the `sop-ap` template
 * (what Susun's REST API gave its SOPs; gen/manydocs.ts). Until then the baselines held the
 * 2 KB alone (~5 KB of Yjs heap per doc) while Susun held the template too (~30 KB), so the
 * per-doc row compared different documents.
 */
import { docIds, startBench } from '../lib/bench.js';
import { type Context, checkGenerators } from '../lib/context.js';
import { sampleProc, Window } from '../lib/procstat.js';
import { type RunningServer, removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { round, sleep } from '../lib/stats.js';

const S = 'b';
const BYTES = 2048;

function rssKb(server: RunningServer): number {
  return sampleProc(server.pid)?.rssKb ?? Number.NaN;
}

async function susunDocsOpen(server: RunningServer): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health`);
    const body = (await res.json()) as { docsOpen?: number };
    return body.docsOpen ?? Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function manyDocs(ctx: Context, spec: ServerSpec): Promise<void> {
  const docCount = ctx.quick ? 20 : 1000;
  const settle = ctx.quick ? 300 : 1000;
  const perDocExtra = 4;
  const dir = tempDataDir(spec.name);
  const bench = await startBench(ctx, spec, { dataDir: dir });
  const { server, target } = bench;
  const gens = ctx.gens;
  try {
    // The idle server as it starts, before any document: the same moment for every server.
    await sleep(settle);
    const fresh = rssKb(server);
    const docs = await docIds(
      bench,
      Array.from({ length: docCount }, (_, i) => `many-${i}`),
    );
    const shares = gens.map((_, g) => docs.filter((_, i) => i % gens.length === g));
    await sleep(settle);
    const idle = rssKb(server);
    const win = new Window([server.pid, ...gens.map((g) => g.pid)]);
    await Promise.all(
      gens.map((g, i) =>
        g.call('many.write', {
          target,
          docs: shares[i],
          bytes: BYTES,
          // Susun's SOPs got the template from POST /api/sops; the baselines get it here.
          template: spec.name !== 'susun',
        }),
      ),
    );
    await sleep(settle);
    const withDocs = rssKb(server);
    await Promise.all(
      gens.map((g, i) =>
        g.call('many.join', { target, docs: shares[i], perDoc: perDocExtra, bytes: BYTES }),
      ),
    );
    await sleep(settle);
    const withConns = rssKb(server);
    win.stop();
    await Promise.all(gens.map((g) => g.call('many.closeAll')));
    const leftAt = Date.now();
    if (spec.name === 'susun') {
      while ((await susunDocsOpen(server)) > 0 && Date.now() - leftAt < 60_000) await sleep(200);
    }
    // Same settle time for every server after its own unload (V8 returns memory lazily).
    await sleep(ctx.quick ? 1000 : Math.max(0, 5000 - (Date.now() - leftAt)) + 3000);
    const after = rssKb(server);
    const openAfterLeaving = spec.name === 'susun' ? await susunDocsOpen(server) : Number.NaN;
    const n = spec.name;
    ctx.results.add(S, 'documents × clients', n, `${docCount}×${perDocExtra + 1}`);
    ctx.results.add(S, 'server RSS idle (fresh start)', n, round(fresh / 1024), 'MB', 'lower');
    // Susun: after creating the SOPs through REST, which leaves some memory (V8 heap pages,
    // SQLite's page cache, the listing index); the baselines have no such step. The rows
    // per doc and per connection count from here.
    ctx.results.add(S, 'server RSS before the writers', n, round(idle / 1024), 'MB', 'lower');
    ctx.results.add(S, 'server RSS, all docs active', n, round(withConns / 1024), 'MB', 'lower');
    ctx.results.add(
      S,
      'RSS per active doc (1 client, 2 KB)',
      n,
      round((withDocs - idle) / docCount),
      'KB',
      'lower',
    );
    ctx.results.add(
      S,
      'RSS per extra connection',
      n,
      round((withConns - withDocs) / (docCount * perDocExtra)),
      'KB',
      'lower',
    );
    ctx.results.add(
      S,
      'RSS after everyone left and docs unloaded',
      n,
      round(after / 1024),
      'MB',
      'lower',
    );
    ctx.results.add(
      S,
      // V8 keeps freed heap pages for reuse, so this stays near 0 even when every doc was freed.
      'RSS returned to the OS (share of growth)',
      n,
      round((withConns - after) / (withConns - idle), 3),
      '',
      'higher',
    );
    if (spec.name === 'susun')
      ctx.results.add(S, 'docs still open after leaving', n, openAfterLeaving, '', 'lower');
    ctx.results.add(S, 'server CPU while joining', n, round(win.cpu(server.pid)), '% core');
    const genCpu = gens.map((g) => win.cpu(g.pid));
    ctx.results.add(
      S,
      'generator CPU (max)',
      n,
      round(checkGenerators(ctx, S, n, genCpu, 'join')),
      '% core',
    );
    if (spec.name === 'susun')
      ctx.results.note(
        S,
        n,
        `the ${docCount} SOPs were created through REST (POST /api/sops, sop-ap template) before the idle reading, outside every measured window`,
      );
    if (spec.name === 'yws')
      ctx.results.note(
        S,
        n,
        'without persistence the reference server never unloads a doc (closeConn only drops docs when persistence is set)',
      );
    ctx.log(`  (b) ${spec.label}: ${round((withDocs - idle) / docCount)} KB/doc`);
  } finally {
    await server.stop();
    removeDir(dir);
  }
}
