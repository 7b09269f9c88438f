/**
 * The checked operations on suggestions (issue 16), run by the one writer of the
 * discussion doc (the server; the convergence test's authority): each checks
 * everything, then writes, in one synchronous step — so of two requests to accept the
 * same suggestion, the second sees the first's resolution and is refused, and a
 * suggestion is applied at most once. Rights (who may suggest, who may accept) are
 * the caller's business; these functions take the author as given.
 */

import type { SopDoc } from '../model/sopDoc';
import type { Discussion } from './discussion';
import {
  anchorOf,
  applyChange,
  baseFor,
  spanFor,
  standingOf,
  type Target,
  targetOf,
} from './suggestionContent';
import type { Suggestions } from './suggestions';
import type {
  Suggestion,
  SuggestionChange,
  SuggestionResolution,
  SuggestionStanding,
  SuggestionValue,
} from './suggestionTypes';
import type { Author } from './types';
import { DiscussionError } from './util';

/** The documents an operation works on. */
export interface SuggestionDocs {
  sop: SopDoc;
  discussion: Discussion;
  suggestions: Suggestions;
}

export interface MakeSuggestionInput {
  author: Author;
  change: SuggestionChange;
  /** Proposed id (a retried request is then refused as a duplicate, not stored twice). */
  id?: string;
  /** Starts the suggestion's thread with this message. */
  comment?: string;
  /** An existing thread to attach (a review verdict's). */
  threadId?: string | null;
  sessionId?: string | null;
}

function lastTextOf(x: SuggestionDocs, change: SuggestionChange, fallback: string): string {
  const stepId = 'stepId' in change ? change.stepId : null;
  return stepId ? (x.sop.steps.get(stepId)?.activity ?? fallback) : fallback;
}

/** Checks and stores a suggestion (with its thread when `comment` is given). */
export function makeSuggestion(
  x: SuggestionDocs,
  input: MakeSuggestionInput,
): { id: string; threadId: string | null } {
  const base = baseFor(input.change, x.sop);
  if (input.id !== undefined && x.suggestions.has(input.id))
    throw new DiscussionError('duplicate-id', `suggestion ${input.id} exists`);
  const comment = input.comment?.trim() ?? '';
  let threadId = input.threadId ?? null;
  let id = '';
  // One transaction: the thread and its suggestion arrive together everywhere.
  x.discussion.doc.transact(() => {
    if (comment) {
      threadId = x.discussion.createThread({
        anchor: anchorOf(input.change, base),
        author: input.author,
        body: comment,
        lastText: lastTextOf(x, input.change, typeof base === 'string' ? base : ''),
      });
    }
    id = x.suggestions.create({
      author: input.author,
      change: input.change,
      base,
      span: spanFor(input.change, base, x.sop),
      threadId,
      sessionId: input.sessionId ?? null,
      ...(input.id !== undefined ? { id: input.id } : {}),
    });
  }, x.discussion.origin);
  return { id, threadId };
}

/** Why an accept was refused, or what it did. */
export type AcceptOutcome =
  | {
      ok: true;
      stale: boolean;
      stepId?: string;
      suggestion: Suggestion;
      /** What the target reads once applied (new wording merged into the current text). */
      value: SuggestionValue;
    }
  | { ok: false; error: 'already-resolved'; resolution: SuggestionResolution }
  /** Its step / pelaksana / span is gone: it is now marked obsolete. */
  | { ok: false; error: 'obsolete'; reason: string }
  /** Its base changed: accepting needs `confirmStale`. */
  | { ok: false; error: 'stale'; standing: SuggestionStanding; suggestion: Suggestion };

function must(x: SuggestionDocs, id: string): Suggestion {
  const s = x.suggestions.get(id);
  if (!s) throw new DiscussionError('unknown-suggestion', `no suggestion ${id} in this SOP`);
  return s;
}

/**
 * Accepts a suggestion: applies its change to the content as one ordinary change and
 * records the resolution (`by`, time, whether it was stale). A suggestion whose target
 * is gone is marked obsolete instead; a stale one is refused unless `confirmStale`.
 */
export function acceptSuggestion(
  x: SuggestionDocs,
  id: string,
  by: Author,
  opts: { confirmStale?: boolean } = {},
): AcceptOutcome {
  const s = must(x, id);
  if (s.resolution) return { ok: false, error: 'already-resolved', resolution: s.resolution };
  const standing = standingOf(s, x.sop);
  if (standing.state === 'obsolete') {
    const reason = standing.reason ?? 'gone';
    x.suggestions.resolve(id, { status: 'obsolete', by, stale: false, reason });
    return { ok: false, error: 'obsolete', reason };
  }
  const stale = standing.state === 'stale';
  if (stale && !opts.confirmStale) return { ok: false, error: 'stale', standing, suggestion: s };
  const applied = applyChange(s.change, x.sop, stale ? null : s.span);
  x.suggestions.resolve(id, {
    status: 'accepted',
    by,
    stale,
    ...(applied.stepId ? { stepId: applied.stepId } : {}),
  });
  const out: AcceptOutcome = { ok: true, stale, suggestion: s, value: standing.proposal };
  if (applied.stepId) out.stepId = applied.stepId;
  return out;
}

/** Rejects (or, by its author, withdraws) a suggestion. */
export function rejectSuggestion(
  x: SuggestionDocs,
  id: string,
  by: Author,
): { ok: true; suggestion: Suggestion } | { ok: false; resolution: SuggestionResolution } {
  const s = must(x, id);
  if (s.resolution) return { ok: false, resolution: s.resolution };
  x.suggestions.resolve(id, { status: 'rejected', by, stale: false });
  return { ok: true, suggestion: s };
}

/**
 * Adds `body` to the suggestion's thread, starting (and attaching) the thread on the
 * suggestion's place when it has none yet. Returns the thread and message ids.
 */
export function discussSuggestion(
  x: SuggestionDocs,
  id: string,
  author: Author,
  body: string,
): { threadId: string; messageId: string | null } {
  const s = must(x, id);
  if (s.threadId && x.discussion.thread(s.threadId))
    return { threadId: s.threadId, messageId: x.discussion.reply(s.threadId, author, body) };
  let threadId = '';
  x.discussion.doc.transact(() => {
    threadId = x.discussion.createThread({
      anchor: anchorOf(s.change, s.base),
      author,
      body,
      lastText: lastTextOf(x, s.change, typeof s.base === 'string' ? s.base : ''),
    });
    x.suggestions.linkThread(id, threadId);
  }, x.discussion.origin);
  return { threadId, messageId: null };
}

/** A suggestion with where it stands now (what `GET /suggestions` serves). */
export interface SuggestionView extends Suggestion {
  /** `open` ones: current / stale / obsolete; resolved ones: their outcome. */
  state: 'current' | 'stale' | 'obsolete' | 'accepted' | 'rejected';
  current: Target['value'];
  proposal: Target['value'];
}

export function viewOf(s: Suggestion, sop: SopDoc): SuggestionView {
  if (s.resolution) {
    const t = targetOf(s.change, sop);
    const state = s.resolution.status === 'obsolete' ? 'obsolete' : s.resolution.status;
    return { ...s, state, current: t.value, proposal: standingOf(s, sop).proposal };
  }
  const st = standingOf(s, sop);
  return { ...s, state: st.state, current: st.current, proposal: st.proposal };
}
