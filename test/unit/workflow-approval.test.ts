/**
 * Rules (issue 8, status workflow): transitions follow the table; approval is
 * refused while a step has an open "needs change" verdict; an explicit
 * override goes through and is RECORDED (who, when, reason, what it
 * overrode) in the discussion doc; approval fills Disahkan oleh (title, name,
 * NIP) and Tanggal Efektif and sets status approved in one transaction; a new
 * revision after approval keeps the approved version (in the versions store)
 * and sets Tanggal Revisi and status draft.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStores } from '../../server/storage/stores.js';
import { createVersionSources } from '../../server/versions/currentState.js';
import { createMemoryVersionStore } from '../../server/versions/versionStore.js';
import { type Author, Discussion, ReviewSessions } from '../../shared/discussion/index';
import { listApprovals } from '../../shared/discussion/reviewApprovals';
import {
  approvalBlockers,
  approve,
  createSop,
  isLocked,
  reconcileApproval,
  SopDoc,
  startRevision,
  toSnapshot,
  transition,
  WorkflowError,
} from '../../shared/model/index.js';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };
const approver = {
  title: 'Kepala Dinas',
  name: 'Drs. Ahmad Fauzi, M.Si.',
  nip: '19700101 199003 1 001',
};

function setup() {
  const clock = { t: 1_000 };
  const doc = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
  const sop = new SopDoc(doc);
  const discussion = new Discussion(new Y.Doc(), { now: () => clock.t });
  const review = new ReviewSessions(discussion, { now: () => clock.t });
  return { clock, doc, sop, discussion, review };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WorkflowError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('status workflow', () => {
  it('follows the transition table', () => {
    const { sop } = setup();
    expect(code(() => transition(sop, 'revoked'))).toBe('invalid-transition');
    transition(sop, 'in_review');
    expect(sop.meta.get().status).toBe('in_review');
    transition(sop, 'draft');
    expect(code(() => startRevision(sop))).toBe('invalid-transition');
    expect(isLocked('draft')).toBe(false);
    expect(isLocked('approved')).toBe(true);
  });

  it('refuses approval while a step needs change; resolving the thread lifts it', () => {
    const { sop, discussion, review, clock } = setup();
    transition(sop, 'in_review');
    const before = sop.identity.get();
    const sid = review.start(ana);
    review.setVerdict(sid, 's01', ana, 'agree');
    const tid = review.setVerdict(sid, 's05', budi, 'change', { comment: 'Kriteria kurang jelas' });
    review.end(sid, ana);
    const blockers = approvalBlockers(sop, discussion);
    expect(blockers.map((b) => [b.stepId, b.stepIndex, b.threadIds])).toEqual([['s05', 4, [tid]]]);
    let err: unknown;
    try {
      approve(sop, discussion, {
        approver,
        effectiveDate: '2026-12-01',
        by: ana,
        now: () => clock.t,
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkflowError);
    expect((err as WorkflowError).code).toBe('needs-change');
    expect((err as WorkflowError).details.steps).toEqual(['s05']);
    // Nothing was written.
    expect(sop.meta.get().status).toBe('in_review');
    expect(sop.identity.get()).toBe(before);
    expect(listApprovals(discussion)).toEqual([]);

    discussion.resolve(tid!, budi);
    expect(approvalBlockers(sop, discussion)).toEqual([]);
    const rec = approve(sop, discussion, {
      approver,
      effectiveDate: '2026-12-01',
      by: ana,
      now: () => clock.t,
    });
    expect(rec.override).toBeNull();
    expect(sop.meta.get().status).toBe('approved');
  });

  it('a later "agree" by the same reviewer replaces an earlier "needs change"', () => {
    const { sop, discussion, review, clock } = setup();
    const s1 = review.start(ana);
    review.setVerdict(s1, 's03', budi, 'change', { comment: 'Ubah' });
    review.end(s1, ana);
    clock.t = 5_000;
    const s2 = review.start(ana);
    review.setVerdict(s2, 's03', budi, 'agree');
    expect(approvalBlockers(sop, discussion)).toEqual([]);
    // A verdict on a step that no longer exists does not block.
    review.setVerdict(s2, 's07', ana, 'change', { comment: 'Hapus saja' });
    expect(approvalBlockers(sop, discussion).map((b) => b.stepId)).toEqual(['s07']);
    sop.steps.delete('s07');
    expect(approvalBlockers(sop, discussion)).toEqual([]);
  });

  it('approves with a recorded override; fills Disahkan oleh and Tanggal Efektif in one transaction', () => {
    const { doc, sop, discussion, review, clock } = setup();
    const sid = review.start(ana);
    const tid = review.setVerdict(sid, 's10', budi, 'change', { comment: 'Waktu terlalu singkat' });
    expect(
      code(() =>
        approve(sop, discussion, {
          approver,
          effectiveDate: '2026-12-01',
          by: ana,
          override: { reason: '  ', by: ana },
        }),
      ),
    ).toBe('override-reason-required');
    expect(
      code(() =>
        approve(sop, discussion, {
          approver: { ...approver, name: ' ' },
          effectiveDate: '2026-12-01',
          by: ana,
          now: () => clock.t,
        }),
      ),
    ).toBe('invalid-approver');
    expect(
      code(() =>
        approve(sop, discussion, {
          approver: { ...approver, nip: '1970' },
          effectiveDate: '2026-12-01',
          by: ana,
          now: () => clock.t,
        }),
      ),
    ).toBe('invalid-approver');
    expect(
      code(() =>
        approve(sop, discussion, {
          approver,
          effectiveDate: '2026-02-30',
          by: ana,
          now: () => clock.t,
        }),
      ),
    ).toBe('invalid-date');

    let transactions = 0;
    doc.on('afterTransaction', () => {
      transactions++;
    });
    clock.t = 42_000;
    const rec = approve(sop, discussion, {
      approver,
      effectiveDate: '2026-12-01',
      by: ana,
      now: () => clock.t,
      override: { reason: 'Disepakati diperbaiki pada revisi berikutnya', by: ana },
    });
    expect(transactions).toBe(1);
    const id = sop.identity.get();
    expect(id.approvedBy).toEqual(approver);
    expect(id.effectiveDate).toBe('2026-12-01');
    expect(sop.meta.get().status).toBe('approved');

    const stored = listApprovals(discussion);
    expect(stored).toEqual([rec]);
    expect(stored[0]).toMatchObject({
      at: 42_000,
      by: { id: 'ana', name: 'Ana' },
      effectiveDate: '2026-12-01',
      override: {
        reason: 'Disepakati diperbaiki pada revisi berikutnya',
        by: { id: 'ana' },
        verdicts: [{ stepId: 's10', userId: 'budi', userName: 'Budi', threadId: tid }],
      },
    });
    // The record travels with the discussion doc to other replicas.
    const other = new Discussion(new Y.Doc());
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(discussion.doc));
    expect(listApprovals(other)).toEqual(stored);
    // Verdicts from sessions before the approval no longer block the next one.
    expect(approvalBlockers(sop, discussion)).toEqual([]);
  });

  it('a new revision after approval keeps the approved version and sets Tanggal Revisi', async () => {
    const { doc, sop, discussion, clock } = setup();
    approve(sop, discussion, {
      approver,
      effectiveDate: '2026-12-01',
      by: ana,
      now: () => clock.t,
    });

    // The approved version is stored through the versions store, from the server's state.
    const storage = createMemoryStores();
    await storage.index.createDoc(
      {
        id: 'sop1',
        name: 'x',
        number: '',
        status: 'approved',
        stepCount: 15,
        template: 'sample',
        createdAt: '',
        updatedAt: '',
        archived: false,
      },
      Y.encodeStateAsUpdate(doc),
    );
    const sources = createVersionSources({ ...storage, peek: () => undefined });
    const versions = createMemoryVersionStore();
    const state = (await sources.getState('sop1'))!;
    const approvedSnap = toSnapshot(doc);
    const v = await versions.add({
      sopId: 'sop1',
      label: 'Disahkan 2026-12-01',
      kind: 'approved',
      createdBy: 'Ana',
      state,
      snapshot: approvedSnap,
      summary: null,
    });

    startRevision(sop, { today: '2027-03-15' });
    expect(sop.meta.get().status).toBe('draft');
    expect(sop.identity.get().revisedDate).toBe('2027-03-15');
    sop.steps.set('s02', 'activity', 'Kegiatan yang direvisi');
    transition(sop, 'in_review');

    const kept = await versions.get('sop1', v.id);
    expect(kept?.snapshot.meta.status).toBe('approved');
    expect(kept?.snapshot.identity.approvedBy).toEqual(approver);
    expect(kept?.snapshot.identity.revisedDate).toBe(approvedSnap.identity.revisedDate);
    expect(kept?.snapshot.steps.find((s) => s.id === 's02')?.activity).not.toBe(
      'Kegiatan yang direvisi',
    );
    const restored = new Y.Doc();
    Y.applyUpdate(restored, kept!.state);
    expect(toSnapshot(restored)).toEqual(approvedSnap);
    expect(await sources.exists('sop1')).toBe(true);
    expect(await sources.exists('nope')).toBe(false);
    expect(await sources.getState('nope')).toBeNull();
  });

  it('concurrent approvals on two replicas converge and both are recorded', () => {
    const a = setup();
    const bDoc = new Y.Doc();
    Y.applyUpdate(bDoc, Y.encodeStateAsUpdate(a.doc));
    const bSop = new SopDoc(bDoc);
    const bDiscussion = new Discussion(new Y.Doc());
    approve(a.sop, a.discussion, { approver, effectiveDate: '2026-12-01', by: ana, now: () => 1 });
    const other = { ...approver, name: 'Ir. Budi Hartono' };
    approve(bSop, bDiscussion, {
      approver: other,
      effectiveDate: '2026-12-02',
      by: budi,
      now: () => 2,
    });
    Y.applyUpdate(bDoc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(bDoc)));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(bDoc, Y.encodeStateVector(a.doc)));
    Y.applyUpdate(bDiscussion.doc, Y.encodeStateAsUpdate(a.discussion.doc));
    Y.applyUpdate(a.discussion.doc, Y.encodeStateAsUpdate(bDiscussion.doc));
    expect(toSnapshot(a.doc)).toEqual(toSnapshot(bDoc));
    expect(a.sop.meta.get().status).toBe('approved');
    // Y.Text merged both approvers' typing; the latest record's author repairs it.
    expect(a.sop.identity.get().approvedBy.name).not.toBe(other.name);
    expect(reconcileApproval(a.sop, a.discussion, 'ana')).toBe(false); // not the latest author
    expect(reconcileApproval(bSop, bDiscussion, 'budi')).toBe(true);
    expect(reconcileApproval(bSop, bDiscussion, 'budi')).toBe(false); // idempotent
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(bDoc, Y.encodeStateVector(a.doc)));
    expect(a.sop.identity.get().approvedBy).toEqual(other);
    expect(a.sop.identity.get().effectiveDate).toBe('2026-12-02');
    expect(listApprovals(a.discussion).map((r) => r.by.id)).toEqual(['ana', 'budi']);
    expect(listApprovals(bDiscussion)).toEqual(listApprovals(a.discussion));
  });
});
