/**
 * "What is still missing" per stage of a guided meeting (issue 18): the model's
 * `validate()` problems sorted into the stage that deals with them, plus the
 * completeness rules of the drafting method that validate() does not check (a
 * legal basis, the task and function, each activity's kelengkapan and output, the
 * identity's list boxes). Nothing here blocks anything: errors are what should be
 * settled before the next stage, warnings what a complete SOP AP still lacks.
 */
import {
  formatProblem,
  type Locale,
  type Problem,
  type ProblemCode,
  type ProblemLocation,
  validate,
} from '../model/index.js';
import type { ListField, SopSnapshot } from '../model/types.js';
import { STAGES, type StageNo } from './stages.js';

export type RuleCode =
  | 'no-task-function'
  | 'no-legal-basis'
  | 'no-activities'
  | 'missing-requirements'
  | 'missing-output'
  | 'empty-list-box';

export interface MissingItem {
  stage: StageNo;
  code: ProblemCode | RuleCode;
  severity: 'error' | 'warning';
  location: ProblemLocation;
  params: Record<string, string | number>;
  /** The model's problem, when the item comes from validate(). */
  problem?: Problem;
}

/** Which stages show a validate() problem (some belong to two: a decision's exits are set in
 * stage 2 and read on the flowchart in stage 4). Stage 5 shows every error. */
function stagesOf(p: Problem): StageNo[] {
  switch (p.code) {
    case 'missing-name':
      return [1];
    case 'missing-identity-field':
      return p.location.field === 'unit' ? [1] : [3];
    case 'invalid-date':
    case 'related-sop-self':
      return [3];
    case 'no-actors':
    case 'duplicate-actor-name':
    case 'no-steps':
    case 'unknown-actor':
    case 'empty-activity':
    case 'non-positive-time':
    case 'missing-time':
      return [2];
    case 'step-no-actor':
    case 'decision-missing-target':
    case 'dangling-target':
    case 'decision-target-self':
    case 'decision-same-targets':
      return [2, 4];
    case 'actor-unused':
    case 'no-start-terminator':
    case 'no-end-terminator':
    case 'unreachable-step':
      return [4];
  }
}

/** Identity list boxes a complete SOP AP fills (stage 3); legal basis is stage 1's. */
const STAGE3_LISTS: readonly ListField[] = [
  'executorQualifications',
  'equipment',
  'warnings',
  'records',
];

function ruleItems(s: SopSnapshot, ctx: CompletenessContext): MissingItem[] {
  const out: MissingItem[] = [];
  if (ctx.taskFunction !== undefined && !ctx.taskFunction.trim())
    out.push({
      stage: 1,
      code: 'no-task-function',
      severity: 'warning',
      location: { section: 'meta' },
      params: {},
    });
  if (!s.identity.legalBasis.some((l) => l.trim()))
    out.push({
      stage: 1,
      code: 'no-legal-basis',
      severity: 'warning',
      location: { section: 'identity', field: 'legalBasis' },
      params: {},
    });
  const activities = s.steps.filter((st) => st.kind !== 'terminator');
  if (s.steps.length > 0 && activities.length === 0)
    out.push({
      stage: 2,
      code: 'no-activities',
      severity: 'error',
      location: { section: 'steps' },
      params: {},
    });
  s.steps.forEach((st, i) => {
    if (st.kind !== 'process') return;
    const at = (field: string) => ({ section: 'steps' as const, stepId: st.id, field });
    if (!st.requirements.trim())
      out.push({
        stage: 2,
        code: 'missing-requirements',
        severity: 'warning',
        location: at('requirements'),
        params: { row: i + 1 },
      });
    if (!st.output.trim())
      out.push({
        stage: 2,
        code: 'missing-output',
        severity: 'warning',
        location: at('output'),
        params: { row: i + 1 },
      });
  });
  for (const f of STAGE3_LISTS)
    if (!s.identity[f].some((l) => l.trim()))
      out.push({
        stage: 3,
        code: 'empty-list-box',
        severity: 'warning',
        location: { section: 'identity', field: f },
        params: {},
      });
  return out;
}

export interface CompletenessContext {
  /** Stage 1's task and function (kept in the guided session); undefined: not checked. */
  taskFunction?: string;
}

export interface StageCompleteness {
  stage: StageNo;
  items: MissingItem[];
  errors: number;
  warnings: number;
}

export interface Completeness {
  stages: Record<StageNo, StageCompleteness>;
  /** Every validate() problem once, plus the rule items; stage 5 lists the errors. */
  overall: { errors: number; warnings: number; valid: boolean };
  /** 0..1: the share of the five stages with nothing missing (errors or warnings). */
  progress: number;
}

function order(a: MissingItem, b: MissingItem): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return 0;
}

/** What is still missing, per stage and overall. */
export function completeness(s: SopSnapshot, ctx: CompletenessContext = {}): Completeness {
  const problems = validate(s);
  const rules = ruleItems(s, ctx);
  const per: Record<StageNo, MissingItem[]> = { 1: [], 2: [], 3: [], 4: [], 5: [] };
  for (const p of problems)
    for (const stage of stagesOf(p))
      per[stage].push({
        stage,
        code: p.code,
        severity: p.severity,
        location: p.location,
        params: p.params,
        problem: p,
      });
  for (const r of rules) {
    per[r.stage].push(r);
    if (r.severity === 'error') per[5].push({ ...r, stage: 5 });
  }
  // Stage 5 (the document): everything that makes it invalid.
  for (const p of problems)
    if (p.severity === 'error')
      per[5].push({
        stage: 5,
        code: p.code,
        severity: 'error',
        location: p.location,
        params: p.params,
        problem: p,
      });
  const stages = {} as Record<StageNo, StageCompleteness>;
  let clean = 0;
  for (const n of STAGES) {
    const items = [...per[n]].sort(order);
    const errors = items.filter((i) => i.severity === 'error').length;
    stages[n] = { stage: n, items, errors, warnings: items.length - errors };
    if (items.length === 0) clean += 1;
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors + rules.filter((r) => r.severity === 'warning').length;
  const ruleErrors = rules.filter((r) => r.severity === 'error').length;
  return {
    stages,
    overall: { errors: errors + ruleErrors, warnings, valid: errors + ruleErrors === 0 },
    progress: clean / STAGES.length,
  };
}

const RULE_MESSAGES: Readonly<Record<RuleCode, { id: string; en: string }>> = {
  'no-task-function': {
    id: 'Tugas dan fungsi yang dilayani SOP belum dicatat.',
    en: 'The task and function this SOP serves are not written down yet.',
  },
  'no-legal-basis': {
    id: 'Dasar hukum belum diisi.',
    en: 'The legal basis is empty.',
  },
  'no-activities': {
    id: 'Belum ada kegiatan di antara Mulai dan Selesai.',
    en: 'There are no activities between start and end yet.',
  },
  'missing-requirements': {
    id: 'Langkah {row}: kelengkapan belum diisi.',
    en: 'Step {row}: requirements are empty.',
  },
  'missing-output': {
    id: 'Langkah {row}: output belum diisi.',
    en: 'Step {row}: the output is empty.',
  },
  'empty-list-box': {
    id: 'Kotak {fieldLabel} masih kosong.',
    en: 'The {fieldLabel} box is still empty.',
  },
};

const LIST_LABELS: Readonly<Record<string, { id: string; en: string }>> = {
  legalBasis: { id: 'Dasar Hukum', en: 'Legal basis' },
  executorQualifications: { id: 'Kualifikasi Pelaksana', en: 'Executor qualifications' },
  equipment: { id: 'Peralatan/Perlengkapan', en: 'Equipment' },
  warnings: { id: 'Peringatan', en: 'Warnings' },
  records: { id: 'Pencatatan dan Pendataan', en: 'Records' },
};

/** The item as one sentence in the interface language. */
export function formatMissing(item: MissingItem, locale: Locale): string {
  if (item.problem) return formatProblem(item.problem, locale);
  const params: Record<string, string | number> = { ...item.params };
  const f = item.location.field;
  if (f) params.fieldLabel = LIST_LABELS[f]?.[locale] ?? f;
  return RULE_MESSAGES[item.code as RuleCode][locale].replace(/\{(\w+)\}/g, (_, k: string) =>
    String(params[k] ?? ''),
  );
}
