/**
 * Plain shapes of suggestions (issue 16): proposed changes to an SOP's content that
 * live in its discussion document — data about the content, never content — until an
 * owner or editor accepts (applies) or rejects them. No Yjs types here.
 */

import type { ListBox } from '../model/layout';
import type { IdentityTextField, Step, StepKind, StepTime } from '../model/types';
import type { Author } from './types';

/** Text cells of a step a suggestion can reword. */
export type SuggestionStepField = 'activity' | 'requirements' | 'output' | 'notes';

/** The content of a proposed new step. */
export interface ProposedStep {
  kind: StepKind;
  actorId: string | null;
  activity: string;
  requirements: string;
  output: string;
  notes: string;
  time: StepTime;
}

/**
 * What a suggestion proposes. Steps and pelaksana are named by their stable ids, a
 * narrative span by Yjs relative positions (base64, as on comment anchors), so a
 * suggestion stays attached to its place through concurrent edits and moves.
 */
export type SuggestionChange =
  /** New wording of a step's text cell. */
  | { kind: 'stepText'; stepId: string; field: SuggestionStepField; text: string }
  /** A new Waktu (amount and unit). */
  | { kind: 'stepTime'; stepId: string; time: StepTime }
  /** Another pelaksana and/or step kind. */
  | { kind: 'stepActor'; stepId: string; actorId: string | null; stepKind: StepKind }
  /** A new step after `afterStepId` (null: first). */
  | { kind: 'insertStep'; afterStepId: string | null; step: ProposedStep }
  | { kind: 'deleteStep'; stepId: string }
  /** Move the step after `afterStepId` (null: first). */
  | { kind: 'moveStep'; stepId: string; afterStepId: string | null }
  /** New wording of an identity text field (Nama SOP, Nomor, dates, ...). */
  | { kind: 'identityText'; field: IdentityTextField; text: string }
  /** New items of an identity list box (Dasar Hukum, ...), one per entry. */
  | { kind: 'identityList'; box: ListBox; items: string[] }
  /**
   * Replacement text for a span of a narrative section. Chosen over inline tracked
   * changes inside TipTap: the proposal stays out of the content until accepted, and
   * the span is found again through its relative positions.
   */
  | { kind: 'narrative'; section: string; start: string; end: string; text: string };

export type SuggestionKind = SuggestionChange['kind'];

/**
 * The value a suggestion is about, as it was when it was made (`base`), as it is now
 * (`current`) and as the suggestion would make it (`proposal`): a string for text, a
 * list of strings for a list box, an object for time / pelaksana / position, a step for
 * a delete (what it was), null where there is nothing to compare (a new step).
 */
export type SuggestionValue =
  | string
  | string[]
  | StepTime
  | { actorId: string | null; stepKind: StepKind }
  | { afterStepId: string | null }
  | Step
  | ProposedStep
  | null;

export type SuggestionOutcome = 'accepted' | 'rejected' | 'obsolete';

/** How a suggestion ended: who decided, when; one value, written once. */
export interface SuggestionResolution {
  status: SuggestionOutcome;
  by: Author;
  at: number;
  /** Its base had changed when it was accepted (explicitly confirmed). */
  stale: boolean;
  /** Id of the step an accepted `insertStep` created. */
  stepId?: string;
  /** Why it became obsolete (`step-deleted`, `actor-deleted`, `span-deleted`, ...). */
  reason?: string;
}

export interface Suggestion {
  id: string;
  author: Author;
  createdAt: number;
  change: SuggestionChange;
  /** The target's value when the suggestion was made. */
  base: SuggestionValue;
  /** The discussion thread attached to it (its comments), if any. */
  threadId: string | null;
  /** The review session in which it was made (a "needs change" verdict), if any. */
  sessionId: string | null;
  resolution: SuggestionResolution | null;
  /**
   * For new wording of a text field: the part it changes, anchored in the field's Y.Text
   * by relative positions (set by the server when the suggestion is stored). Edits
   * elsewhere in the field leave the suggestion current and are kept when it is applied;
   * only a change to this part makes it stale.
   */
  span: TextSpan | null;
}

/** The part of a text a suggestion rewords (see {@link Suggestion.span}). */
export interface TextSpan {
  /** Relative positions (base64) of the part's start and end in the field's Y.Text. */
  start: string;
  end: string;
  /** The part as it was (in the base) and what replaces it. */
  from: string;
  to: string;
}

/** Immutable view of all suggestions, the same object until one changes. */
export interface SuggestionsSnapshot {
  /** Ordered by (createdAt, id). */
  list: readonly Suggestion[];
  byId: ReadonlyMap<string, Suggestion>;
}

/**
 * Where an open suggestion stands against the current content: `current` (its base is
 * what the content says), `stale` (the content changed since: show base, current and
 * proposal), `obsolete` (its step, pelaksana or span is gone).
 */
export interface SuggestionStanding {
  state: 'current' | 'stale' | 'obsolete';
  current: SuggestionValue;
  proposal: SuggestionValue;
  /** For `obsolete`: what is gone. */
  reason?: string;
}
