/**
 * Rules (issue 8 data layer): review sessions live in the discussion doc;
 * verdicts are one per user per step and add up in the tally across
 * replicas; "needs change" with a comment creates a linked step thread;
 * an open needs-change thread blocks approval until resolved; time per step
 * comes from the presenter trail; presenter hand-over and ending converge.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Author,
  blockingVerdicts,
  Discussion,
  ReviewSessions,
  sessionSummary,
  tallySession,
  timePerStep,
} from '../../shared/discussion/index';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };

function replica(clock: { t: number }, prefix: string) {
  const doc = new Y.Doc();
  let n = 0;
  const opts = { now: () => clock.t, newId: () => `${prefix}${n++}` };
  const discussion = new Discussion(doc, opts);
  return { doc, discussion, review: new ReviewSessions(discussion, opts) };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('review sessions', () => {
  it('tallies verdicts of two reviewers and links needs-change threads', () => {
    const clock = { t: 1000 };
    const A = replica(clock, 'a');
    const B = replica(clock, 'b');
    const sid = A.review.start(ana);
    sync(A.doc, B.doc);
    B.review.join(sid, budi);
    A.review.setVerdict(sid, 's1', ana, 'agree');
    B.review.setVerdict(sid, 's1', budi, 'agree');
    A.review.setVerdict(sid, 's2', ana, 'agree');
    const tid = B.review.setVerdict(sid, 's2', budi, 'change', {
      comment: 'Waktu terlalu singkat',
      lastText: 'Verifikasi arsip',
    });
    expect(tid).not.toBeNull();
    sync(A.doc, B.doc);

    const s = A.review.get(sid)!;
    expect(s.participants.map((p) => p.id)).toEqual(['ana', 'budi']);
    const tally = tallySession(s, ['s1', 's2', 's3']);
    expect(tally.steps.map((x) => [x.stepId, x.agree, x.change, x.state])).toEqual([
      ['s1', 2, 0, 'agreed'],
      ['s2', 1, 1, 'change'],
      ['s3', 0, 0, 'pending'],
    ]);
    expect(tally).toMatchObject({ stepsAgreed: 1, stepsNeedingChange: 1, stepsPending: 1 });
    expect(tally.steps[1]?.changeThreadIds).toEqual([tid]);
    const thread = A.discussion.thread(tid!)!;
    expect(thread.anchor).toEqual({ kind: 'step', stepId: 's2' });
    expect(thread.messages[0]?.body).toBe('Waktu terlalu singkat');

    // Approval gate: blocked while the thread is open, lifted once resolved.
    expect(blockingVerdicts(s, A.discussion.getSnapshot())).toHaveLength(1);
    A.discussion.resolve(tid!, ana);
    expect(blockingVerdicts(A.review.get(sid)!, A.discussion.getSnapshot())).toHaveLength(0);

    clock.t = 61_000;
    const summary = sessionSummary(
      A.review.get(sid)!,
      ['s1', 's2', 's3'],
      A.discussion.getSnapshot(),
      clock.t,
    );
    expect(summary.durationMs).toBe(60_000);
    expect(summary.stepsAgreed).toEqual(['s1']);
    expect(summary.stepsNeedingChange.map((x) => [x.stepId, x.threads.map((t) => t.id)])).toEqual([
      ['s2', [tid]],
    ]);
    expect(summary.participants.map((p) => p.name)).toEqual(['Ana', 'Budi']);

    // Changing one's mind replaces the verdict (one per user per step).
    B.review.setVerdict(sid, 's2', budi, 'agree');
    expect(tallySession(B.review.get(sid)!, ['s2']).steps[0]?.state).toBe('agreed');
    expect(B.review.getVerdict(sid, 's2', 'budi')?.verdict).toBe('agree');
    B.review.clearVerdict(sid, 's2', 'budi');
    expect(B.review.getVerdict(sid, 's2', 'budi')).toBeUndefined();
  });

  it('derives time per step from the presenter trail and ends once', () => {
    const clock = { t: 0 };
    const A = replica(clock, 'a');
    const B = replica(clock, 'b');
    const sid = A.review.start(ana);
    A.review.recordPresenterAt(sid, 's1', ana);
    clock.t = 60_000;
    A.review.recordPresenterAt(sid, 's2', ana);
    sync(A.doc, B.doc);
    clock.t = 90_000;
    B.review.setPresenter(sid, budi); // hand-over
    B.review.recordPresenterAt(sid, 's1', budi);
    clock.t = 100_000;
    sync(A.doc, B.doc);
    expect(A.review.active()?.presenter).toEqual(budi);
    A.review.end(sid, ana);
    sync(A.doc, B.doc);
    const s = B.review.get(sid)!;
    expect(s.endedAt).toBe(100_000);
    expect(B.review.active()).toBeUndefined();
    expect(Object.fromEntries(timePerStep(s, 999_999))).toEqual({ s1: 70_000, s2: 30_000 });
    expect(() => B.review.setVerdict(sid, 's1', budi, 'agree')).toThrow(/session-ended/);
  });

  it('keeps the sessions snapshot stable until a session changes', () => {
    const A = replica({ t: 1 }, 'a');
    A.review.start(ana);
    const s1 = A.review.getSnapshot();
    expect(A.review.getSnapshot()).toBe(s1);
    A.discussion.createThread({ anchor: { kind: 'sop' }, author: ana, body: 'x' });
    expect(A.review.getSnapshot()).toBe(s1);
  });
});
