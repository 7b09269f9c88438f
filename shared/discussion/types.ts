/**
 * Plain, JSON-serialisable shapes of an SOP's discussion document: comment
 * threads (issue 7) and review sessions (issue 8). No Yjs types here; the
 * typed API in `discussion.ts` / `review.ts` produces these as immutable
 * snapshots.
 */

import type { Identity } from '../model/types';

/** Who wrote something. `colour` is a CSS colour (the presence colour). */
export interface Author {
  id: string;
  name: string;
  colour: string;
}

/** The step fields a thread can be anchored to (besides the step as a whole). */
export type StepAnchorField = 'activity' | 'requirements' | 'output' | 'notes' | 'time' | 'actor';

/** Identity fields a thread can be anchored to (the keys of `Identity`). */
export type IdentityAnchorField = keyof Identity;

/** A thread on a step, optionally one field of it. Looked up by the step's stable id. */
export interface StepAnchor {
  kind: 'step';
  stepId: string;
  field?: StepAnchorField;
}

/** A thread on one identity field (Nama SOP, Dasar Hukum, ...). */
export interface IdentityAnchor {
  kind: 'identity';
  field: IdentityAnchorField;
}

/**
 * A thread on a span of narrative text. `start` / `end` are Yjs relative
 * positions into the content doc's `narrative.<section>` Y.XmlFragment,
 * encoded with `Y.encodeRelativePosition` and then base64, so the span moves
 * with edits made before or inside it. `quote` is the text when the thread
 * was created (shown if the span is later deleted).
 */
export interface NarrativeAnchor {
  kind: 'narrative';
  section: string;
  start: string;
  end: string;
  quote: string;
}

/** A thread on the SOP as a whole. */
export interface SopAnchor {
  kind: 'sop';
}

export type Anchor = StepAnchor | IdentityAnchor | NarrativeAnchor | SopAnchor;

export interface Message {
  id: string;
  author: Author;
  body: string;
  /** Epoch milliseconds (author's clock). */
  createdAt: number;
  editedAt: number | null;
  /** Deleted messages keep their slot ("message deleted") but lose their body. */
  deleted: boolean;
}

export type ThreadStatus = 'open' | 'resolved';

export interface Thread {
  id: string;
  anchor: Anchor;
  author: Author;
  createdAt: number;
  status: ThreadStatus;
  resolvedBy: Author | null;
  resolvedAt: number | null;
  /**
   * Last known text of the anchor (a step's Kegiatan, a narrative quote):
   * set at creation and refreshed when the anchored step is deleted, so a
   * thread on a deleted step can still say what the step was.
   */
  lastText: string;
  /** Ordered by (createdAt, id): the same order on every replica. */
  messages: readonly Message[];
  /**
   * Read markers: user id → how many messages *by other people* that user
   * has seen in this thread (see `isUnread`).
   */
  readBy: Readonly<Record<string, number>>;
}

/** Immutable view of the whole discussion doc, stable until it changes. */
export interface DiscussionSnapshot {
  /** Ordered by (createdAt, id). */
  threads: readonly Thread[];
  byId: ReadonlyMap<string, Thread>;
}

/** Where a thread's anchor is in the current content (see `resolveAnchors`). */
export interface ResolvedAnchor {
  state: 'attached' | 'deleted';
  /** 0-based index in procedure order, for step anchors that are attached. */
  stepIndex?: number;
  /** Current text when attached, else the last known text. */
  lastText: string;
}

/** Open-thread counts, for the comment buttons. */
export interface OpenCounts {
  /** Step id → open threads on the step or any of its fields. */
  byStep: ReadonlyMap<string, number>;
  /** `${stepId}:${field}` → open threads on that field only. */
  byStepField: ReadonlyMap<string, number>;
  byIdentityField: ReadonlyMap<IdentityAnchorField, number>;
  /** Narrative section key → open threads on spans in it. */
  byNarrativeSection: ReadonlyMap<string, number>;
  sop: number;
  total: number;
}

/** A piece of a message body, for highlighting `@name` mentions. */
export type BodySegment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; participant: Participant };

/** Someone who can be mentioned. */
export interface Participant {
  id: string;
  name: string;
}

// ---------------------------------------------------------------- issue 8

export type Verdict = 'agree' | 'change';

/** One participant's verdict on one step within a review session. */
export interface StepVerdict {
  stepId: string;
  user: Author;
  verdict: Verdict;
  /** The thread holding the "needs change" comment, if any. */
  threadId: string | null;
  at: number;
}

/** One entry of the presenter's trail: where they were, from when. */
export interface PresenterVisit {
  /** Step id, or null for a non-step place (identity, narrative, overview). */
  stepId: string | null;
  by: string;
  at: number;
}

export interface ReviewSession {
  id: string;
  startedBy: Author;
  startedAt: number;
  endedAt: number | null;
  endedBy: Author | null;
  presenter: Author;
  /** Ordered by joinedAt, then id. */
  participants: readonly (Author & { joinedAt: number })[];
  verdicts: readonly StepVerdict[];
  /** Ordered by (at, by). */
  trail: readonly PresenterVisit[];
}

export interface StepTally {
  stepId: string;
  agree: number;
  change: number;
  /** 'change' when anyone asked for a change, 'agreed' when all verdicts agree, else 'pending'. */
  state: 'agreed' | 'change' | 'pending';
  changeThreadIds: readonly string[];
}

export interface SessionTally {
  steps: readonly StepTally[];
  stepsAgreed: number;
  stepsNeedingChange: number;
  stepsPending: number;
}
