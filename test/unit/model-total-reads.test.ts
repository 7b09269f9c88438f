/**
 * Rule (issue 12 §1, §8): every read of the model is total. Raw Yjs writes of the wrong
 * type under every known key, unknown roots and a 1,000-deep XML chain never make
 * `toSnapshot`, `summarize`, `validate` or `flowGraph` throw; the good entries are kept,
 * the rest is skipped and reported, and the result is plain JSON that imports again.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createSop,
  flowGraph,
  fromSnapshot,
  MAX_RICH_TEXT_DEPTH,
  parseSnapshot,
  type RichTextNode,
  SopDoc,
  summarize,
  toSnapshot,
  validate,
} from '../../shared/model/index.js';

/** Values of every kind a replica can put under a key. */
function oddValues(): unknown[] {
  return [
    'x',
    42,
    Number.NaN,
    true,
    null,
    { order: 5 },
    [1, 2],
    new Uint8Array([1, 2, 3]),
    new Y.Text('text'),
    new Y.Array(),
    new Y.Map(),
    new Y.XmlFragment(),
    new Y.XmlElement('p'),
  ];
}

/** Every `(path, why)` a read reports. */
function collect(): { skips: Array<[string, string]>; onSkip: (p: string, w: string) => void } {
  const skips: Array<[string, string]> = [];
  return { skips, onSkip: (p, w) => skips.push([p, w]) };
}

/** Depth of a rich-text tree (the doc node is 0), iteratively. */
function depthOf(n: RichTextNode): number {
  let max = 0;
  const stack: Array<[RichTextNode, number]> = [[n, 0]];
  while (stack.length) {
    const [x, d] = stack.pop() as [RichTextNode, number];
    max = Math.max(max, d);
    for (const c of x.content ?? []) stack.push([c, d + 1]);
  }
  return max;
}

/** A sample SOP plus hostile raw writes from another replica, merged as an update. */
function hostileDoc(): Y.Doc {
  const doc = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
  const evil = new Y.Doc();
  Y.applyUpdate(evil, Y.encodeStateAsUpdate(doc));
  evil.transact(() => {
    for (const root of ['steps', 'actors', 'list.legalBasis', 'list.relatedSops']) {
      const m = evil.getMap(root);
      // (a Yjs type can be inserted once: fresh values per root)
      for (const [i, v] of oddValues().entries()) m.set(`bogus${i}`, v);
      // an entry whose fields all have the wrong type
      const e = new Y.Map();
      for (const k of ['order', 'kind', 'actorId', 'timeAmount', 'timeUnit', 'yes', 'no'])
        e.set(k, new Y.Map());
      for (const k of ['activity', 'requirements', 'output', 'notes', 'name', 'text', 'type'])
        e.set(k, 7);
      m.set('wrongFields', e);
    }
    const meta = evil.getMap('meta');
    meta.set('schemaVersion', 'one');
    meta.set('status', new Y.Text('approved'));
    meta.set('template', 9);
    meta.set('createdAt', new Uint8Array([1]));
    const index = evil.getMap('narrativeIndex');
    index.set('weird', 'not an object');
    index.set('odd', new Y.Map());
    index.set('deep', { order: 'zz' });
    // narrative content that is not XML, attributes and embeds of every kind
    const frag = evil.getXmlFragment('narrative.purpose');
    const el = new Y.XmlElement('paragraph');
    el.setAttribute('bin', new Uint8Array([1]) as unknown as string);
    el.setAttribute('nested', { a: { b: 1 } } as unknown as string);
    const t = new Y.XmlText();
    t.insert(0, 'kept text', { bold: { deep: { x: 1 } } });
    t.insertEmbed(0, { image: 'x' });
    el.insert(0, [t]);
    frag.insert(frag.length, [el, new Y.Map() as unknown as Y.XmlElement]);
    frag.insert(0, [new Y.XmlHook('hook') as unknown as Y.XmlElement]);
    // 1,000 nested elements with text at the bottom
    const deep = evil.getXmlFragment('narrative.deep');
    let parent: Y.XmlFragment | Y.XmlElement = deep;
    for (let i = 0; i < 1000; i++) {
      const child = new Y.XmlElement(i % 2 ? 'blockquote' : 'section');
      parent.insert(0, [child]);
      parent = child;
    }
    const bottom = new Y.XmlText();
    bottom.insert(0, 'bottom text');
    parent.insert(0, [bottom]);
    // unknown roots, and known roots written as another type
    evil.getMap('bogusRoot').set('a', 1);
    evil.getArray('anotherRoot').push([1]);
    evil.getArray('identity.agency').push(['not text']);
    evil.getText('narrative.scope').insert(0, 'text where XML belongs');
  });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(doc)));
  return doc;
}

describe('total reads of a hostile document', () => {
  it('toSnapshot keeps the good entries, skips and reports the rest', () => {
    const clean = toSnapshot(createSop('sample', { now: new Date('2026-01-01T00:00:00Z') }));
    const doc = hostileDoc();
    const { skips, onSkip } = collect();
    const snap = toSnapshot(doc, { onSkip });
    // the good entries are all there
    expect(snap.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining(clean.steps.map((s) => s.id)),
    );
    expect(snap.actors.map((a) => a.id)).toEqual(
      expect.arrayContaining(clean.actors.map((a) => a.id)),
    );
    expect(snap.identity.name).toBe(clean.identity.name);
    expect(snap.identity.legalBasis).toEqual(expect.arrayContaining(clean.identity.legalBasis));
    // a value that is not an entry is no entry; an entry of wrong fields reads as defaults
    expect(snap.steps.map((s) => s.id)).not.toContain('bogus0');
    expect(snap.steps.find((s) => s.id === 'wrongFields')).toMatchObject({
      kind: 'process',
      activity: '',
      actorId: null,
      time: { amount: null, unit: 'minute' },
    });
    expect(snap.meta).toMatchObject({ schemaVersion: 0, status: 'draft', template: 'sop-ap' });
    // narrative: text kept, the non-XML and the hook left out, the deep chain flattened
    const purpose = JSON.stringify(snap.narrative.find((n) => n.key === 'purpose'));
    expect(purpose).toContain('kept text');
    const deep = snap.narrative.find((n) => n.key === 'deep')?.content;
    expect(deep && depthOf(deep)).toBeLessThanOrEqual(MAX_RICH_TEXT_DEPTH);
    expect(JSON.stringify(deep)).toContain('bottom text');
    // plain JSON, importable again
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const parsed = parseSnapshot(snap);
    expect(parsed.ok).toBe(true);
    // and every problem was reported with its place
    const paths = skips.map(([p]) => p);
    for (const p of ['steps.bogus0', 'actors.bogus1', 'list.legalBasis.bogus2', 'bogusRoot'])
      expect(paths).toContain(p);
    expect(paths).toContain('anotherRoot');
    expect(paths.some((p) => p.startsWith('meta.'))).toBe(true);
    expect(skips.some(([p, w]) => p.startsWith('narrative.deep') && /flattened/.test(w))).toBe(
      true,
    );
    expect(skips.some(([p]) => p.startsWith('narrative.purpose'))).toBe(true);
  });

  it('summarize, validate and flowGraph never throw on it', () => {
    const doc = hostileDoc();
    const s = summarize(doc);
    expect(s.stepCount).toBe(toSnapshot(doc).steps.length);
    expect(s.status).toBe('draft');
    const snap = toSnapshot(doc);
    expect(() => validate(snap)).not.toThrow();
    expect(() => flowGraph(snap)).not.toThrow();
    // validate is total on malformed JSON too (a stored or imported snapshot)
    const broken = JSON.parse(JSON.stringify(snap));
    broken.identity = null;
    broken.steps = [{ id: 'x' }, null];
    const { skips, onSkip } = collect();
    expect(() => validate(broken, { onSkip })).not.toThrow();
    expect(skips.map(([p]) => p)).toEqual(expect.arrayContaining(['identity', 'steps']));
  });

  it('a live SopDoc (the editor) keeps working while bad values arrive and go', () => {
    const doc = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
    const sop = new SopDoc(doc);
    const before = sop.steps.ids().length;
    let changes = 0;
    sop.steps.observeAny(() => changes++);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u));
    remote.getMap('steps').set('bogus', 'x');
    expect(sop.steps.ids()).toHaveLength(before);
    expect(sop.steps.has('bogus')).toBe(false);
    // mutations that walk every entry skip it too
    const id = sop.steps.insertAfter(null, { activity: 'baru' });
    expect(() => sop.steps.delete(id)).not.toThrow();
    expect(() => sop.repair()).not.toThrow();
    remote.getMap('steps').delete('bogus');
    expect(sop.steps.list()).toHaveLength(before);
    expect(changes).toBeGreaterThan(0);
    sop.destroy();
  });

  it('a seeded stream of random raw writes never breaks a read', () => {
    let seed = 12;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const roots = ['meta', 'steps', 'actors', 'list.records', 'narrativeIndex', 'x.y'];
    const keys = ['order', 'kind', 'activity', 'name', 'text', 'status', 'purpose', 's_1', 'k'];
    const doc = createSop('sop-ap', { now: new Date('2026-01-01T00:00:00Z') });
    for (let round = 0; round < 150; round++) {
      const w = new Y.Doc();
      Y.applyUpdate(w, Y.encodeStateAsUpdate(doc));
      const root = pick(roots);
      const target: Y.Map<unknown> =
        rnd() < 0.5
          ? w.getMap(root)
          : ((w.getMap(root).get(pick(keys)) as Y.Map<unknown>) ?? w.getMap(root));
      if (target instanceof Y.Map) target.set(pick(keys), pick(oddValues()));
      if (rnd() < 0.2) {
        const f = w.getXmlFragment(`narrative.${pick(keys)}`);
        let p: Y.XmlFragment | Y.XmlElement = f;
        const n = Math.floor(rnd() * 60);
        for (let i = 0; i < n; i++) {
          const c = new Y.XmlElement(pick(['paragraph', 'x', 'bulletList']));
          p.insert(0, [c]);
          p = c;
        }
      }
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(w, Y.encodeStateVector(doc)));
      const snap = toSnapshot(doc);
      expect(parseSnapshot(JSON.parse(JSON.stringify(snap))).ok, `round ${round}`).toBe(true);
      validate(snap);
      summarize(doc);
      // what a read returns builds a document again (export.json → import)
      fromSnapshot(snap).destroy();
    }
  });
});
