/**
 * "What is still missing" per stage of a guided meeting (issue 18), on the templates and
 * on generated SOPs: validate()'s problems land in the stage that deals with them, the
 * method's own completeness rules add what validate() does not check, stage 5 lists
 * every error, and a valid SOP shows nothing blocking anywhere.
 */
import { describe, expect, it } from 'vitest';
import { completeness, formatMissing, type MissingItem, STAGES } from '../../shared/guided/index';
import { type SopSnapshot, templateSnapshot, validate } from '../../shared/model/index';
import { bigSop } from '../helpers/bigSop';

const codes = (items: MissingItem[]) =>
  items.map((i) => (i.location.field ? `${i.code}:${i.location.field}` : i.code));

describe('completeness on the templates', () => {
  it.each(['sop-ap', 'international'] as const)(
    'blank %s: each stage names what the method still needs',
    (t) => {
      const c = completeness(templateSnapshot(t), { taskFunction: '' });
      expect(codes(c.stages[1].items)).toEqual([
        'missing-name:name',
        'missing-identity-field:unit',
        'no-task-function',
        'no-legal-basis:legalBasis',
      ]);
      expect(c.stages[1].errors).toBe(1);
      expect(codes(c.stages[2].items)).toEqual([
        'no-actors',
        'step-no-actor:actorId',
        'step-no-actor:actorId',
        'no-activities',
      ]);
      expect(codes(c.stages[3].items)).toEqual([
        'missing-identity-field:number',
        'missing-identity-field:agency',
        'missing-identity-field:effectiveDate',
        'empty-list-box:executorQualifications',
        'empty-list-box:equipment',
        'empty-list-box:warnings',
        'empty-list-box:records',
      ]);
      expect(c.stages[3].errors).toBe(0);
      expect(codes(c.stages[4].items)).toEqual(['step-no-actor:actorId', 'step-no-actor:actorId']);
      expect(codes(c.stages[5].items).sort()).toEqual(
        [
          'missing-name:name',
          'no-actors',
          'step-no-actor:actorId',
          'step-no-actor:actorId',
          'no-activities',
        ].sort(),
      );
      expect(c.overall).toEqual({ errors: 5, warnings: 10, valid: false });
      expect(c.progress).toBe(0);
    },
  );

  it('the sample SOP is valid: only the unrecorded task and function remains', () => {
    const c = completeness(templateSnapshot('sample'), { taskFunction: '' });
    expect(c.overall.valid).toBe(true);
    expect(codes(c.stages[1].items)).toEqual(['no-task-function']);
    for (const n of [2, 3, 4, 5] as const) expect(c.stages[n].items).toEqual([]);
    expect(c.progress).toBe(0.8);
    // Without a session's task and function the rule is not checked.
    expect(completeness(templateSnapshot('sample')).progress).toBe(1);
  });

  it('messages read in both languages, with the field or row named', () => {
    const c = completeness(templateSnapshot('sop-ap'), { taskFunction: '' });
    const lists = c.stages[3].items.filter((i) => i.code === 'empty-list-box');
    expect(formatMissing(lists[0] as MissingItem, 'id')).toBe(
      'Kotak Kualifikasi Pelaksana masih kosong.',
    );
    expect(formatMissing(lists[0] as MissingItem, 'en')).toBe(
      'The Executor qualifications box is still empty.',
    );
    for (const n of STAGES)
      for (const item of c.stages[n].items)
        for (const l of ['id', 'en'] as const) {
          const text = formatMissing(item, l);
          expect(text.length).toBeGreaterThan(5);
          expect(text).not.toMatch(/\{\w+\}/);
        }
  });
});

describe('completeness on generated SOPs', () => {
  const sizes = [3, 5, 12, 40, 120];

  it('a generated SOP with only Mulai and Selesai lacks activities (stage 2 and the document)', () => {
    const c = completeness(bigSop({ steps: 2 }));
    expect(codes(c.stages[2].items)).toEqual(['no-activities']);
    expect(codes(c.stages[5].items)).toEqual(['no-activities']);
    expect(c.overall.valid).toBe(false);
  });

  it.each(sizes)('a valid generated SOP of %i steps blocks no stage', (n) => {
    const c = completeness(bigSop({ steps: n, actors: 1 + (n % 6) }));
    for (const s of STAGES) expect(c.stages[s].errors).toBe(0);
    expect(c.stages[5].items).toEqual([]);
    expect(c.overall.valid).toBe(true);
  });

  function broken(n: number): SopSnapshot {
    const s = bigSop({ steps: n, actors: 4 });
    const decision = s.steps.find((st) => st.kind === 'decision');
    if (decision) decision.no = null; // a decision without both targets
    const mid = s.steps[Math.floor(n / 2)];
    if (mid && mid.kind === 'process') {
      mid.actorId = null; // a step without pelaksana
      mid.output = '';
    }
    s.identity.name = '';
    s.identity.legalBasis = [];
    // an activity after the end, reachable from nowhere
    s.steps.push({
      ...(s.steps[1] as SopSnapshot['steps'][number]),
      id: 'lost',
      kind: 'process',
      yes: null,
      no: null,
    });
    return s;
  }

  it.each([12, 40, 120])(
    'breaking a generated SOP of %i steps shows each problem where it is dealt with',
    (n) => {
      const s = broken(n);
      const c = completeness(s);
      const has = (stage: 1 | 2 | 3 | 4 | 5, code: string) =>
        c.stages[stage].items.some((i) => i.code === code);
      expect(has(1, 'missing-name') && has(1, 'no-legal-basis')).toBe(true);
      expect(has(2, 'decision-missing-target') && has(4, 'decision-missing-target')).toBe(true);
      expect(has(2, 'step-no-actor') && has(4, 'step-no-actor')).toBe(true);
      expect(has(2, 'missing-output')).toBe(true);
      expect(has(4, 'unreachable-step')).toBe(true);
      expect(has(3, 'decision-missing-target') || has(1, 'step-no-actor')).toBe(false);
      // Links to the step: stage 4's problems carry the step id.
      for (const i of c.stages[4].items)
        if (i.code !== 'no-end-terminator' && i.code !== 'no-start-terminator')
          expect(i.location.stepId ?? i.location.actorId).toBeTruthy();
      expect(c.overall.valid).toBe(false);
    },
  );

  it.each(sizes)(
    'every validate() problem of a (broken) %i-step SOP is shown in some stage, every error in stage 5',
    (n) => {
      for (const s of [bigSop({ steps: n }), broken(n)]) {
        const problems = validate(s);
        const c = completeness(s);
        const shown = STAGES.slice(0, 4).flatMap((st) => c.stages[st].items);
        const shownProblems = shown.map((i) => i.problem);
        for (const p of problems) expect(shownProblems).toContainEqual(p);
        const errors = problems.filter((p) => p.severity === 'error');
        expect(c.stages[5].items.filter((i) => i.problem).map((i) => i.problem)).toEqual(errors);
      }
    },
  );
});
