/** Encodes the traces and builds the cold-load fixtures before any server starts. */
import path from 'node:path';
import type { TraceFile } from '../scenarios/c-trace.js';
import type { ColdFixture } from '../scenarios/d-coldload.js';
import type { Context } from './context.js';
import { rewriteTextUpdate } from './rewrite.js';
import {
  AUTOMERGE_PAPER,
  CONCURRENT_TRACES,
  encodeConcurrent,
  encodeSequential,
  writeUpdatesFile,
} from './traces.js';

export function prepareTraces(ctx: Context): {
  files: TraceFile[];
  paperState: { state: Uint8Array; length: number };
} {
  const t0 = Date.now();
  // Quick mode replays prefixes of the traces so the whole run stays under a minute.
  const limit = ctx.quick ? 1000 : Number.POSITIVE_INFINITY;
  const paper = encodeSequential(AUTOMERGE_PAPER, limit);
  const all = [paper, ...CONCURRENT_TRACES.map((c) => encodeConcurrent(c.name, c.file, limit))];
  const files: TraceFile[] = all.map((t) => {
    const file = path.join(ctx.tmp, `${t.name}.updates`);
    writeUpdatesFile(file, t.updates, t.authorOf);
    const name = ctx.quick ? `${t.name}[prefix]` : t.name;
    return {
      name,
      file,
      count: t.updates.length,
      authors: t.authors,
      endContent: t.endContent,
      finalSv: t.finalSv,
      required: t.required,
    };
  });
  ctx.log(`encoded traces in ${Date.now() - t0} ms`);
  return { files, paperState: { state: paper.state, length: paper.endContent.length } };
}

/** k× = the 1× state plus k−1 copies under other client ids and root names `text1`… */
export function prepareColdFixtures(
  ctx: Context,
  paper: { state: Uint8Array; length: number },
): ColdFixture[] {
  const scales = ctx.quick ? [1] : [1, 10, 100];
  return scales.map((scale) => {
    const parts = [paper.state];
    for (let i = 1; i < scale; i++)
      parts.push(rewriteTextUpdate(paper.state, (c) => c + 1000 * i, `text${i}`));
    const file = path.join(ctx.tmp, `cold-${scale}.updates`);
    writeUpdatesFile(file, parts);
    return {
      scale,
      file,
      length: paper.length * scale,
      bytes: parts.reduce((s, p) => s + p.length, 0),
    };
  });
}
