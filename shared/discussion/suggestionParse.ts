/**
 * Defensive reads of stored suggestions: only the server writes the discussion doc, but
 * a document restored from anywhere must not crash a reader, so anything that is not a
 * well-formed suggestion reads as "none" (and the suggestion is skipped).
 */

import { LIST_BOXES, type ListBox } from '../model/layout';
import type { IdentityTextField, StepKind, StepTime, TimeUnit } from '../model/types';
import type {
  ProposedStep,
  SuggestionChange,
  SuggestionOutcome,
  SuggestionResolution,
  SuggestionStepField,
  SuggestionValue,
  TextSpan,
} from './suggestionTypes';
import type { Author } from './types';

export const SUGGESTION_STEP_FIELDS: readonly SuggestionStepField[] = [
  'activity',
  'requirements',
  'output',
  'notes',
];
const KINDS: readonly StepKind[] = ['terminator', 'process', 'decision'];
const UNITS: readonly TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];
const IDENTITY_TEXT: readonly IdentityTextField[] = [
  'number',
  'name',
  'agency',
  'unit',
  'createdDate',
  'revisedDate',
  'effectiveDate',
];
const OUTCOMES: readonly SuggestionOutcome[] = ['accepted', 'rejected', 'obsolete'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const idOrNull = (v: unknown): v is string | null => v === null || isId(v);

export function parseTime(v: unknown): StepTime | null {
  if (!isObj(v)) return null;
  const amount = v.amount;
  const okAmount = amount === null || (typeof amount === 'number' && Number.isFinite(amount));
  if (!okAmount || !UNITS.includes(v.unit as TimeUnit)) return null;
  return { amount: amount as number | null, unit: v.unit as TimeUnit };
}

export function parseProposedStep(v: unknown): ProposedStep | null {
  if (!isObj(v)) return null;
  const time = parseTime(v.time);
  if (!time || !KINDS.includes(v.kind as StepKind) || !idOrNull(v.actorId)) return null;
  const texts = SUGGESTION_STEP_FIELDS.map((f) => v[f]);
  if (!texts.every(isStr)) return null;
  return {
    kind: v.kind as StepKind,
    actorId: v.actorId,
    activity: v.activity as string,
    requirements: v.requirements as string,
    output: v.output as string,
    notes: v.notes as string,
    time,
  };
}

/** A stored `change`, or null when it is not a well-formed one. */
export function parseChange(v: unknown): SuggestionChange | null {
  if (!isObj(v)) return null;
  switch (v.kind) {
    case 'stepText':
      return isId(v.stepId) &&
        SUGGESTION_STEP_FIELDS.includes(v.field as SuggestionStepField) &&
        isStr(v.text)
        ? {
            kind: 'stepText',
            stepId: v.stepId,
            field: v.field as SuggestionStepField,
            text: v.text,
          }
        : null;
    case 'stepTime': {
      const time = parseTime(v.time);
      return isId(v.stepId) && time ? { kind: 'stepTime', stepId: v.stepId, time } : null;
    }
    case 'stepActor':
      return isId(v.stepId) && idOrNull(v.actorId) && KINDS.includes(v.stepKind as StepKind)
        ? {
            kind: 'stepActor',
            stepId: v.stepId,
            actorId: v.actorId,
            stepKind: v.stepKind as StepKind,
          }
        : null;
    case 'insertStep': {
      const step = parseProposedStep(v.step);
      return step && idOrNull(v.afterStepId)
        ? { kind: 'insertStep', afterStepId: v.afterStepId, step }
        : null;
    }
    case 'deleteStep':
      return isId(v.stepId) ? { kind: 'deleteStep', stepId: v.stepId } : null;
    case 'moveStep':
      return isId(v.stepId) && idOrNull(v.afterStepId)
        ? { kind: 'moveStep', stepId: v.stepId, afterStepId: v.afterStepId }
        : null;
    case 'identityText':
      return IDENTITY_TEXT.includes(v.field as IdentityTextField) && isStr(v.text)
        ? { kind: 'identityText', field: v.field as IdentityTextField, text: v.text }
        : null;
    case 'identityList':
      return LIST_BOXES.includes(v.box as ListBox) && Array.isArray(v.items) && v.items.every(isStr)
        ? { kind: 'identityList', box: v.box as ListBox, items: [...v.items] }
        : null;
    case 'narrative':
      return isId(v.section) && isStr(v.start) && isStr(v.end) && isStr(v.text)
        ? { kind: 'narrative', section: v.section, start: v.start, end: v.end, text: v.text }
        : null;
    default:
      return null;
  }
}

/** A stored base value (JSON as written); anything else reads as null. */
export function parseValue(v: unknown): SuggestionValue {
  if (v === null || v === undefined) return null;
  if (isStr(v)) return v;
  if (Array.isArray(v)) return v.every(isStr) ? [...v] : null;
  if (isObj(v)) return structuredClone(v) as SuggestionValue;
  return null;
}

function parseAuthor(v: unknown): Author | null {
  if (!isObj(v) || !isStr(v.id)) return null;
  return { id: v.id, name: isStr(v.name) ? v.name : '', colour: isStr(v.colour) ? v.colour : '' };
}

export function parseSpan(v: unknown): TextSpan | null {
  if (!isObj(v) || !isStr(v.start) || !isStr(v.end) || !isStr(v.from) || !isStr(v.to)) return null;
  return { start: v.start, end: v.end, from: v.from, to: v.to };
}

export function parseResolution(v: unknown): SuggestionResolution | null {
  if (!isObj(v) || !OUTCOMES.includes(v.status as SuggestionOutcome)) return null;
  const by = parseAuthor(v.by) ?? { id: '', name: '', colour: '' };
  const r: SuggestionResolution = {
    status: v.status as SuggestionOutcome,
    by,
    at: typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : 0,
    stale: v.stale === true,
  };
  if (isId(v.stepId)) r.stepId = v.stepId;
  if (isStr(v.reason) && v.reason) r.reason = v.reason;
  return r;
}
