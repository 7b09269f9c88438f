/** Rules: validation problems with locations, the flow graph, total time, message catalogue. */
import { describe, expect, it } from 'vitest';
import {
  flowGraph,
  formatModelError,
  formatProblem,
  ModelError,
  type ProblemCode,
  type SopSnapshot,
  type Step,
  templateSnapshot,
  totalTime,
  validate,
  validationMessages,
} from '../../shared/model/index.js';

const sample = (): SopSnapshot =>
  templateSnapshot('sample', { now: new Date('2026-01-01T00:00:00Z') });
const step = (s: SopSnapshot, id: string): Step => s.steps.find((x) => x.id === id) as Step;
const codes = (s: SopSnapshot) => validate(s).map((p) => p.code);

describe('flowGraph', () => {
  it('on the sample: sequence arrows, labelled decision exits, ends have no exit', () => {
    const g = flowGraph(sample());
    expect(g.nodes).toHaveLength(15);
    expect(g.nodes[0]).toEqual({
      id: 's01',
      kind: 'terminator',
      actorId: 'a_pengelola',
      row: 0,
      terminal: 'start',
    });
    expect(g.nodes[14]?.terminal).toBe('end');
    const from = (id: string) => g.edges.filter((e) => e.from === id);
    expect(from('s01')).toEqual([{ from: 's01', to: 's02', branch: null, label: null }]);
    expect(from('s05')).toEqual([
      { from: 's05', to: 's07', branch: 'yes', label: 'Ya' },
      { from: 's05', to: 's06', branch: 'no', label: 'Tidak' },
    ]);
    expect(from('s13').map((e) => [e.to, e.label])).toEqual([
      ['s14', 'Ya'],
      ['s12', 'Tidak'],
    ]);
    expect(from('s15')).toEqual([]);
    // 15 rows − 3 decisions − 1 end = 11 sequence arrows, plus 2 exits per decision
    expect(g.edges.filter((e) => e.label === null)).toHaveLength(11);
    expect(g.edges.filter((e) => e.label !== null)).toHaveLength(6);
  });

  it('skips exits to missing steps and stops at a mid-procedure end terminator', () => {
    const s = sample();
    step(s, 's05').no = 'gone';
    step(s, 's09').kind = 'terminator';
    const g = flowGraph(s);
    expect(g.edges.filter((e) => e.from === 's05').map((e) => e.to)).toEqual(['s07']);
    expect(g.edges.filter((e) => e.from === 's09')).toEqual([]);
  });
});

describe('totalTime', () => {
  it('sums per unit and normalises with 8-hour days, 5-day weeks, 20-day months', () => {
    const t = totalTime(sample());
    expect(t.perUnit).toEqual({ minute: 75, hour: 12, day: 9, week: 0, month: 0, year: 0 });
    expect(t.minutes).toBe(75 + 12 * 60 + 9 * 8 * 60);
    const s = sample();
    s.steps = s.steps.slice(0, 4);
    step(s, 's02').time = { amount: 1, unit: 'week' };
    step(s, 's03').time = { amount: 1, unit: 'month' };
    step(s, 's04').time = { amount: null, unit: 'year' };
    expect(totalTime(s)).toMatchObject({ minutes: 30 + 2400 + 9600, missing: ['s04'] });
  });
});

describe('validate', () => {
  it('the blank template reports what a new SOP lacks, with locations', () => {
    const problems = validate(templateSnapshot('sop-ap'));
    expect(problems[0]).toEqual({
      code: 'missing-name',
      severity: 'error',
      location: { section: 'identity', field: 'name' },
      params: {},
    });
    expect(problems.map((p) => p.code)).toEqual([
      'missing-name',
      'missing-identity-field',
      'missing-identity-field',
      'missing-identity-field',
      'missing-identity-field',
      'no-actors',
      'step-no-actor',
      'step-no-actor',
    ]);
  });

  it('crafted problems in steps and actors', () => {
    const s = sample();
    step(s, 's05').yes = null;
    step(s, 's10').no = 's10';
    step(s, 's13').yes = 'deleted-step';
    step(s, 's02').actorId = null;
    step(s, 's03').actorId = 'a_gone';
    step(s, 's04').activity = '  ';
    step(s, 's06').time.amount = 0;
    step(s, 's07').time.amount = null;
    s.actors.push({ id: 'a_x', name: 'arsiparis' });
    s.identity.effectiveDate = '16-03-2026';
    s.identity.relatedSops.push({ type: 'related', text: 'SOP/DPK/2026/014 (diri sendiri)' });
    const byCode = (c: ProblemCode) => validate(s).filter((p) => p.code === c);
    expect(byCode('decision-missing-target')[0]).toMatchObject({
      location: { stepId: 's05', field: 'yes' },
      params: { row: 5, branch: 'yes' },
    });
    expect(byCode('decision-target-self')[0]).toMatchObject({
      location: { stepId: 's10', field: 'no' },
    });
    expect(byCode('dangling-target')[0]).toMatchObject({
      location: { stepId: 's13' },
      params: { target: 'deleted-step' },
    });
    expect(byCode('step-no-actor')[0]?.location.stepId).toBe('s02');
    expect(byCode('unknown-actor')[0]?.location.stepId).toBe('s03');
    expect(byCode('empty-activity')[0]?.location.stepId).toBe('s04');
    expect(byCode('non-positive-time')[0]?.location.stepId).toBe('s06');
    expect(byCode('missing-time')[0]).toMatchObject({
      severity: 'warning',
      location: { stepId: 's07' },
    });
    expect(byCode('actor-unused')[0]?.location.actorId).toBe('a_x');
    expect(byCode('duplicate-actor-name')[0]?.params.name).toBe('arsiparis');
    expect(byCode('invalid-date')[0]?.location.field).toBe('effectiveDate');
    expect(byCode('related-sop-self')[0]?.location.index).toBe(4);
  });

  it('terminators, reachability and empty procedures', () => {
    const s = sample();
    step(s, 's01').kind = 'process';
    step(s, 's15').kind = 'process';
    expect(codes(s)).toEqual(expect.arrayContaining(['no-start-terminator', 'no-end-terminator']));
    const u = sample();
    step(u, 's05').no = 's07'; // nobody reaches s06 any more
    expect(
      validate(u)
        .filter((p) => p.code === 'unreachable-step')
        .map((p) => p.location.stepId),
    ).toEqual(['s06']);
    expect(validate(u).some((p) => p.code === 'decision-same-targets')).toBe(true);
    const e = sample();
    e.steps = [];
    expect(codes(e)).toContain('no-steps');
  });

  it('every code has Indonesian and English text; placeholders are filled', () => {
    for (const m of Object.values(validationMessages)) {
      expect(m.id.length).toBeGreaterThan(5);
      expect(m.en.length).toBeGreaterThan(5);
    }
    const s = sample();
    step(s, 's05').yes = null;
    const p = validate(s).find((x) => x.code === 'decision-missing-target');
    expect(p && formatProblem(p, 'id')).toBe(
      'Keputusan pada langkah 5 belum memiliki tujuan "Ya".',
    );
    expect(p && formatProblem(p, 'en')).toBe('The decision in step 5 has no "Yes" target.');
    const err = new ModelError('actor-in-use', 'x', { stepIds: ['s1', 's2'] });
    expect(formatModelError(err, 'id')).toMatch(/dipakai oleh 2 langkah/);
    const blank = validate(templateSnapshot('sop-ap'));
    expect(formatProblem(blank[1]!, 'id')).toBe('Kolom Nomor SOP belum diisi.');
  });
});
