/** Rules: templates, snapshot round trip, import shape check, schema migrations on load. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createSop,
  fromSnapshot,
  migrate,
  Origin,
  parseSnapshot,
  SCHEMA_VERSION,
  type SopSnapshot,
  summarize,
  TEMPLATES,
  templateSnapshot,
  toSnapshot,
  validate,
} from '../../shared/model/index.js';

const NOW = new Date('2026-02-03T04:05:06.000Z');

describe('templates and snapshot round trip', () => {
  for (const t of TEMPLATES) {
    it(`${t}: createSop → toSnapshot equals the template; fromSnapshot round-trips; import accepts it`, () => {
      const snap = toSnapshot(createSop(t, { now: NOW }));
      expect(snap).toEqual(templateSnapshot(t, { now: NOW }));
      expect(snap.meta).toMatchObject({
        schemaVersion: SCHEMA_VERSION,
        template: t,
        createdAt: NOW.toISOString(),
      });
      const json = JSON.parse(JSON.stringify(snap));
      const parsed = parseSnapshot(json);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(toSnapshot(fromSnapshot(parsed.value))).toEqual(snap);
    });
  }

  it('the sample is a complete SOP AP: identity filled, 3–4 actors, ≥12 steps, decisions, no problems', () => {
    const s = toSnapshot(createSop('sample', { now: NOW }));
    expect(s.identity.name).toBe('Perlindungan dan Penyelamatan Arsip');
    for (const f of ['number', 'agency', 'unit', 'createdDate', 'effectiveDate'] as const)
      expect(s.identity[f]).not.toBe('');
    expect(Object.values(s.identity.approvedBy).every(Boolean)).toBe(true);
    expect(s.identity.relatedSops.map((r) => r.type).sort()).toEqual([
      'follow-on',
      'part-of',
      'prerequisite',
      'related',
    ]);
    expect(s.actors.length).toBeGreaterThanOrEqual(3);
    expect(s.actors.length).toBeLessThanOrEqual(4);
    expect(s.steps.length).toBeGreaterThanOrEqual(12);
    expect(s.steps.filter((x) => x.kind === 'decision').length).toBeGreaterThanOrEqual(1);
    expect(s.steps.every((x) => x.activity && x.requirements && x.output && x.time.amount)).toBe(
      true,
    );
    expect(s.narrative.map((n) => n.key)).toEqual(['purpose', 'scope', 'definitions', 'notes']);
    expect(validate(s)).toEqual([]);
  });

  it('international template has the ISO-style sections; name option applies', () => {
    const s = toSnapshot(createSop('international', { name: 'Handling of records', now: NOW }));
    expect(s.narrative.map((n) => n.key)).toEqual([
      'purpose',
      'scope',
      'responsibilities',
      'definitions',
      'procedure',
      'records',
      'references',
    ]);
    expect(s.identity.name).toBe('Handling of records');
    expect(summarize(createSop('sample', { now: NOW }))).toEqual({
      name: 'Perlindungan dan Penyelamatan Arsip',
      number: 'SOP/DPK/2026/014',
      status: 'draft',
      updatedAt: NOW.toISOString(),
      stepCount: 15,
    });
  });
});

describe('parseSnapshot', () => {
  const good = (): SopSnapshot => templateSnapshot('sample', { now: NOW });

  it('lists every problem with its path', () => {
    const bad = good() as unknown as {
      steps: Array<Record<string, unknown>>;
      identity: Record<string, unknown>;
    };
    bad.steps[2] = { ...bad.steps[2], kind: 'circle', time: { amount: 'lima', unit: 'days' } };
    bad.steps[3] = { ...bad.steps[3], id: bad.steps[1]?.id };
    bad.identity.legalBasis = 'UU 43/2009';
    const r = parseSnapshot(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'identity.legalBasis: expected an array, got "UU 43/2009"',
      'steps[2].kind: expected one of terminator, process, decision, got "circle"',
      'steps[2].time.amount: expected a number or null, got "lima"',
      'steps[2].time.unit: expected one of minute, hour, day, week, month, year, got "days"',
      'steps[3].id: duplicate id "s02"',
    ]);
  });

  it('rejects non-objects and deep nesting clearly', () => {
    expect(parseSnapshot(null)).toEqual({ ok: false, errors: ['$: expected an object, got null'] });
    const deep = good();
    let node: { type: string; content?: unknown[] } = { type: 'paragraph' };
    for (let i = 0; i < 60; i++) node = { type: 'blockquote', content: [node] };
    deep.narrative[0] = {
      key: 'purpose',
      content: { type: 'doc', content: [node] } as SopSnapshot['narrative'][0]['content'],
    };
    const r = parseSnapshot(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/nested too deeply/);
  });
});

/** A document as the v0 prototype wrote it: no schemaVersion/status, Waktu as one string. */
function v0Update(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap('meta').set('template', 'sop-ap');
    doc.getText('identity.name').insert(0, 'Penyusutan Arsip');
    const actor = new Y.Map<unknown>();
    actor.set('order', 'a0');
    actor.set('name', new Y.Text('Arsiparis'));
    doc.getMap('actors').set('a1', actor);
    const times = ['15 menit', '2 jam', '1,5 hari', 'segera'];
    times.forEach((time, i) => {
      const step = new Y.Map<unknown>();
      step.set('order', `a${i}`);
      step.set('kind', i === 0 || i === 3 ? 'terminator' : 'process');
      step.set('actorId', 'a1');
      for (const f of ['activity', 'requirements', 'output', 'notes'])
        step.set(f, new Y.Text(`${f} ${i}`));
      step.set('time', time);
      step.set('yes', null);
      step.set('no', null);
      doc.getMap('steps').set(`s${i}`, step);
    });
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('migrations on load', () => {
  it('v0 → v1: Waktu string becomes amount + unit, status and version are set', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, v0Update(), Origin.load);
    expect(migrate(doc)).toEqual({ from: 0, to: SCHEMA_VERSION });
    const s = toSnapshot(doc);
    expect(s.meta).toMatchObject({ schemaVersion: 1, status: 'draft', template: 'sop-ap' });
    expect(s.steps.map((x) => x.time)).toEqual([
      { amount: 15, unit: 'minute' },
      { amount: 2, unit: 'hour' },
      { amount: 1.5, unit: 'day' },
      { amount: null, unit: 'minute' },
    ]);
    expect(migrate(doc)).toEqual({ from: 1, to: 1 }); // idempotent
  });

  it('two servers migrating the same v0 doc concurrently converge', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, v0Update());
    Y.applyUpdate(b, v0Update());
    migrate(a);
    migrate(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(toSnapshot(a)).toEqual(toSnapshot(b));
    expect(toSnapshot(a).steps[1]?.time).toEqual({ amount: 2, unit: 'hour' });
  });

  it('leaves an empty doc alone and refuses a doc from a newer schema', () => {
    const empty = new Y.Doc();
    migrate(empty);
    expect(empty.store.clients.size).toBe(0);
    const newer = createSop('sop-ap');
    newer.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => migrate(newer)).toThrowError(/newer/);
  });
});
