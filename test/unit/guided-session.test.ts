/**
 * Guided sessions (issue 18) in the discussion document: start at stage 1 with the
 * starter as facilitator and participant, the stage trail and time per stage,
 * timeboxes, decisions and candidates, the end with its open points; refused changes
 * after the end; a replica reads the same sessions; malformed stored values are read
 * defensively.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Author } from '../../shared/discussion/index';
import { GuidedSessions, ROOT_GUIDED, timePerStage } from '../../shared/guided/index';

const ani: Author = { id: 'ani', name: 'Ani', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };

function clocked() {
  let t = 1_000_000;
  let n = 0;
  const doc = new Y.Doc();
  const g = new GuidedSessions(doc, { now: () => t, newId: () => `id${++n}` });
  return { doc, g, tick: (ms: number) => (t += ms) };
}

describe('GuidedSessions', () => {
  it('starts at stage 1 with the starter as facilitator and first participant', () => {
    const { g } = clocked();
    const id = g.start(ani);
    expect(g.active()).toMatchObject({
      id,
      stage: 1,
      facilitator: ani,
      startedBy: ani,
      endedAt: null,
      participants: [{ ...ani, joinedAt: 1_000_000 }],
      trail: [{ stage: 1, at: 1_000_000, by: 'ani' }],
      timeboxes: {},
      decisions: [],
      candidates: [],
      taskFunction: '',
      openPoints: [],
    });
  });

  it('keeps the trail of stages and derives the time spent in each, to now or the end', () => {
    const { g, tick } = clocked();
    const id = g.start(ani);
    tick(60_000);
    g.setStage(id, 2, ani);
    g.setStage(id, 2, ani); // no move, no visit
    tick(300_000);
    g.setStage(id, 4, ani);
    tick(30_000);
    g.setStage(id, 2, ani);
    tick(10_000);
    const s = g.get(id);
    expect(s?.stage).toBe(2);
    expect(s?.trail.map((v) => v.stage)).toEqual([1, 2, 4, 2]);
    expect(timePerStage(s!, 1_000_000 + 400_000 + 5_000)).toEqual({
      1: 60_000,
      2: 300_000 + 10_000 + 5_000,
      3: 0,
      4: 30_000,
      5: 0,
    });
    g.end(id, ani);
    const ended = g.get(id);
    // After the end, the clock stops at the end.
    expect(timePerStage(ended!, 9_999_999_999)[2]).toBe(310_000);
  });

  it('timeboxes, decisions, candidates, task and function, hand-over and join', () => {
    const { g } = clocked();
    const id = g.start(ani);
    g.setTimebox(id, 2, 20);
    g.setTimebox(id, 3, 10);
    g.setTimebox(id, 3, null);
    const d = g.addDecision(id, 1, '  Nama: SOP Surat Masuk ', budi);
    g.addDecision(id, 2, 'Delapan kegiatan', ani);
    g.removeDecision(id, d);
    const c = g.addCandidate(id, 'SOP Surat Masuk', budi);
    g.addCandidate(id, 'SOP Penerimaan Surat', ani);
    g.removeCandidate(id, c);
    g.setTaskFunction(id, 'Persuratan');
    g.join(id, budi);
    g.join(id, budi);
    g.setFacilitator(id, budi);
    const s = g.get(id);
    expect(s?.timeboxes).toEqual({ 2: 20 });
    expect(s?.decisions.map((x) => [x.stage, x.text])).toEqual([[2, 'Delapan kegiatan']]);
    expect(s?.candidates.map((x) => x.name)).toEqual(['SOP Penerimaan Surat']);
    expect(s?.taskFunction).toBe('Persuratan');
    expect(s?.participants.map((p) => p.id)).toEqual(['ani', 'budi']);
    expect(s?.facilitator).toEqual(budi);
    expect(() => g.addDecision(id, 1, '   ', ani)).toThrow(/empty-body/);
  });

  it('ends once, with its open points; an ended session refuses changes; a new one can start', () => {
    const { g } = clocked();
    const id = g.start(ani);
    g.end(id, budi, [{ stage: 2, text: 'Waktu', threadId: 't1' }]);
    g.end(id, ani, []);
    const s = g.get(id);
    expect(s?.endedBy).toEqual(budi);
    expect(s?.openPoints).toEqual([{ stage: 2, text: 'Waktu', threadId: 't1' }]);
    expect(g.active()).toBeUndefined();
    expect(() => g.setStage(id, 3, ani)).toThrow(/session-ended/);
    expect(() => g.addDecision(id, 3, 'x', ani)).toThrow(/session-ended/);
    expect(() => g.join('nope', ani)).toThrow(/unknown-session/);
    const next = g.start(budi);
    expect(g.active()?.id).toBe(next);
  });

  it('another replica reads the same sessions; subscribers hear each change', () => {
    const { doc, g } = clocked();
    const other = new Y.Doc();
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(other, u));
    const mirror = new GuidedSessions(other);
    let heard = 0;
    const off = mirror.subscribe(() => {
      heard += 1;
    });
    const id = g.start(ani);
    g.setStage(id, 3, ani);
    g.addDecision(id, 3, 'Nomor dari Bagian Organisasi', ani);
    expect(mirror.getSnapshot()).toEqual(g.getSnapshot());
    expect(mirror.getSnapshot()).toBe(mirror.getSnapshot());
    expect(heard).toBe(3);
    off();
    mirror.destroy();
  });

  it('reads malformed stored values defensively (a bad entry is skipped, a bad stage reads as 1)', () => {
    const doc = new Y.Doc();
    const root = doc.getMap<unknown>(ROOT_GUIDED);
    root.set('junk', 'not a session');
    const s = new Y.Map<unknown>();
    root.set('s1', s);
    s.set('id', 's1');
    s.set('startedAt', 5);
    s.set('stage', { stage: 9, at: 'x' });
    s.set('trail', new Y.Array());
    (s.get('trail') as Y.Array<unknown>).push([
      { stage: 7, at: 1 },
      null,
      { stage: 2, at: 6, by: 'a' },
    ]);
    const g = new GuidedSessions(doc);
    const [read] = g.getSnapshot();
    expect(g.getSnapshot()).toHaveLength(1);
    expect(read).toMatchObject({ id: 's1', stage: 1, stageAt: 5, endedAt: null, participants: [] });
    expect(read?.trail).toEqual([{ stage: 2, at: 6, by: 'a' }]);
    expect(read?.facilitator).toEqual({ id: '', name: '', colour: '#888888' });
  });
});
