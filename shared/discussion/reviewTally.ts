/** Pure views over a review session: tally per step and overall, time per step, approval gate. */

import type {
  DiscussionSnapshot,
  ReviewSession,
  SessionTally,
  StepTally,
  StepVerdict,
  Thread,
} from './types';

/**
 * Tally of verdicts for the given steps (procedure order). A step needs change
 * as soon as anyone says so; it is agreed when it has verdicts and all agree.
 */
export function tallySession(session: ReviewSession, stepIds: readonly string[]): SessionTally {
  const byStep = new Map<string, StepVerdict[]>();
  for (const v of session.verdicts) {
    const list = byStep.get(v.stepId) ?? [];
    list.push(v);
    byStep.set(v.stepId, list);
  }
  const steps: StepTally[] = stepIds.map((stepId) => {
    const vs = byStep.get(stepId) ?? [];
    const agree = vs.filter((v) => v.verdict === 'agree').length;
    const change = vs.length - agree;
    return {
      stepId,
      agree,
      change,
      state: change > 0 ? 'change' : agree > 0 ? 'agreed' : 'pending',
      changeThreadIds: vs.flatMap((v) =>
        v.verdict === 'change' && v.threadId ? [v.threadId] : [],
      ),
    };
  });
  return {
    steps,
    stepsAgreed: steps.filter((s) => s.state === 'agreed').length,
    stepsNeedingChange: steps.filter((s) => s.state === 'change').length,
    stepsPending: steps.filter((s) => s.state === 'pending').length,
  };
}

/**
 * Milliseconds the presenter spent on each step: each trail entry lasts until
 * the next one, the last until the session ended (or `now`).
 */
export function timePerStep(session: ReviewSession, now: number): Map<string, number> {
  const out = new Map<string, number>();
  const end = session.endedAt ?? now;
  session.trail.forEach((v, i) => {
    const until = session.trail[i + 1]?.at ?? end;
    if (v.stepId !== null) out.set(v.stepId, (out.get(v.stepId) ?? 0) + Math.max(0, until - v.at));
  });
  return out;
}

/**
 * "Needs change" verdicts that still block approval: those whose thread is
 * open (or that have no thread). Resolving the thread lifts the block.
 */
export function blockingVerdicts(
  session: ReviewSession,
  discussion: DiscussionSnapshot,
): StepVerdict[] {
  return session.verdicts.filter((v) => {
    if (v.verdict !== 'change') return false;
    if (!v.threadId) return true;
    return discussion.byId.get(v.threadId)?.status !== 'resolved';
  });
}

/** What ending a review session reports (issue 8 "summary"). */
export interface SessionSummary {
  sessionId: string;
  participants: ReviewSession['participants'];
  startedAt: number;
  endedAt: number | null;
  /** endedAt (or `now` while running) minus startedAt, in ms. */
  durationMs: number;
  tally: SessionTally;
  stepsAgreed: readonly string[];
  /** Steps someone marked "needs change", with their linked threads (open or not). */
  stepsNeedingChange: ReadonlyArray<{ stepId: string; threads: readonly Thread[] }>;
  timePerStep: ReadonlyMap<string, number>;
}

/** Summary of a session against the given steps (procedure order). */
export function sessionSummary(
  session: ReviewSession,
  stepIds: readonly string[],
  discussion: DiscussionSnapshot,
  now: number,
): SessionSummary {
  const tally = tallySession(session, stepIds);
  return {
    sessionId: session.id,
    participants: session.participants,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    durationMs: Math.max(0, (session.endedAt ?? now) - session.startedAt),
    tally,
    stepsAgreed: tally.steps.filter((s) => s.state === 'agreed').map((s) => s.stepId),
    stepsNeedingChange: tally.steps
      .filter((s) => s.state === 'change')
      .map((s) => ({
        stepId: s.stepId,
        threads: s.changeThreadIds.flatMap((id) => {
          const t = discussion.byId.get(id);
          return t ? [t] : [];
        }),
      })),
    timePerStep: timePerStep(session, now),
  };
}
