/**
 * Rules (issue 8 presenter mode): the presenter's position travels in the
 * content doc's awareness (field `review`, never in the document); followers
 * read the presenter's step from it; of two tabs of the presenter the latest
 * move wins; unrelated awareness changes (cursors) do not produce a new peers
 * snapshot; clearing the field removes the participant. The summary lists
 * participants, duration, agreed steps and steps needing change with their
 * threads — also for a step deleted after the verdict.
 */
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  presenterPosition,
  ReviewAwarenessStore,
} from '../../client/src/review/presenterAwareness';
import { buildSummary, formatDuration } from '../../client/src/review/summaryJson';
import { type Author, Discussion, ReviewSessions } from '../../shared/discussion/index';
import { createSop, SopDoc } from '../../shared/model/index.js';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };

function relay(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'test');
}

describe('presenter position in awareness', () => {
  it('travels to followers; latest tab wins; unrelated changes keep the snapshot', () => {
    const a = new Awareness(new Y.Doc());
    const a2 = new Awareness(new Y.Doc()); // Ana's second tab
    const b = new Awareness(new Y.Doc());
    const storeA = new ReviewAwarenessStore(a);
    const storeA2 = new ReviewAwarenessStore(a2);
    const storeB = new ReviewAwarenessStore(b);
    let notified = 0;
    storeB.subscribe(() => notified++);

    storeA.publish({
      sessionId: 'S',
      presenter: true,
      stepId: 's05',
      following: false,
      user: ana,
      at: 100,
    });
    relay(a, b);
    expect(presenterPosition(storeB.getPeers(), 'S', 'ana')?.stepId).toBe('s05');
    expect(presenterPosition(storeB.getPeers(), 'other', 'ana')).toBeNull();
    expect(notified).toBe(1);

    // A cursor move (another awareness field) does not re-render the review UI.
    const before = storeB.getPeers();
    a.setLocalStateField('focus', { stepId: 's07', field: 'activity' });
    relay(a, b);
    expect(storeB.getPeers()).toBe(before);
    expect(notified).toBe(1);

    // Ana's other tab moves later: its position wins.
    storeA2.publish({
      sessionId: 'S',
      presenter: true,
      stepId: 's06',
      following: false,
      user: ana,
      at: 200,
    });
    relay(a2, b);
    expect(presenterPosition(storeB.getPeers(), 'S', 'ana')?.stepId).toBe('s06');
    // A follower's own entry is never taken for the presenter's.
    storeB.publish({
      sessionId: 'S',
      presenter: false,
      stepId: null,
      following: true,
      user: budi,
      at: 300,
    });
    expect(presenterPosition(storeB.getPeers(), 'S', 'budi')).toBeNull();
    expect(
      storeB
        .getPeers()
        .filter((p) => p.following)
        .map((p) => p.user.id),
    ).toEqual(['budi']);

    // The presenter leaves the session: gone from the followers' view.
    storeA.publish(null);
    storeA2.publish(null);
    relay(a, b);
    relay(a2, b);
    expect(presenterPosition(storeB.getPeers(), 'S', 'ana')).toBeNull();
    // Malformed fields from other clients are ignored, not crashed on.
    a.setLocalStateField('review', { sessionId: 5, user: 'x' });
    relay(a, b);
    expect(storeB.getPeers().map((p) => p.user.id)).toEqual(['budi']);
  });
});

describe('session summary JSON', () => {
  it('lists participants, duration, agreed and needs-change steps with threads, deleted steps too', () => {
    const clock = { t: 10_000 };
    const sop = new SopDoc(createSop('sample', { now: new Date('2026-01-01T00:00:00Z') }));
    const discussion = new Discussion(new Y.Doc(), { now: () => clock.t });
    const review = new ReviewSessions(discussion, { now: () => clock.t });
    const sid = review.start(ana);
    review.join(sid, budi);
    review.recordPresenterAt(sid, 's01', ana);
    review.setVerdict(sid, 's01', ana, 'agree');
    review.setVerdict(sid, 's01', budi, 'agree');
    clock.t = 70_000;
    review.recordPresenterAt(sid, 's03', ana);
    const t3 = review.setVerdict(sid, 's03', budi, 'change', {
      comment: 'Tambahkan formulir',
      lastText: 'x',
    });
    clock.t = 71_000; // messages order by (time, id)
    discussion.reply(t3!, ana, 'Setuju, akan ditambah');
    const t4 = review.setVerdict(sid, 's04', ana, 'change', {
      comment: 'Langkah ini tidak perlu',
      lastText: 'Langkah empat',
    });
    clock.t = 130_000;
    review.end(sid, ana);
    sop.steps.delete('s04');

    const s = buildSummary(review.get(sid)!, sop.steps.list(), discussion.getSnapshot(), 999_999);
    expect(s.participants.map((p) => p.name)).toEqual(['Ana', 'Budi']);
    expect(s.durationMs).toBe(120_000);
    expect(formatDuration(s.durationMs)).toBe('2:00');
    expect(s.stepsAgreed.map((x) => [x.stepId, x.n])).toEqual([['s01', 1]]);
    expect(s.stepsNeedingChange.map((x) => [x.stepId, x.n, x.activity])).toEqual([
      ['s03', 3, sop.steps.get('s03')!.activity],
      ['s04', null, 'Langkah empat'],
    ]);
    expect(s.stepsNeedingChange[0]!.threads[0]).toMatchObject({
      id: t3,
      status: 'open',
      messages: [
        { author: 'Budi', body: 'Tambahkan formulir' },
        { author: 'Ana', body: 'Setuju, akan ditambah' },
      ],
    });
    expect(s.stepsNeedingChange[1]!.threads.map((t) => t.id)).toEqual([t4]);
    expect(s.timePerStep).toEqual({ s01: 60_000, s03: 60_000 });
    expect(s.stepsPending).toBe(sop.steps.ids().length - 2);
    // Plain JSON: survives a round trip unchanged (it is stored with the version).
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
