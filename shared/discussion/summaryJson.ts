/**
 * The JSON summary of a review session, stored with the session's `review` version
 * (by the server, when the session ends) and shown in the summary dialog.
 */
import type { Step } from '../model/types.js';
import { sessionSummary } from './reviewTally.js';
import type { DiscussionSnapshot, ReviewSession } from './types.js';

/** A review summary as plain JSON (stored with the 'review' version, shown in the dialog). */
export interface SummaryJson {
  sessionId: string;
  participants: Array<{ id: string; name: string }>;
  startedAt: number;
  endedAt: number | null;
  durationMs: number;
  stepsAgreed: Array<{ stepId: string; n: number | null; activity: string }>;
  stepsNeedingChange: Array<{
    stepId: string;
    n: number | null;
    activity: string;
    threads: Array<{
      id: string;
      status: 'open' | 'resolved';
      messages: Array<{ id: string; author: string; body: string }>;
    }>;
  }>;
  stepsPending: number;
  /** ms per step id. */
  timePerStep: Record<string, number>;
}

/**
 * Builds the JSON summary of `session` against the current steps (procedure
 * order). Steps judged in the session but deleted since are listed too
 * (n = null), so a "needs change" never disappears from the summary.
 */
export function buildSummary(
  session: ReviewSession,
  steps: readonly Step[],
  discussion: DiscussionSnapshot,
  now: number,
): SummaryJson {
  const ids = steps.map((s) => s.id);
  const known = new Set(ids);
  for (const v of session.verdicts) if (!known.has(v.stepId)) ids.push(v.stepId);
  const s = sessionSummary(session, ids, discussion, now);
  const byId = new Map(steps.map((st, i) => [st.id, { n: i + 1, activity: st.activity }]));
  const info = (stepId: string) => {
    const x = byId.get(stepId);
    if (x) return { n: x.n, activity: x.activity };
    const lastText = discussion.threads.find(
      (t) => t.anchor.kind === 'step' && t.anchor.stepId === stepId,
    )?.lastText;
    return { n: null, activity: lastText ?? '' };
  };
  return {
    sessionId: s.sessionId,
    participants: s.participants.map((p) => ({ id: p.id, name: p.name })),
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationMs: s.durationMs,
    stepsAgreed: s.stepsAgreed.map((stepId) => ({ stepId, ...info(stepId) })),
    stepsNeedingChange: s.stepsNeedingChange.map((x) => ({
      stepId: x.stepId,
      ...info(x.stepId),
      threads: x.threads.map((t) => ({
        id: t.id,
        status: t.status,
        messages: t.messages
          .filter((m) => !m.deleted)
          .map((m) => ({ id: m.id, author: m.author.name, body: m.body })),
      })),
    })),
    stepsPending: s.tally.stepsPending,
    timePerStep: Object.fromEntries(s.timePerStep),
  };
}
