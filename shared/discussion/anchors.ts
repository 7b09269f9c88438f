/**
 * Locating thread anchors in the current content: which threads are
 * attached, which point at a deleted step, and where steps are in procedure
 * order. Steps are looked up by their stable id, so a reworded or moved step
 * keeps its threads, and an undone delete (which restores the same id)
 * re-attaches them with no bookkeeping.
 */

import type * as Y from 'yjs';
import { resolveNarrativeSpan } from './narrative';
import type { DiscussionSnapshot, ResolvedAnchor, Thread } from './types';

/**
 * What `resolveAnchors` needs of the content doc. A `SopSnapshot` fits
 * (`{ steps: snapshot.steps }`), as does `{ steps: sop.steps.list(),
 * fragment: (k) => sop.narrative.fragment(k) }` from a live `SopDoc`.
 */
export interface AnchorContext {
  /** Steps in procedure order. */
  steps: ReadonlyArray<{ id: string; activity: string }>;
  /** Narrative fragment of a section, to resolve span anchors. */
  fragment?: (section: string) => Y.XmlFragment | undefined;
  /** Existing narrative section keys (a span in a removed section is deleted). */
  sections?: readonly string[];
}

/** Resolves one thread's anchor against the content. */
export function resolveAnchor(
  thread: Thread,
  ctx: AnchorContext,
  stepIndex?: ReadonlyMap<string, number>,
): ResolvedAnchor {
  const a = thread.anchor;
  switch (a.kind) {
    case 'step': {
      const index = stepIndex
        ? stepIndex.get(a.stepId)
        : ctx.steps.findIndex((s) => s.id === a.stepId);
      if (index === undefined || index < 0) return { state: 'deleted', lastText: thread.lastText };
      return { state: 'attached', stepIndex: index, lastText: ctx.steps[index]?.activity ?? '' };
    }
    case 'narrative': {
      if (ctx.sections && !ctx.sections.includes(a.section)) {
        return { state: 'deleted', lastText: thread.lastText || a.quote };
      }
      const fragment = ctx.fragment?.(a.section);
      if (!fragment) return { state: 'attached', lastText: a.quote };
      const span = resolveNarrativeSpan(a, fragment);
      if (!span) return { state: 'deleted', lastText: thread.lastText || a.quote };
      return { state: 'attached', lastText: span.text };
    }
    default:
      return { state: 'attached', lastText: '' };
  }
}

/** Resolves every thread's anchor: thread id → resolution. */
export function resolveAnchors(
  discussion: DiscussionSnapshot | { getSnapshot(): DiscussionSnapshot },
  ctx: AnchorContext,
): Map<string, ResolvedAnchor> {
  const snap = 'threads' in discussion ? discussion : discussion.getSnapshot();
  const stepIndex = new Map(ctx.steps.map((s, i) => [s.id, i]));
  const out = new Map<string, ResolvedAnchor>();
  for (const t of snap.threads) out.set(t.id, resolveAnchor(t, ctx, stepIndex));
  return out;
}
