/** Targeted rules of the model's operations under concurrency (issue 3, "Targeted"). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createUndoManager,
  fromSnapshot,
  ModelError,
  Origin,
  paragraphs,
  SopDoc,
  templateSnapshot,
  toSnapshot,
} from '../../shared/model/index.js';
import { root } from '../../shared/model/layout.js';
import { syncPair } from './model-fuzzNet.js';
import { rng } from './model-fuzzOps.js';

/** Two replicas of one doc holding a start, three steps and an end, two actors. */
function pair() {
  const a = new SopDoc(new Y.Doc(), { random: rng(1) });
  const actor = a.actors.add('Arsiparis');
  const other = a.actors.add('Kepala Bidang');
  const ids: string[] = [];
  let prev: string | null = null;
  for (const activity of ['Mulai', 'Satu', 'Dua', 'Tiga', 'Selesai']) {
    prev = a.steps.insertAfter(prev, { activity, actorId: actor });
    ids.push(prev);
  }
  const b = new SopDoc(new Y.Doc(), { random: rng(2) });
  syncPair(a.doc, b.doc);
  return { a, b, ids: ids as [string, string, string, string, string], actor, other };
}

const activities = (s: SopDoc) => s.steps.list().map((x) => x.activity);

describe('order under concurrency', () => {
  it('two users moving the same step at once leave exactly one copy', () => {
    const { a, b, ids } = pair();
    a.steps.move(ids[1], { after: ids[3] });
    b.steps.move(ids[1], { before: ids[0] });
    syncPair(a.doc, b.doc);
    expect(activities(a)).toEqual(activities(b));
    expect(a.steps.ids()).toHaveLength(5);
    expect(activities(a).filter((x) => x === 'Satu')).toHaveLength(1);
    expect([
      ['Mulai', 'Dua', 'Tiga', 'Satu', 'Selesai'],
      ['Satu', 'Mulai', 'Dua', 'Tiga', 'Selesai'],
    ]).toContainEqual(activities(a));
  });

  it('concurrent inserts at the same place both survive with distinct keys, stable order', () => {
    const { a, b, ids } = pair();
    const x = a.steps.insertAfter(ids[1], { activity: 'A' });
    const y = b.steps.insertAfter(ids[1], { activity: 'B' });
    syncPair(a.doc, b.doc);
    expect(a.steps.ids()).toEqual(b.steps.ids());
    const order = a.steps.ids();
    expect(order.indexOf(x)).toBeGreaterThan(order.indexOf(ids[1]));
    expect(order.indexOf(y)).toBeGreaterThan(order.indexOf(ids[1]));
    expect(Math.max(order.indexOf(x), order.indexOf(y))).toBeLessThan(order.indexOf(ids[2]));
    const keys = [...root.steps(a.doc).values()].map((m) => m.get('order'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('inserting into a run of colliding keys re-keys it deterministically', () => {
    const { a, ids } = pair();
    const steps = root.steps(a.doc);
    a.transact(() => steps.get(ids[3])?.set('order', steps.get(ids[2])?.get('order')));
    const before = a.steps.ids(); // Dua and Tiga now tie; the id decides
    const firstOfRun = before[2] as string;
    const z = a.steps.insertAfter(firstOfRun, { activity: 'Z' });
    expect(a.steps.ids()).toEqual([...before.slice(0, 3), z, ...before.slice(3)]);
    const keys = [...root.steps(a.doc).values()].map((m) => m.get('order'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('text cells', () => {
  it('two users typing in one cell keep both texts', () => {
    const { a, b, ids } = pair();
    a.steps.set(ids[1], 'activity', 'Satu arsip');
    b.steps.set(ids[1], 'activity', 'Langkah Satu');
    syncPair(a.doc, b.doc);
    const text = a.steps.get(ids[1])?.activity;
    expect(text).toBe(b.steps.get(ids[1])?.activity);
    expect(text).toContain('Langkah ');
    expect(text).toContain(' arsip');
  });

  it('a minimal-diff edit always yields exactly the new value (emoji, flags included)', () => {
    const rand = rng(7);
    const alphabet = ['a', 'b', '😀', 'é', ' ', '🇮🇩'];
    const word = () =>
      Array.from(
        { length: Math.floor(rand() * 8) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join('');
    const { a, ids } = pair();
    for (let i = 0; i < 300; i++) {
      const value = word();
      a.steps.set(ids[0], 'notes', value);
      expect(a.steps.text(ids[0], 'notes').toString()).toBe(value);
    }
  });

  it('undo of A reverts only A and leaves B’s edit', () => {
    const { a, b, ids } = pair();
    const undoA = createUndoManager(a);
    a.steps.set(ids[2], 'notes', 'catatan A');
    undoA.stopCapturing();
    a.steps.move(ids[3], { after: null });
    syncPair(a.doc, b.doc);
    b.steps.set(ids[2], 'activity', 'Dua oleh B');
    b.identity.set('name', 'Nama dari B');
    syncPair(a.doc, b.doc);
    undoA.undo(); // the move
    undoA.undo(); // the note
    syncPair(a.doc, b.doc);
    for (const s of [a, b]) {
      expect(s.steps.get(ids[2])?.notes).toBe('');
      expect(s.steps.get(ids[2])?.activity).toBe('Dua oleh B');
      expect(s.identity.get().name).toBe('Nama dari B');
      expect(activities(s)).toEqual(['Mulai', 'Satu', 'Dua oleh B', 'Tiga', 'Selesai']);
    }
    expect(undoA.canUndo()).toBe(false);
  });

  it('narrative undo covers sections that arrive after the manager was created', () => {
    const server = new SopDoc(fromSnapshot(templateSnapshot('sop-ap')));
    const b = new SopDoc(new Y.Doc(), { random: rng(3) });
    const undo = createUndoManager(b, { narrative: true });
    syncPair(server.doc, b.doc); // sections arrive with the first sync
    b.narrative.setJSON('scope', paragraphs('Ruang lingkup B'));
    server.narrative.setJSON('purpose', paragraphs('Tujuan server'));
    syncPair(server.doc, b.doc);
    undo.undo();
    expect(b.narrative.getJSON('scope')).toEqual(paragraphs(''));
    expect(b.narrative.getJSON('purpose')).toEqual(paragraphs('Tujuan server'));
    undo.destroy();
  });

  it('undo restores a deleted step together with the branch it cleared', () => {
    const { a, ids } = pair();
    const undo = createUndoManager(a);
    a.steps.setKind(ids[1], 'decision');
    a.steps.setTargets(ids[1], { yes: ids[2], no: ids[3] });
    undo.stopCapturing();
    a.steps.delete(ids[3]);
    expect(a.steps.get(ids[1])?.no).toBeNull();
    undo.undo();
    expect(a.steps.get(ids[1])?.no).toBe(ids[3]);
    expect(a.steps.get(ids[3])?.activity).toBe('Tiga');
  });
});

describe('steps and actors', () => {
  it('deleting a step clears decision branches pointing at it and reports them', () => {
    const { a, ids } = pair();
    a.steps.setKind(ids[1], 'decision');
    a.steps.setTargets(ids[1], { yes: ids[2], no: ids[3] });
    expect(a.steps.delete(ids[3])).toEqual({ clearedBranches: [{ stepId: ids[1], branch: 'no' }] });
    expect(a.steps.get(ids[1])).toMatchObject({ yes: ids[2], no: null });
  });

  it('refuses bad targets with typed errors; leaving decision clears exits', () => {
    const { a, ids } = pair();
    expect(() => a.steps.setTargets(ids[1], { yes: ids[2] })).toThrow(ModelError);
    a.steps.setKind(ids[1], 'decision');
    expect(() => a.steps.setTargets(ids[1], { yes: ids[1] })).toThrowError(/itself/);
    expect(() => a.steps.setTargets(ids[1], { yes: 'nope' })).toThrowError(/no step/);
    a.steps.setTargets(ids[1], { yes: ids[2], no: ids[4] });
    a.steps.setKind(ids[1], 'process');
    expect(a.steps.get(ids[1])).toMatchObject({ kind: 'process', yes: null, no: null });
  });

  it('deleting an actor in use is refused unless reassigned', () => {
    const { a, actor, other, ids } = pair();
    let err: unknown;
    try {
      a.actors.delete(actor);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).code).toBe('actor-in-use');
    expect((err as ModelError).details.stepIds).toHaveLength(5);
    expect(a.actors.list()).toHaveLength(2);
    expect(a.actors.delete(actor, { reassignTo: other }).reassignedSteps.sort()).toEqual(
      [...ids].sort(),
    );
    expect(a.steps.list().every((s) => s.actorId === other)).toBe(true);
    expect(a.actors.list().map((x) => x.name)).toEqual(['Kepala Bidang']);
    const unused = a.actors.add('Pengelola Arsip', { after: null });
    expect(a.actors.list()[0]?.id).toBe(unused);
    expect(a.actors.delete(unused)).toEqual({ reassignedSteps: [] });
  });

  it('repair clears references left dangling by concurrent deletes', () => {
    const { a, b, ids, other } = pair();
    a.steps.setKind(ids[1], 'decision');
    syncPair(a.doc, b.doc);
    a.steps.setTargets(ids[1], { yes: ids[3] });
    a.steps.setActor(ids[2], other);
    b.steps.delete(ids[3]);
    b.actors.delete(other);
    syncPair(a.doc, b.doc);
    expect(a.steps.get(ids[1])?.yes).toBe(ids[3]);
    const report = b.repair();
    expect(report).toEqual({
      clearedBranches: [{ stepId: ids[1], branch: 'yes' }],
      clearedActors: [ids[2]],
    });
    syncPair(a.doc, b.doc);
    expect(toSnapshot(a.doc)).toEqual(toSnapshot(b.doc));
    expect(a.steps.get(ids[1])?.yes).toBeNull();
  });
});

describe('kind and exits under concurrency', () => {
  it('exits set while another user turned the decision into a process are hidden, then repaired', () => {
    const { a, b, ids } = pair();
    a.steps.setKind(ids[1], 'decision');
    syncPair(a.doc, b.doc);
    a.steps.setTargets(ids[1], { yes: ids[2], no: ids[3] });
    b.steps.setKind(ids[1], 'process');
    syncPair(a.doc, b.doc);
    expect(a.steps.get(ids[1])).toMatchObject({ kind: 'process', yes: null, no: null });
    expect(a.repair().clearedBranches).toHaveLength(2);
    syncPair(a.doc, b.doc);
    expect(root.steps(b.doc).get(ids[1])?.get('yes')).toBeNull();
  });
});

describe('subscriptions', () => {
  it('typing in a cell notifies only that step; moving notifies only the order', () => {
    const { a, b, ids } = pair();
    const calls: string[] = [];
    a.steps.observeOrder(() => calls.push('order'));
    for (const id of ids) a.steps.observe(id, () => calls.push(id));
    const before = ids.map((id) => a.steps.get(id));
    const idsBefore = a.steps.ids();
    b.steps.set(ids[2], 'output', 'Berita acara');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), Origin.remote);
    expect(calls).toEqual([ids[2]]);
    expect(a.steps.ids()).toBe(idsBefore);
    ids.forEach((id, i) => {
      if (i === 2) expect(a.steps.get(id)).not.toBe(before[i]);
      else expect(a.steps.get(id)).toBe(before[i]);
    });
    calls.length = 0;
    a.steps.move(ids[4], { after: null });
    expect(calls).toEqual(['order']);
    expect(a.steps.ids()[0]).toBe(ids[4]);
  });

  it('identity and list boxes: memoized get, list item add/move/remove', () => {
    const { a } = pair();
    let n = 0;
    a.identity.observe(() => n++);
    const first = a.identity.get();
    expect(a.identity.get()).toBe(first);
    const box = a.identity.list('relatedSops');
    const x = box.add('SOP/1 Lanjutan', undefined, 'follow-on');
    const y = box.add('SOP/2 Prasyarat', { after: null }, 'prerequisite');
    box.move(x, { after: null });
    box.set(y, 'SOP/2 Prasyarat baru');
    expect(a.identity.get().relatedSops).toEqual([
      { type: 'follow-on', text: 'SOP/1 Lanjutan' },
      { type: 'prerequisite', text: 'SOP/2 Prasyarat baru' },
    ]);
    box.remove(x);
    a.identity.setApprover('nip', '1972');
    expect(a.identity.get().relatedSops).toHaveLength(1);
    expect(a.identity.get().approvedBy.nip).toBe('1972');
    expect(n).toBe(6);
  });
});
