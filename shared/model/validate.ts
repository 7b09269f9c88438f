/** Semantic checks of a snapshot, for UI badges and export warnings. Messages: validationMessages.ts. */
import { flowGraph } from './derived.js';
import { guarded, ignoreSkips, type SkipReporter } from './skip.js';
import type { IdentityTextField, SopSnapshot } from './types.js';

export type ProblemCode =
  | 'missing-name'
  | 'missing-identity-field'
  | 'invalid-date'
  | 'no-actors'
  | 'no-steps'
  | 'step-no-actor'
  | 'unknown-actor'
  | 'empty-activity'
  | 'non-positive-time'
  | 'missing-time'
  | 'decision-missing-target'
  | 'dangling-target'
  | 'decision-target-self'
  | 'decision-same-targets'
  | 'no-start-terminator'
  | 'no-end-terminator'
  | 'actor-unused'
  | 'duplicate-actor-name'
  | 'unreachable-step'
  | 'related-sop-self';

export interface ProblemLocation {
  section: 'identity' | 'actors' | 'steps' | 'narrative' | 'meta';
  stepId?: string;
  actorId?: string;
  /** Identity field or step field, e.g. 'name', 'activity', 'time', 'yes'. */
  field?: string;
  /** Index within a list box. */
  index?: number;
}

export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  location: ProblemLocation;
  /** Message parameters; `row` is the 1-based step number (No). */
  params: Record<string, string | number>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RECOMMENDED: readonly IdentityTextField[] = ['number', 'agency', 'unit', 'effectiveDate'];
const DATES: readonly IdentityTextField[] = ['createdDate', 'revisedDate', 'effectiveDate'];

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

function identityProblems(s: SopSnapshot, out: Problem[]): void {
  const id = s.identity;
  if (!id.name.trim())
    out.push({
      code: 'missing-name',
      severity: 'error',
      location: { section: 'identity', field: 'name' },
      params: {},
    });
  for (const f of RECOMMENDED) {
    if (!id[f].trim())
      out.push({
        code: 'missing-identity-field',
        severity: 'warning',
        location: { section: 'identity', field: f },
        params: {},
      });
  }
  for (const f of DATES) {
    const v = id[f].trim();
    if (v && !validDate(v))
      out.push({
        code: 'invalid-date',
        severity: 'warning',
        location: { section: 'identity', field: f },
        params: { value: v },
      });
  }
  const own = id.number.trim().toLowerCase();
  id.relatedSops.forEach((r, i) => {
    if (own && r.text.trim().toLowerCase().includes(own)) {
      out.push({
        code: 'related-sop-self',
        severity: 'warning',
        location: { section: 'identity', field: 'relatedSops', index: i },
        params: { index: i + 1 },
      });
    }
  });
}

function actorProblems(s: SopSnapshot, out: Problem[]): void {
  if (s.actors.length === 0)
    out.push({ code: 'no-actors', severity: 'error', location: { section: 'actors' }, params: {} });
  const used = new Set(s.steps.map((st) => st.actorId));
  const seen = new Set<string>();
  for (const a of s.actors) {
    const name = a.name.trim();
    if (!used.has(a.id))
      out.push({
        code: 'actor-unused',
        severity: 'warning',
        location: { section: 'actors', actorId: a.id },
        params: { name },
      });
    const norm = name.toLowerCase();
    if (norm && seen.has(norm))
      out.push({
        code: 'duplicate-actor-name',
        severity: 'warning',
        location: { section: 'actors', actorId: a.id },
        params: { name },
      });
    seen.add(norm);
  }
}

function stepProblems(s: SopSnapshot, out: Problem[]): void {
  if (s.steps.length === 0) {
    out.push({ code: 'no-steps', severity: 'error', location: { section: 'steps' }, params: {} });
    return;
  }
  const actorIds = new Set(s.actors.map((a) => a.id));
  const stepIds = new Set(s.steps.map((st) => st.id));
  const push = (
    code: ProblemCode,
    severity: Problem['severity'],
    stepId: string,
    row: number,
    field?: string,
    extra: Record<string, string | number> = {},
  ) =>
    out.push({
      code,
      severity,
      location: { section: 'steps', stepId, ...(field ? { field } : {}) },
      params: { row, ...extra },
    });
  s.steps.forEach((st, i) => {
    const row = i + 1;
    if (st.actorId === null) push('step-no-actor', 'error', st.id, row, 'actorId');
    else if (!actorIds.has(st.actorId)) push('unknown-actor', 'error', st.id, row, 'actorId');
    if (st.kind !== 'terminator' && !st.activity.trim())
      push('empty-activity', 'error', st.id, row, 'activity');
    if (st.time.amount !== null && !(st.time.amount > 0))
      push('non-positive-time', 'error', st.id, row, 'time');
    else if (st.time.amount === null && st.kind !== 'terminator')
      push('missing-time', 'warning', st.id, row, 'time');
    if (st.kind !== 'decision') return;
    for (const b of ['yes', 'no'] as const) {
      const t = st[b];
      if (t === null) push('decision-missing-target', 'error', st.id, row, b, { branch: b });
      else if (t === st.id) push('decision-target-self', 'error', st.id, row, b, { branch: b });
      else if (!stepIds.has(t))
        push('dangling-target', 'error', st.id, row, b, { branch: b, target: t });
    }
    if (st.yes !== null && st.yes === st.no)
      push('decision-same-targets', 'warning', st.id, row, 'no');
  });
  const first = s.steps[0];
  if (first?.kind !== 'terminator')
    out.push({
      code: 'no-start-terminator',
      severity: 'error',
      location: { section: 'steps', ...(first ? { stepId: first.id } : {}) },
      params: {},
    });
  if (!s.steps.some((st, i) => i > 0 && st.kind === 'terminator'))
    out.push({
      code: 'no-end-terminator',
      severity: 'error',
      location: { section: 'steps' },
      params: {},
    });
  // reachability from the first step along the flow graph
  const g = flowGraph(s);
  const next = new Map<string, string[]>();
  for (const e of g.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const seen = new Set<string>();
  const stack = first ? [first.id] : [];
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  s.steps.forEach((st, i) => {
    if (!seen.has(st.id)) push('unreachable-step', 'warning', st.id, i + 1);
  });
}

/**
 * All problems of a snapshot, identity first, then actors, then steps in order. Never
 * throws: a snapshot from `toSnapshot` is always well-formed, and a group of checks that
 * still fails on a malformed one (a stored or imported JSON) is skipped and reported.
 */
export function validate(s: SopSnapshot, opts: { onSkip?: SkipReporter } = {}): Problem[] {
  const out: Problem[] = [];
  const report = opts.onSkip ?? ignoreSkips;
  for (const [section, check] of [
    ['identity', identityProblems],
    ['actors', actorProblems],
    ['steps', stepProblems],
  ] as const) {
    const found: Problem[] = [];
    // all of a group or none of it: no half-checked section
    const ok = guarded(report, section, false, () => {
      check(s, found);
      return true;
    });
    if (ok) out.push(...found);
  }
  return out;
}
