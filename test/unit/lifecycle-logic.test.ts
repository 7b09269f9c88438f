/**
 * Issue 17, pure logic: Keterkaitan items linked to an SOP id through the model
 * (snapshot round trip, restore, diff, the server's document shape check), due dates,
 * what a target's status change flags, the evaluation's criteria, and the link graph
 * (cycles draw), and which of two copies of a monitoring record is the newer.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { flagReason } from '../../server/lifecycle/links.js';
import { LIVE_MAP, liveKey, setLiveCopy } from '../../server/lifecycle/records.js';
import { contentProblem } from '../../server/rooms/docSchema.js';
import { missingCriteria, scoreOf } from '../../shared/lifecycle/evaluation.js';
import { drawGraph } from '../../shared/lifecycle/graph.js';
import { addMonths, dueState, scheduleOf } from '../../shared/lifecycle/schedule.js';
import {
  CRITERIA,
  type Criterion,
  type CriterionAnswer,
  type MonitoringRecord,
  newerRecord,
} from '../../shared/lifecycle/types.js';
import { diffSnapshots } from '../../shared/model/diff.js';
import { restoreSnapshot } from '../../shared/model/diffRestore.js';
import {
  createSop,
  fromSnapshot,
  parseSnapshot,
  SopDoc,
  toSnapshot,
} from '../../shared/model/index.js';

describe('Keterkaitan items with a linked SOP id', () => {
  it('round-trip through snapshots and restore; a changed target is a change', () => {
    const sop = new SopDoc(createSop('sop-ap'));
    const list = sop.identity.list('relatedSops');
    const linked = list.add('SOP/X/2026/001 Penerimaan', { before: null }, 'prerequisite', 'sopX');
    list.add('Peraturan lain (teks saja)');
    const snap = toSnapshot(sop.doc);
    expect(snap.identity.relatedSops).toEqual([
      { type: 'prerequisite', text: 'SOP/X/2026/001 Penerimaan', sopId: 'sopX' },
      { type: 'related', text: 'Peraturan lain (teks saja)' },
    ]);
    expect(parseSnapshot(JSON.parse(JSON.stringify(snap))).ok).toBe(true);
    expect(toSnapshot(fromSnapshot(snap)).identity.relatedSops).toEqual(snap.identity.relatedSops);

    // Retarget, then restore the earlier snapshot: the target comes back.
    list.setTarget(linked, 'sopY');
    const moved = toSnapshot(sop.doc);
    expect(moved.identity.relatedSops[0]?.sopId).toBe('sopY');
    const d = diffSnapshots(snap, moved);
    expect(d.identity.changed.map((c) => c.field)).toEqual(['relatedSops']);
    restoreSnapshot(sop, snap);
    expect(toSnapshot(sop.doc).identity.relatedSops).toEqual(snap.identity.relatedSops);
    // Unlinked again: text only.
    list.setTarget(linked, null);
    expect(toSnapshot(sop.doc).identity.relatedSops[0]).toEqual({
      type: 'prerequisite',
      text: 'SOP/X/2026/001 Penerimaan',
    });
    sop.destroy();
  });

  it('the server accepts a sopId field on Keterkaitan items only as text-free string', () => {
    const at = { root: 'list.relatedSops', path: ['li_1'], key: 'sopId', parentTypeRef: null };
    const str = { content: 8, anyTags: [119] };
    const num = { content: 8, anyTags: [125] };
    expect(contentProblem(str as never, at as never)).toBeNull();
    expect(contentProblem(num as never, at as never)).toMatch(/wrong type/);
    expect(contentProblem(str as never, { ...at, key: 'bogus' } as never)).toMatch(/unknown field/);
  });

  it('a plain Y.Doc copy of the entry keeps the id (stock clients)', () => {
    const sop = new SopDoc(createSop('sop-ap'));
    sop.identity.list('relatedSops').add('A', { before: null }, 'follow-on', 'sopA');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(sop.doc));
    expect(new SopDoc(copy).identity.get().relatedSops).toEqual([
      { type: 'follow-on', text: 'A', sopId: 'sopA' },
    ]);
    sop.destroy();
  });
});

describe('due dates', () => {
  it('adds months, clamping to the month end', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('not a date', 6)).toBeNull();
  });

  it('monitoring six months after the effective date or the last record; nothing before approval', () => {
    const base = {
      status: 'approved',
      effectiveDate: '2026-03-01',
      lastMonitoring: null,
      lastEvaluation: null,
      override: null,
    };
    expect(scheduleOf(base)).toEqual({
      monitoringDue: '2026-09-01',
      evaluationDue: '2027-03-01',
      reviewDue: '2027-03-01',
    });
    expect(scheduleOf({ ...base, lastMonitoring: '2026-08-20' }).monitoringDue).toBe('2027-02-20');
    // A record older than the version in force counts from the effective date.
    expect(scheduleOf({ ...base, lastMonitoring: '2025-01-01' }).monitoringDue).toBe('2026-09-01');
    expect(
      scheduleOf({
        ...base,
        override: { sopId: 's', monitoringDue: '2026-05-05', evaluationDue: null, reviewDue: null },
      }).monitoringDue,
    ).toBe('2026-05-05');
    expect(scheduleOf({ ...base, status: 'draft' }).monitoringDue).toBeNull();
    expect(dueState('2026-01-01', '2026-01-02')).toBe('overdue');
    expect(dueState('2026-01-10', '2026-01-02')).toBe('due');
    expect(dueState('2026-03-10', '2026-01-02')).toBeNull();
  });
});

describe('flags', () => {
  const st = (status: string, versionKey = 'v1') => ({ status, versionKey, effectiveDate: '' });
  it('revision, a new version, revocation and supersession flag; the first sight does not', () => {
    expect(flagReason(null, st('approved'))).toBeNull();
    expect(flagReason(st('approved'), st('draft'))).toBe('revised');
    expect(flagReason(st('approved'), st('in_review'))).toBe('revised');
    expect(flagReason(st('draft'), st('approved', 'v2'))).toBe('approved');
    expect(flagReason(st('draft', ''), st('approved', 'v1'))).toBeNull();
    expect(flagReason(st('approved'), st('revoked'))).toBe('revoked');
    expect(flagReason(st('approved'), st('superseded'))).toBe('superseded');
    expect(flagReason(st('draft'), st('in_review'))).toBeNull();
    expect(flagReason(st('approved'), st('approved'))).toBeNull();
  });
});

describe('evaluation', () => {
  it('names every criterion without a Ya/Tidak answer; scores the Ya answers', () => {
    expect(missingCriteria({})).toEqual([...CRITERIA]);
    expect(missingCriteria({ performance: { met: false }, synergy: { comment: 'x' } })).toEqual(
      CRITERIA.filter((c) => c !== 'performance'),
    );
    const all = Object.fromEntries(
      CRITERIA.map((c, i) => [c, { met: i % 2 === 0, comment: '' }]),
    ) as Record<Criterion, CriterionAnswer>;
    expect(missingCriteria(all)).toEqual([]);
    expect(scoreOf(all)).toBe(4);
  });
});

describe('link graph', () => {
  it('draws a cycle: every node a clickable box, every link an arrow, no overlap', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id, i) => ({
      id,
      number: `SOP/${i}`,
      name: `SOP ${id}`,
      status: 'approved',
      hop: i === 0 ? 0 : i < 3 ? 1 : 2,
    }));
    const edges = [
      { from: 'a', to: 'b', type: 'follow-on' as const, flagged: false },
      { from: 'b', to: 'a', type: 'related' as const, flagged: true },
      { from: 'b', to: 'c', type: 'follow-on' as const, flagged: false },
      { from: 'c', to: 'a', type: 'follow-on' as const, flagged: false },
      { from: 'c', to: 'd', type: 'prerequisite' as const, flagged: false },
    ];
    const g = drawGraph({ nodes, edges });
    const rects = g.ops.filter((o) => o.op === 'rect');
    expect(rects.map((r) => (r.op === 'rect' ? r.stepId : ''))).toEqual(['a', 'b', 'c', 'd']);
    expect(g.ops.filter((o) => o.op === 'polyline')).toHaveLength(5);
    const boxes = [...g.boxes.values()];
    for (const [i, p] of boxes.entries())
      for (const q of boxes.slice(i + 1))
        expect(p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y).toBe(
          true,
        );
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y + b.h).toBeLessThanOrEqual(g.height);
    }
    // The two opposite links a⇄b are drawn apart.
    const lines = g.ops.filter((o) => o.op === 'polyline');
    expect(lines[0]).not.toEqual(lines[1]);
    expect(g.ops.some((o) => o.op === 'text' && o.text === 'related (!)')).toBe(true);
  });
});

describe('copies of a monitoring record', () => {
  const record = (rev: number | undefined, note: string): MonitoringRecord => ({
    id: 'r1',
    sopId: 's1',
    status: 'open',
    steps: [{ stepId: 'a', no: 1, activity: 'Menerima' }],
    entries: {
      a: {
        stepId: 'a',
        assessment: 'poor',
        note,
        action: '',
        checkedBy: { id: 'u', name: 'Budi' },
        at: '2026-12-01T00:00:00.000Z',
      },
    },
    createdAt: '2026-12-01T00:00:00.000Z',
    createdBy: { id: 'u', name: 'Budi' },
    closedAt: null,
    closedBy: null,
    ...(rev === undefined ? {} : { rev }),
  });

  it('an open form keeps the newer copy, whichever arrives last', () => {
    const v1 = record(1, 'first');
    const v2 = record(2, 'second');
    expect(newerRecord(null, v1)).toBe(v1);
    expect(newerRecord(v1, v2)).toBe(v2);
    // The save's answer (rev 1) after the mirror brought rev 2: still rev 2.
    expect(newerRecord(v2, v1)).toBe(v2);
    // The same rev: the incoming copy (the same stored state).
    const again = record(2, 'second');
    expect(newerRecord(v2, again)).toBe(again);
    // Records stored before `rev` read as rev 0.
    expect(newerRecord(record(undefined, 'old'), v1)).toBe(v1);
    expect(newerRecord(v1, record(undefined, 'old'))).toBe(v1);
  });

  it('the live mirror is never set back to an older copy', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>(LIVE_MAP);
    const entriesNote = () =>
      (map.get(liveKey('r1')) as Pick<MonitoringRecord, 'entries'>).entries.a?.note;
    setLiveCopy(map, record(1, 'first'));
    expect(entriesNote()).toBe('first');
    setLiveCopy(map, record(3, 'third'));
    expect(entriesNote()).toBe('third');
    // The mirror of rev 2 finishing after rev 3's: ignored.
    setLiveCopy(map, record(2, 'second'));
    expect(entriesNote()).toBe('third');
    expect((map.get(liveKey('r1')) as { rev: number }).rev).toBe(3);
    // A record stored before `rev` (rev 0) replaces a copy without one.
    const other = doc.getMap<unknown>('other');
    other.set(liveKey('r1'), { status: 'open', entries: {} });
    setLiveCopy(other, record(undefined, 'old'));
    expect((other.get(liveKey('r1')) as { rev: number }).rev).toBe(0);
  });
});
