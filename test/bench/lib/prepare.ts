/** Encodes the traces and builds the cold-load fixtures before any server starts. */
import path from 'node:path';
import type { TraceFile } from '../scenarios/c-trace.js';
import type { ColdFixture } from '../scenarios/d-coldload.js';
import type { Context } from './context.js';
import { rewriteTextUpdate } from './rewrite.js';
import { recordEntries } from './sopShape.js';
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

/**
 * k× = k entries of the list box `list.records`, each entry's `text` holding a copy of the 1×
 * state (the automerge-paper text with its whole editing history) under its own client id:
 * the entries first (one update made through the SOP model), then the copies re-parented
 * under the entries' text items. Until issue 12 the copies were root texts `text`, `text1`…,
 * which Susun's schema guard now refuses; every server gets the same parts.
 */
export function prepareColdFixtures(
  ctx: Context,
  paper: { state: Uint8Array; length: number },
): ColdFixture[] {
  const scales = ctx.quick ? [1] : [1, 10, 100];
  return scales.map((scale) => {
    const entries = recordEntries(scale);
    const parts = [
      entries.update,
      ...entries.textItems.map((item, i) =>
        rewriteTextUpdate(paper.state, (c) => c + 1000 * i, { item }),
      ),
    ];
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
