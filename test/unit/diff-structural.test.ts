/**
 * Rules (issue 16, structural diff — shared/model/diff.ts):
 * - D1 the diff is complete: applying its changes to the old snapshot gives the new one
 *   (identity, pelaksana, steps with their ids and order, narrative), on seeded random
 *   pairs of versions (edits, moves, deletes, adds; the seed is printed on failure);
 * - D2 steps are matched by id: a moved and edited step is reported as moved AND
 *   changed, never as removed + added; one step moved far is one move (LCS), not a
 *   shift of every step in between;
 * - D3 word diffs rebuild both texts exactly;
 * - D4 restoring a snapshot into a live document (shared/model/diffRestore.ts) makes its
 *   content equal to the snapshot, as one update that another replica applies the same
 *   way, and keeps untouched entries' order keys.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  diffSnapshots,
  narrativeText,
  type SopDiff,
  stepMarks,
  summarizeDiff,
} from '../../shared/model/diff.js';
import { restoreSnapshot } from '../../shared/model/diffRestore.js';
import { sideOf, wordDiff } from '../../shared/model/diffText.js';
import {
  createSop,
  fromSnapshot,
  ModelError,
  paragraphs,
  SopDoc,
  type SopSnapshot,
  type Step,
  toSnapshot,
} from '../../shared/model/index.js';
import { randomOp, rng } from './model-fuzzOps.js';

type Content = Pick<SopSnapshot, 'identity' | 'actors' | 'steps' | 'narrative'>;
const content = (s: SopSnapshot): Content => ({
  identity: s.identity,
  actors: s.actors,
  steps: s.steps,
  narrative: s.narrative,
});

/** Places `inserted` ids (each after its anchor, null = first) into `order`. */
function place(
  order: string[],
  after: Record<string, string | null>,
  inserted: string[],
): string[] {
  const out = [...order];
  const pending = new Set(inserted);
  while (pending.size > 0) {
    let progress = false;
    for (const id of [...pending]) {
      const a = after[id];
      if (a === undefined) throw new Error(`no anchor for ${id}`);
      if (a !== null && !out.includes(a)) continue;
      out.splice(a === null ? 0 : out.indexOf(a) + 1, 0, id);
      pending.delete(id);
      progress = true;
    }
    if (!progress) throw new Error(`anchors never placed: ${[...pending].join(', ')}`);
  }
  return out;
}

/** Rebuilds the new content from the old one and the diff (the test's oracle for D1). */
function applyDiff(from: SopSnapshot, d: SopDiff): Content {
  const identity = structuredClone(from.identity) as unknown as Record<string, unknown> & {
    approvedBy: Record<string, string>;
  };
  for (const c of d.identity.changed) {
    if (c.field.startsWith('approvedBy.'))
      identity.approvedBy[c.field.slice('approvedBy.'.length)] = c.to as string;
    else identity[c.field] = structuredClone(c.to);
  }

  const merge = <T extends { id: string }>(
    old: readonly T[],
    part: { removed: string[]; moved: string[]; after: Record<string, string | null> },
    added: T[],
    change: (x: T) => T,
  ): T[] => {
    const gone = new Set([...part.removed, ...part.moved]);
    const keep = old.filter((x) => !gone.has(x.id)).map((x) => x.id);
    const byId = new Map<string, T>();
    for (const x of old)
      if (!part.removed.includes(x.id)) byId.set(x.id, change(structuredClone(x)));
    for (const x of added) byId.set(x.id, structuredClone(x));
    const order = place(keep, part.after, [...added.map((x) => x.id), ...part.moved]);
    return order.map((id) => byId.get(id) as T);
  };

  const stepChanges = new Map(d.steps.changed.map((c) => [c.id, c]));
  const steps = merge(from.steps, d.steps, d.steps.addedSteps, (s: Step) => {
    const c = stepChanges.get(s.id);
    for (const ch of c?.changes ?? [])
      (s as unknown as Record<string, unknown>)[ch.field] = structuredClone(ch.to);
    return s;
  });
  const renames = new Map(d.actors.renamed.map((r) => [r.id, r.to]));
  const actors = merge(from.actors, d.actors, d.actors.addedActors, (a) => ({
    ...a,
    name: renames.get(a.id) ?? a.name,
  }));
  const sections = new Map(d.narrative.changed.map((c) => [c.key, c.content]));
  const asItems = (xs: SopSnapshot['narrative']) => xs.map((s) => ({ id: s.key, s }));
  const narrative = merge(
    asItems(from.narrative),
    d.narrative,
    asItems(d.narrative.addedSections),
    (x) => ({ id: x.id, s: { key: x.s.key, content: sections.get(x.id) ?? x.s.content } }),
  ).map((x) => x.s);
  return { identity: identity as unknown as SopSnapshot['identity'], actors, steps, narrative };
}

/** A pair of versions: the sample SOP, then `ops` random edits through the model. */
function versionPair(seed: number, ops: number) {
  const rand = rng(seed);
  const doc = createSop('sample', { now: new Date('2026-11-01T00:00:00Z') });
  const sop = new SopDoc(doc, { random: rand });
  const from = sop.toSnapshot();
  const track = { created: new Set<string>(), deleted: new Set<string>() };
  for (let i = 0; i < ops; i++) {
    try {
      randomOp(sop, rand, track);
    } catch (e) {
      // (e.g. deleting a pelaksana still in use without reassigning: refused, as in the editor)
      if (!(e instanceof ModelError)) throw e;
    }
  }
  const to = sop.toSnapshot();
  sop.destroy();
  return { doc, from, to, rand };
}

function withSeed(seed: number, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error(`structural diff failure: seed=${seed}`);
    throw e;
  }
}

describe('structural diff (D1: applying the diff to the old version gives the new one)', () => {
  const base = Number(process.env.SUSUN_FUZZ_SEED ?? Date.now() % 100_000);
  const runs = Number(process.env.SUSUN_FUZZ_RUNS ?? 40);
  it(`seeds ${base}..${base + runs - 1}: random edits, moves, deletes and adds`, () => {
    for (let k = 0; k < runs; k++) {
      const seed = base + k;
      withSeed(seed, () => {
        const { doc, from, to } = versionPair(seed, 5 + (seed % 60));
        const d = diffSnapshots(from, to);
        expect(applyDiff(from, d)).toEqual(content(to));
        // and the other way round
        expect(applyDiff(to, diffSnapshots(to, from))).toEqual(content(from));
        // plain JSON (the compare endpoint answers it as it is)
        expect(JSON.parse(JSON.stringify(d))).toEqual(d);
        doc.destroy();
      });
    }
  });

  it('fixed seed 7: a long editing session', () => {
    withSeed(7, () => {
      const { from, to } = versionPair(7, 400);
      expect(applyDiff(from, diffSnapshots(from, to))).toEqual(content(to));
    });
  });

  it('two equal versions have an empty diff', () => {
    const doc = createSop('sample');
    const s = toSnapshot(doc);
    const sum = summarizeDiff(diffSnapshots(s, structuredClone(s)));
    expect(sum).toEqual({
      steps: { added: 0, removed: 0, moved: 0, changed: 0 },
      actors: 0,
      identity: 0,
      narrative: 0,
    });
  });
});

describe('steps are matched by id (D2)', () => {
  function sample() {
    const doc = createSop('sample', { now: new Date('2026-11-01T00:00:00Z') });
    return { doc, sop: new SopDoc(doc) };
  }

  it('a moved and edited step is moved and changed, not removed and added', () => {
    const { sop } = sample();
    const from = sop.toSnapshot();
    const ids = sop.steps.ids();
    const id = ids[2] as string;
    sop.steps.move(id, { after: ids[8] as string });
    sop.steps.set(id, 'activity', 'Memeriksa arsip yang rusak karena banjir');
    const d = diffSnapshots(from, sop.toSnapshot());
    expect(d.steps.added).toEqual([]);
    expect(d.steps.removed).toEqual([]);
    expect(d.steps.moved).toEqual([id]);
    expect(d.steps.changed).toEqual([expect.objectContaining({ id, fields: ['activity'] })]);
    expect(stepMarks(d.steps).get(id)).toEqual({ mark: 'changed', moved: true });
  });

  it('one step moved far is one move, whatever the steps in between', () => {
    const { sop } = sample();
    const from = sop.toSnapshot();
    const ids = sop.steps.ids();
    sop.steps.move(ids[1] as string, { after: ids[12] as string });
    const d = diffSnapshots(from, sop.toSnapshot());
    expect(d.steps.moved).toEqual([ids[1]]);
    expect(d.steps.after).toEqual({ [ids[1] as string]: ids[12] });
    expect(d.steps.changed).toEqual([]);
  });

  it('reports added, removed, changed fields with word diffs, and a summary', () => {
    const { sop } = sample();
    const from = sop.toSnapshot();
    const ids = sop.steps.ids();
    const third = ids[2] as string;
    const before = sop.steps.get(third)?.activity ?? '';
    sop.steps.set(third, 'activity', `${before} segera`);
    sop.steps.setTime(third, { amount: 7 });
    const added = sop.steps.insertAfter(ids[4] as string, { activity: 'Langkah baru' });
    // (a step no decision points at: deleting a target also clears that exit, a change)
    const gone = ids.find((x, i) => i > 5 && !from.steps.some((s) => s.yes === x || s.no === x));
    sop.steps.delete(gone as string);
    sop.actors.rename(sop.actors.ids()[0] as string, 'Petugas Uji Coba');
    sop.identity.set('name', 'Nama baru SOP');
    sop.narrative.setJSON('purpose', paragraphs('Tujuan yang baru.'));
    const d = diffSnapshots(from, sop.toSnapshot());
    expect(d.steps.added).toEqual([added]);
    expect(d.steps.addedSteps[0]).toMatchObject({ id: added, activity: 'Langkah baru' });
    expect(d.steps.removed).toEqual([gone]);
    const c = d.steps.changed.find((x) => x.id === third);
    expect(c?.fields).toEqual(['activity', 'time']);
    const words = c?.changes.find((x) => x.field === 'activity')?.words ?? [];
    expect(words.filter((w) => w.op !== 'eq')).toEqual([{ op: 'ins', text: ' segera' }]);
    expect(d.actors.renamed[0]?.to).toBe('Petugas Uji Coba');
    expect(d.identity.changed.map((x) => x.field)).toEqual(['name']);
    expect(d.narrative.changed.map((x) => x.key)).toEqual(['purpose']);
    expect(d.narrative.changed[0]?.to).toBe('Tujuan yang baru.');
    expect(summarizeDiff(d)).toEqual({
      steps: { added: 1, removed: 1, moved: 0, changed: 1 },
      actors: 1,
      identity: 1,
      narrative: 1,
    });
  });
});

describe('word diff (D3)', () => {
  it('rebuilds both sides exactly, on random texts', () => {
    const rand = rng(11);
    const words = ['arsip', 'rusak', ' ', '  ', '\n', 'banjir,', 'é', '😀', 'dan', '.'];
    for (let i = 0; i < 300; i++) {
      const text = () =>
        Array.from(
          { length: Math.floor(rand() * 12) },
          () => words[Math.floor(rand() * words.length)],
        ).join('');
      const a = text();
      const b = text();
      const parts = wordDiff(a, b);
      expect(sideOf(parts, 'from')).toBe(a);
      expect(sideOf(parts, 'to')).toBe(b);
    }
  });

  it('marks whole words', () => {
    expect(wordDiff('Arsip dipindai hari ini', 'Arsip dipilah hari ini')).toEqual([
      { op: 'eq', text: 'Arsip ' },
      { op: 'del', text: 'dipindai' },
      { op: 'ins', text: 'dipilah' },
      { op: 'eq', text: ' hari ini' },
    ]);
  });

  it('reads narrative as lines of text', () => {
    expect(
      narrativeText({
        type: 'doc',
        content: [
          { type: 'heading', content: [{ type: 'text', text: 'Judul' }] },
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'satu' }] }],
              },
              {
                type: 'listItem',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'dua' }] }],
              },
            ],
          },
        ],
      }),
    ).toBe('Judul\nsatu\ndua');
  });
});

describe('restoring a snapshot into a live document (D4)', () => {
  it('makes the content equal, as one update another replica applies alike (seeded)', () => {
    const base = Number(process.env.SUSUN_FUZZ_SEED ?? Date.now() % 100_000);
    for (let k = 0; k < 20; k++) {
      const seed = base + k;
      withSeed(seed, () => {
        const { doc, from, rand } = versionPair(seed, 10 + (seed % 50));
        const replica = new Y.Doc();
        Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        const sop = new SopDoc(doc, { random: rand });
        restoreSnapshot(sop, from, rand);
        sop.destroy();
        expect(content(toSnapshot(doc))).toEqual(content(from));
        expect(updates.length).toBeLessThanOrEqual(1);
        for (const u of updates) Y.applyUpdate(replica, u);
        expect(content(toSnapshot(replica))).toEqual(content(from));
        // and back again: the restore itself can be undone the same way
        const sop2 = new SopDoc(doc, { random: rand });
        const again = versionPair(seed, 10 + (seed % 50)).to;
        restoreSnapshot(sop2, again, rand);
        expect(content(toSnapshot(doc))).toEqual(content(again));
        sop2.destroy();
        doc.destroy();
        replica.destroy();
      });
    }
  });

  it('restores into a document that shares nothing with the version (other ids)', () => {
    const target = toSnapshot(createSop('sample', { now: new Date('2026-11-01T00:00:00Z') }));
    const doc = createSop('international');
    const sop = new SopDoc(doc);
    restoreSnapshot(sop, target);
    expect(content(sop.toSnapshot())).toEqual(content(target));
    // restoring an equal snapshot changes nothing
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    restoreSnapshot(sop, target);
    expect(updates).toEqual([]);
  });

  it('keeps the order keys of steps that stay in place', () => {
    const doc = createSop('sample', { now: new Date('2026-11-01T00:00:00Z') });
    const sop = new SopDoc(doc);
    const from = sop.toSnapshot();
    const ids = sop.steps.ids();
    const keyOf = (id: string) => sop.steps.col.entry(id)?.get('order');
    const keys = ids.map(keyOf);
    sop.steps.move(ids[3] as string, { after: ids[10] as string });
    sop.steps.set(ids[5] as string, 'notes', 'catatan');
    restoreSnapshot(sop, from);
    expect(sop.steps.ids()).toEqual(ids);
    ids.forEach((id, i) => {
      if (i !== 3) expect(keyOf(id)).toBe(keys[i]);
    });
    expect(fromSnapshot(from)).toBeTruthy();
  });
});
