/**
 * Pure derived views over a discussion snapshot: unread state, open counts
 * for the comment buttons, filters, and grouping by step in procedure order
 * for the side panel.
 */

import type { AnchorContext } from './anchors';
import { resolveAnchors } from './anchors';
import type {
  DiscussionSnapshot,
  IdentityAnchorField,
  OpenCounts,
  ResolvedAnchor,
  Thread,
} from './types';

/** Messages by other people in the thread that `userId` has not seen yet. */
export function unreadCount(thread: Thread, userId: string): number {
  let others = 0;
  for (const m of thread.messages) if (m.author.id !== userId) others++;
  return Math.max(0, others - (thread.readBy[userId] ?? 0));
}

/**
 * True when the thread has messages by others that `userId` has not seen.
 * Read markers count messages rather than compare timestamps, so a writer
 * with a skewed clock cannot hide a new message: the set of messages only
 * grows, so having seen N of N others' messages means having seen them all.
 */
export function isUnread(thread: Thread, userId: string): boolean {
  return unreadCount(thread, userId) > 0;
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Open-thread counts per step, step field, identity field, narrative section. */
export function openCounts(
  discussion: DiscussionSnapshot | { getSnapshot(): DiscussionSnapshot },
): OpenCounts {
  const snap = 'threads' in discussion ? discussion : discussion.getSnapshot();
  const byStep = new Map<string, number>();
  const byStepField = new Map<string, number>();
  const byIdentityField = new Map<IdentityAnchorField, number>();
  const byNarrativeSection = new Map<string, number>();
  let sop = 0;
  let total = 0;
  for (const t of snap.threads) {
    if (t.status !== 'open') continue;
    total++;
    const a = t.anchor;
    if (a.kind === 'step') {
      bump(byStep, a.stepId);
      if (a.field) bump(byStepField, `${a.stepId}:${a.field}`);
    } else if (a.kind === 'identity') bump(byIdentityField, a.field);
    else if (a.kind === 'narrative') bump(byNarrativeSection, a.section);
    else sop++;
  }
  return { byStep, byStepField, byIdentityField, byNarrativeSection, sop, total };
}

export type ThreadFilter = 'all' | 'open' | 'resolved' | 'mine';

/** 'mine' = threads the user started or wrote in. */
export function matchesFilter(thread: Thread, filter: ThreadFilter, userId: string): boolean {
  switch (filter) {
    case 'open':
      return thread.status === 'open';
    case 'resolved':
      return thread.status === 'resolved';
    case 'mine':
      return thread.author.id === userId || thread.messages.some((m) => m.author.id === userId);
    default:
      return true;
  }
}

/** A panel group: one place in the SOP and its threads. */
export interface ThreadGroup {
  /** 'sop' | 'identity:<field>' | 'step:<id>' | 'narrative:<section>' */
  key: string;
  kind: 'sop' | 'identity' | 'step' | 'narrative';
  /** Step id, identity field or narrative section key. */
  ref: string;
  /** 0-based procedure position for attached steps. */
  stepIndex?: number;
  deleted: boolean;
  /** Step text (current, or last known when deleted). */
  lastText: string;
  threads: Array<{ thread: Thread; anchor: ResolvedAnchor }>;
}

function rank(g: ThreadGroup): number[] {
  // SOP-wide, identity, steps in procedure order, narrative, deleted steps last.
  if (g.kind === 'sop') return [0, 0];
  if (g.kind === 'identity') return [1, 0];
  if (g.kind === 'step' && !g.deleted) return [2, g.stepIndex ?? 0];
  if (g.kind === 'narrative') return [3, 0];
  return [4, 0];
}

/**
 * Groups the threads passing `filter` by their place in the SOP: SOP-wide,
 * identity fields, steps in procedure order, narrative sections, then
 * deleted steps (still listed, never silently gone).
 */
export function groupThreads(
  snapshot: DiscussionSnapshot,
  ctx: AnchorContext,
  filter: ThreadFilter = 'all',
  userId = '',
): ThreadGroup[] {
  const resolved = resolveAnchors(snapshot, ctx);
  const groups = new Map<string, ThreadGroup>();
  for (const thread of snapshot.threads) {
    if (!matchesFilter(thread, filter, userId)) continue;
    const anchor = resolved.get(thread.id) ?? { state: 'attached', lastText: '' };
    const a = thread.anchor;
    const [key, kind, ref] =
      a.kind === 'step'
        ? [`step:${a.stepId}`, 'step' as const, a.stepId]
        : a.kind === 'identity'
          ? [`identity:${a.field}`, 'identity' as const, a.field]
          : a.kind === 'narrative'
            ? [`narrative:${a.section}`, 'narrative' as const, a.section]
            : ['sop', 'sop' as const, ''];
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        kind,
        ref,
        deleted: kind === 'step' && anchor.state === 'deleted',
        lastText: kind === 'step' ? anchor.lastText : '',
        threads: [],
      };
      if (anchor.stepIndex !== undefined) g.stepIndex = anchor.stepIndex;
      groups.set(key, g);
    }
    g.threads.push({ thread, anchor });
  }
  return [...groups.values()].sort((x, y) => {
    const rx = rank(x);
    const ry = rank(y);
    return (rx[0] ?? 0) - (ry[0] ?? 0) || (rx[1] ?? 0) - (ry[1] ?? 0) || x.key.localeCompare(y.key);
  });
}
