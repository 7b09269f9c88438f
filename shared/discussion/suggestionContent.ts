/**
 * What a suggestion means for the content (issue 16): the value it targets (read from
 * the live `SopDoc`), whether that is still what it was made against (stale) or gone
 * (obsolete), the checks before one is stored, and applying it as a normal change.
 * Every value is compared by its content, never by position: steps and pelaksana by
 * their stable ids, a narrative span through its relative positions.
 */

import * as Y from 'yjs';
import type { SopDoc } from '../model/sopDoc';
import type { Step } from '../model/types';
import { decodeRelPos, encodeRelPos, replaceFlatRange, resolveNarrativeSpan } from './narrative';
import type {
  Suggestion,
  SuggestionChange,
  SuggestionStanding,
  SuggestionValue,
  TextSpan,
} from './suggestionTypes';
import type { Anchor, NarrativeAnchor } from './types';
import { DiscussionError } from './util';

/** The target of a change in the current content: is it there, and its value. */
export interface Target {
  exists: boolean;
  /** What is gone, when it does not exist. */
  reason?: string;
  value: SuggestionValue;
}

function spanAnchor(
  c: Extract<SuggestionChange, { kind: 'narrative' }>,
  quote = '',
): NarrativeAnchor {
  return { kind: 'narrative', section: c.section, start: c.start, end: c.end, quote };
}

function prevOf(sop: SopDoc, stepId: string): string | null {
  const ids = sop.steps.ids();
  const i = ids.indexOf(stepId);
  return i > 0 ? (ids[i - 1] ?? null) : null;
}

function stepValue(step: Step): Step {
  return structuredClone(step);
}

const gone = (reason: string): Target => ({ exists: false, reason, value: null });

/** The value `change` is about, as the content has it now. */
export function targetOf(change: SuggestionChange, sop: SopDoc): Target {
  switch (change.kind) {
    case 'stepText': {
      const s = sop.steps.get(change.stepId);
      return s ? { exists: true, value: s[change.field] } : gone('step-deleted');
    }
    case 'stepTime': {
      const s = sop.steps.get(change.stepId);
      return s ? { exists: true, value: { ...s.time } } : gone('step-deleted');
    }
    case 'stepActor': {
      const s = sop.steps.get(change.stepId);
      if (!s) return gone('step-deleted');
      if (change.actorId !== null && !sop.actors.has(change.actorId)) return gone('actor-deleted');
      return { exists: true, value: { actorId: s.actorId, stepKind: s.kind } };
    }
    case 'insertStep':
      if (change.afterStepId !== null && !sop.steps.has(change.afterStepId))
        return gone('step-deleted');
      return { exists: true, value: null };
    case 'deleteStep': {
      const s = sop.steps.get(change.stepId);
      return s ? { exists: true, value: stepValue(s) } : gone('step-deleted');
    }
    case 'moveStep': {
      if (!sop.steps.has(change.stepId)) return gone('step-deleted');
      if (change.afterStepId !== null && !sop.steps.has(change.afterStepId))
        return gone('step-deleted');
      return { exists: true, value: { afterStepId: prevOf(sop, change.stepId) } };
    }
    case 'identityText':
      return { exists: true, value: sop.identity.get()[change.field] };
    case 'identityList':
      return {
        exists: true,
        value: sop.identity
          .list(change.box)
          .items()
          .map((i) => i.text),
      };
    case 'narrative': {
      if (!sop.narrative.keys().includes(change.section)) return gone('section-deleted');
      const span = resolveNarrativeSpan(spanAnchor(change), sop.narrative.fragment(change.section));
      return span ? { exists: true, value: span.text } : gone('span-deleted');
    }
  }
}

/** The value the target would have once `change` is applied. */
export function proposalOf(change: SuggestionChange): SuggestionValue {
  switch (change.kind) {
    case 'stepText':
    case 'identityText':
    case 'narrative':
      return change.text;
    case 'stepTime':
      return { ...change.time };
    case 'stepActor':
      return { actorId: change.actorId, stepKind: change.stepKind };
    case 'insertStep':
      return structuredClone(change.step);
    case 'deleteStep':
      return null;
    case 'moveStep':
      return { afterStepId: change.afterStepId };
    case 'identityList':
      return [...change.items];
  }
}

/** Deep equality of JSON values, independent of key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The Y.Text a text suggestion rewords (null for other kinds, or a step that is gone). */
function textOf(change: SuggestionChange, sop: SopDoc): Y.Text | null {
  if (change.kind === 'stepText')
    return sop.steps.has(change.stepId) ? sop.steps.text(change.stepId, change.field) : null;
  if (change.kind === 'identityText') return sop.identity.text(change.field);
  return null;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * The part of a text field that new wording changes (common prefix and suffix of base
 * and proposal left out), anchored by relative positions in the field's Y.Text: the
 * start sticks to the part's first character, the end to its last, so text typed just
 * before or after the part stays outside it. Null for other kinds of change and for
 * an empty field.
 */
export function spanFor(
  change: SuggestionChange,
  base: SuggestionValue,
  sop: SopDoc,
): TextSpan | null {
  const ytext = textOf(change, sop);
  if (!ytext || typeof base !== 'string' || !('text' in change)) return null;
  const to = change.text;
  let a = 0;
  while (a < base.length && a < to.length && base.charCodeAt(a) === to.charCodeAt(a)) a++;
  let endBase = base.length;
  let endTo = to.length;
  while (endBase > a && endTo > a && base.charCodeAt(endBase - 1) === to.charCodeAt(endTo - 1)) {
    endBase--;
    endTo--;
  }
  // never split a surrogate pair
  if (a > 0 && isHigh(base.charCodeAt(a - 1))) a--;
  if (endBase < base.length && endBase > 0 && isHigh(base.charCodeAt(endBase - 1))) {
    endBase++;
    endTo++;
  }
  // A pure insertion is held by a neighbouring character (else text typed at the same
  // point meanwhile would be glued to it); an empty field has no part to hold: any
  // change to it makes the suggestion stale.
  if (base === '') return null;
  if (endBase === a) {
    if (a > 0) a -= isHigh(base.charCodeAt(a - 2)) && a > 1 ? 2 : 1;
    else {
      const w = isHigh(base.charCodeAt(0)) && base.length > 1 ? 2 : 1;
      endBase += w;
      endTo += w;
    }
  }
  const start = Y.createRelativePositionFromTypeIndex(ytext, a, 0);
  const end = Y.createRelativePositionFromTypeIndex(ytext, endBase, -1);
  return {
    start: encodeRelPos(start),
    end: encodeRelPos(end),
    from: base.slice(a, endBase),
    to: to.slice(a, endTo),
  };
}

/** Where a span is in its Y.Text now; null when it cannot be found or has collapsed wrongly. */
function locate(span: TextSpan, ytext: Y.Text): { start: number; end: number } | null {
  const doc = ytext.doc;
  const rs = decodeRelPos(span.start);
  const re = decodeRelPos(span.end);
  if (!doc || !rs || !re) return null;
  const as = Y.createAbsolutePositionFromRelativePosition(rs, doc);
  const ae = Y.createAbsolutePositionFromRelativePosition(re, doc);
  if (!as || !ae || as.type !== ytext || ae.type !== ytext || ae.index < as.index) return null;
  return { start: as.index, end: ae.index };
}

/**
 * Where the span of a text suggestion is now, if the part it changes still reads as it
 * did: then the suggestion applies there, whatever else changed in the field.
 */
function intactSpan(
  s: { change: SuggestionChange; span?: TextSpan | null | undefined },
  sop: SopDoc,
): { start: number; end: number; text: string; span: TextSpan } | null {
  const ytext = s.span ? textOf(s.change, sop) : null;
  if (!s.span || !ytext) return null;
  const at = locate(s.span, ytext);
  const text = ytext.toString();
  if (!at || text.slice(at.start, at.end) !== s.span.from) return null;
  return { ...at, text, span: s.span };
}

/**
 * Where an (open) suggestion stands against the content now. New wording of a text
 * field whose changed part is untouched is current even when the rest of the field
 * changed; its proposal is then the current text with that part replaced.
 */
export function standingOf(
  s: Pick<Suggestion, 'change' | 'base'> & { span?: TextSpan | null | undefined },
  sop: SopDoc,
): SuggestionStanding {
  const t = targetOf(s.change, sop);
  const proposal = proposalOf(s.change);
  if (!t.exists) return { state: 'obsolete', current: null, proposal, reason: t.reason ?? 'gone' };
  if (sameValue(t.value, s.base)) return { state: 'current', current: t.value, proposal };
  const part = intactSpan(s, sop);
  if (part) {
    const merged = part.text.slice(0, part.start) + part.span.to + part.text.slice(part.end);
    return { state: 'current', current: t.value, proposal: merged };
  }
  return { state: 'stale', current: t.value, proposal };
}

/**
 * Checks a proposed change against the content and returns its base (the target's value
 * now). Refuses a target that does not exist, a pelaksana that does not exist, a move
 * onto itself and a change that would change nothing.
 */
export function baseFor(change: SuggestionChange, sop: SopDoc): SuggestionValue {
  const unknownStep = (id: string) =>
    new DiscussionError('unknown-step', `no step ${id} in this SOP`);
  const stepIds = [
    'stepId' in change ? change.stepId : null,
    'afterStepId' in change ? change.afterStepId : null,
  ];
  for (const id of stepIds) if (id !== null && !sop.steps.has(id)) throw unknownStep(id);
  const actorId =
    change.kind === 'stepActor'
      ? change.actorId
      : change.kind === 'insertStep'
        ? change.step.actorId
        : null;
  if (actorId !== null && !sop.actors.has(actorId))
    throw new DiscussionError('unknown-actor', `no pelaksana ${actorId} in this SOP`);
  if (change.kind === 'moveStep' && change.afterStepId === change.stepId)
    throw new DiscussionError('invalid-suggestion', 'a step cannot move after itself');
  const t = targetOf(change, sop);
  if (!t.exists) {
    throw change.kind === 'narrative'
      ? new DiscussionError('invalid-anchor', 'the narrative span is not in the SOP')
      : new DiscussionError('invalid-suggestion', t.reason ?? 'target not found');
  }
  if (change.kind !== 'insertStep' && change.kind !== 'deleteStep') {
    if (sameValue(t.value, proposalOf(change)))
      throw new DiscussionError('no-change', 'the suggestion would change nothing');
  }
  return t.value;
}

/**
 * Applies `change` to the content as one ordinary change (one transaction, the
 * `SopDoc`'s origin). The caller has checked the target exists. New wording whose
 * `span` is intact replaces just that part (edits elsewhere in the field are kept);
 * otherwise the whole field takes the proposed text. Returns the id of the step an
 * `insertStep` created.
 */
export function applyChange(
  change: SuggestionChange,
  sop: SopDoc,
  span?: TextSpan | null,
): { stepId?: string } {
  let out: { stepId?: string } = {};
  const part = intactSpan({ change, span }, sop);
  const ytext = textOf(change, sop);
  sop.transact(() => {
    if (part && ytext) {
      if (part.end > part.start) ytext.delete(part.start, part.end - part.start);
      if (part.span.to) ytext.insert(part.start, part.span.to);
      return;
    }
    switch (change.kind) {
      case 'stepText':
        sop.steps.set(change.stepId, change.field, change.text);
        break;
      case 'stepTime':
        sop.steps.setTime(change.stepId, change.time);
        break;
      case 'stepActor':
        sop.steps.setActor(change.stepId, change.actorId);
        if (sop.steps.get(change.stepId)?.kind !== change.stepKind)
          sop.steps.setKind(change.stepId, change.stepKind);
        break;
      case 'insertStep': {
        const { actorId, ...rest } = change.step;
        // A pelaksana deleted since: the step comes without one (the table flags it).
        const actor = actorId !== null && sop.actors.has(actorId) ? actorId : null;
        out = { stepId: sop.steps.insertAfter(change.afterStepId, { ...rest, actorId: actor }) };
        break;
      }
      case 'deleteStep':
        sop.steps.delete(change.stepId);
        break;
      case 'moveStep':
        sop.steps.move(change.stepId, { after: change.afterStepId });
        break;
      case 'identityText':
        sop.identity.set(change.field, change.text);
        break;
      case 'identityList': {
        const list = sop.identity.list(change.box);
        const items = list.items();
        change.items.forEach((text, i) => {
          const item = items[i];
          if (item) list.set(item.id, text);
          else list.add(text);
        });
        for (const extra of items.slice(change.items.length)) list.remove(extra.id);
        break;
      }
      case 'narrative': {
        const fragment = sop.narrative.fragment(change.section);
        const span = resolveNarrativeSpan(spanAnchor(change), fragment);
        if (!span) throw new DiscussionError('invalid-anchor', 'the narrative span is gone');
        replaceFlatRange(fragment, span.start, span.end, change.text);
        break;
      }
    }
  });
  return out;
}

/** Where the thread discussing a suggestion is anchored (like a comment on that place). */
export function anchorOf(change: SuggestionChange, base: SuggestionValue): Anchor {
  switch (change.kind) {
    case 'stepText':
      return { kind: 'step', stepId: change.stepId, field: change.field };
    case 'stepTime':
      return { kind: 'step', stepId: change.stepId, field: 'time' };
    case 'stepActor':
      return { kind: 'step', stepId: change.stepId, field: 'actor' };
    case 'deleteStep':
    case 'moveStep':
      return { kind: 'step', stepId: change.stepId };
    case 'insertStep':
      return change.afterStepId ? { kind: 'step', stepId: change.afterStepId } : { kind: 'sop' };
    case 'identityText':
      return { kind: 'identity', field: change.field };
    case 'identityList':
      return { kind: 'identity', field: change.box };
    case 'narrative':
      return spanAnchor(change, typeof base === 'string' ? base : '');
  }
}

/** The step a suggestion is shown on in the procedure table, if any. */
export function stepOf(change: SuggestionChange): string | null {
  if (change.kind === 'insertStep') return change.afterStepId;
  return 'stepId' in change ? change.stepId : null;
}
