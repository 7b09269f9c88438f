/**
 * (e) Durability: a client writes 50 edits/s, the server is SIGKILLed at a random moment, then
 * restarted on the same data dir and a fresh client reads what survived. Per trial we know which
 * edits were sent, which an observer client had seen (the server had broadcast them), and — for
 * Susun — which the server had confirmed as stored. Baselines run with their default persistence.
 *
 * Since issues 11/12, for Susun: each trial's doc is an SOP created through REST before the
 * writer starts, every socket (also after the restart) carries the bench administrator's token
 * (lib/bench.ts), and edit k is `k;` appended to the SOP text field `identity.agency` instead
 * of k pushed onto a root array (gen/durability.ts) — the same for all three servers.
 */
import { type Bench, docIds, startBench } from '../lib/bench.js';
import { nowMs } from '../lib/clock.js';
import type { Context } from '../lib/context.js';
import { freePort, removeDir, type ServerSpec, tempDataDir } from '../lib/servers.js';
import { percentile, round, sleep } from '../lib/stats.js';
import type { Generator } from '../lib/workers.js';

const S = 'e';

interface Trial {
  sentAt: number[];
  confirmedAt: number[];
  seen: number[];
}

export async function durability(ctx: Context, spec: ServerSpec): Promise<void> {
  const trials = ctx.quick ? 1 : 20;
  const [minMs, maxMs] = ctx.quick ? [200, 400] : [500, 4000];
  const gen = ctx.gens[0] as Generator;
  let sent = 0;
  let seen = 0;
  let confirmed = 0;
  let lostConfirmed = 0;
  let lostSeen = 0;
  let lostSent = 0;
  let worstWindow = 0;
  const confirmLatency: number[] = [];
  for (let t = 0; t < trials; t++) {
    const dir = tempDataDir(spec.name);
    const port = await freePort();
    let bench: Bench | null = null;
    try {
      bench = await startBench(ctx, spec, { dataDir: dir, port });
      const [docName] = await docIds(bench, [`durable-${t}`]);
      await gen.call('dur.start', {
        target: bench.target,
        docName,
        rateHz: 50,
        stored: spec.storedConfirmation,
      });
      await sleep(minMs + Math.random() * (maxMs - minMs));
      await bench.server.kill9();
      const killedAt = nowMs();
      const res = await gen.call<Trial>('dur.stop');
      bench = await startBench(ctx, spec, { dataDir: dir, port });
      const present = new Set(
        await gen.call<number[]>('dur.verify', { target: bench.target, docName }),
      );
      await bench.server.stop();
      sent += res.sentAt.length;
      seen += res.seen.length;
      let firstLostSeen = Number.NaN;
      res.sentAt.forEach((at, k) => {
        const c = res.confirmedAt[k] ?? Number.NaN;
        if (Number.isFinite(c)) {
          confirmed++;
          confirmLatency.push(c - at);
          if (!present.has(k)) lostConfirmed++;
        }
        if (!present.has(k)) lostSent++;
      });
      for (const k of res.seen) {
        if (!present.has(k)) {
          lostSeen++;
          const at = res.sentAt[k] ?? Number.NaN;
          if (!(at >= firstLostSeen)) firstLostSeen = at;
        }
      }
      if (Number.isFinite(firstLostSeen))
        worstWindow = Math.max(worstWindow, killedAt - firstLostSeen);
    } finally {
      await bench?.server.stop();
      removeDir(dir);
    }
  }
  const n = spec.name;
  ctx.results.add(S, 'trials', n, trials);
  ctx.results.add(S, 'edits sent', n, sent);
  ctx.results.add(S, 'edits seen by another client before the kill', n, seen);
  ctx.results.add(S, 'seen edits missing after restart', n, lostSeen, '', 'lower');
  ctx.results.add(
    S,
    'seen edits missing after restart (share)',
    n,
    round(seen ? lostSeen / seen : Number.NaN, 3),
    '',
    'lower',
  );
  ctx.results.add(
    S,
    'longest span of lost seen edits before the kill',
    n,
    round(worstWindow),
    'ms',
    'lower',
  );
  ctx.results.add(S, 'sent edits missing after restart', n, lostSent, '', 'lower');
  if (spec.storedConfirmation) {
    ctx.results.add(S, 'edits confirmed stored', n, confirmed);
    ctx.results.add(
      S,
      'confirmed-stored edits missing after restart',
      n,
      lostConfirmed,
      '',
      'lower',
    );
    ctx.results.add(
      S,
      'edit → stored confirmation p50',
      n,
      round(percentile(confirmLatency, 50)),
      'ms',
      'lower',
    );
    ctx.results.add(
      S,
      'edit → stored confirmation p95',
      n,
      round(percentile(confirmLatency, 95)),
      'ms',
      'lower',
    );
    if (lostConfirmed > 0)
      ctx.results.note(S, n, `${lostConfirmed} edits confirmed as stored were lost`);
  } else {
    ctx.results.add(S, 'confirmed-stored edits missing after restart', n, 'no confirmation');
  }
  if (n === 'yws')
    ctx.results.note(S, n, 'default persistence is none: a restart loses every edit');
  if (n === 'hocuspocus') {
    ctx.results.note(
      S,
      n,
      `stores after 2 s without edits or at most every 10 s (debounce/maxDebounce); kills came ${minMs}–${maxMs} ms into continuous writing`,
    );
  }
  ctx.log(
    `  (e) ${spec.label}: lost ${lostSeen}/${seen} seen edits, ${lostConfirmed}/${confirmed} confirmed`,
  );
}
