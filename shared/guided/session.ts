/**
 * Guided drafting sessions (issue 18), stored in the SOP's discussion document under
 * root `guided` (the discussion doc is written by the server only, so every change here
 * runs on the server with the signed-in person as author and the server's clock):
 * session id → Y.Map with
 *   `id`, `startedBy`, `startedAt` (immutable),
 *   `ended` ({by, at} | null, LWW), `facilitator` (Author, LWW: take over),
 *   `stage` ({stage, at, by}, LWW: where the facilitator has the room),
 *   `participants` Y.Map userId → Author & {joinedAt},
 *   `trail` Y.Array of StageVisit (append-only: time per stage is derived),
 *   `timeboxes` Y.Map stage → minutes,
 *   `decisions` Y.Map id → GuidedDecision (what the team decided, per stage),
 *   `candidates` Y.Map id → NameCandidate (stage 1: candidate names),
 *   `taskFunction` string (stage 1: the task and function the SOP serves, LWW),
 *   `record` (set once at the end: the open points written as comments).
 * Nested types are created with the session (fresh id), so they never race.
 */

import * as Y from 'yjs';
import { SessionList, type SessionOptions } from '../discussion/sessionList.js';
import type { Author } from '../discussion/types.js';
import { DiscussionError } from '../discussion/util.js';
import { isStage, type StageNo } from './stages.js';

export const ROOT_GUIDED = 'guided';

export interface StageVisit {
  stage: StageNo;
  at: number;
  by: string;
}

export interface GuidedDecision {
  id: string;
  stage: StageNo;
  text: string;
  by: Author;
  at: number;
}

export interface NameCandidate {
  id: string;
  name: string;
  by: Author;
  at: number;
}

export interface OpenPoint {
  stage: StageNo;
  text: string;
  threadId: string;
}

export interface GuidedSession {
  id: string;
  startedBy: Author;
  startedAt: number;
  endedAt: number | null;
  endedBy: Author | null;
  facilitator: Author;
  /** The facilitator's current stage: where followers are. */
  stage: StageNo;
  /** When the room moved to the current stage. */
  stageAt: number;
  participants: Array<Author & { joinedAt: number }>;
  trail: StageVisit[];
  /** Minutes per stage; a stage without a timebox is absent. */
  timeboxes: Partial<Record<StageNo, number>>;
  decisions: GuidedDecision[];
  candidates: NameCandidate[];
  taskFunction: string;
  /** Open points written as comments when the meeting ended. */
  openPoints: OpenPoint[];
}

type YSession = Y.Map<unknown>;

const K = {
  id: 'id',
  startedBy: 'startedBy',
  startedAt: 'startedAt',
  ended: 'ended',
  facilitator: 'facilitator',
  stage: 'stage',
  participants: 'participants',
  trail: 'trail',
  timeboxes: 'timeboxes',
  decisions: 'decisions',
  candidates: 'candidates',
  taskFunction: 'taskFunction',
  openPoints: 'openPoints',
} as const;

function who(a: Author): Author {
  return { id: a.id, name: a.name, colour: a.colour };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function author(v: unknown): Author {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  return { id: str(o.id), name: str(o.name), colour: str(o.colour) || '#888888' };
}

const byAtThenId = (a: { at: number; id: string }, b: { at: number; id: string }) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function readSession(s: YSession): GuidedSession {
  const ended = s.get(K.ended) as { by: Author; at: number } | null | undefined;
  const participants: Array<Author & { joinedAt: number }> = [];
  (s.get(K.participants) as Y.Map<Author & { joinedAt: number }> | undefined)?.forEach((p) => {
    participants.push({ ...author(p), joinedAt: num(p?.joinedAt) });
  });
  participants.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  const trail = ((s.get(K.trail) as Y.Array<StageVisit> | undefined)?.toArray() ?? []).filter(
    (v) => v && isStage(v.stage),
  );
  trail.sort((a, b) => a.at - b.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  const timeboxes: Partial<Record<StageNo, number>> = {};
  (s.get(K.timeboxes) as Y.Map<number> | undefined)?.forEach((m, k) => {
    const n = Number(k);
    if (isStage(n) && typeof m === 'number' && m > 0) timeboxes[n] = m;
  });
  const decisions: GuidedDecision[] = [];
  (s.get(K.decisions) as Y.Map<GuidedDecision> | undefined)?.forEach((d) => {
    if (d && isStage(d.stage))
      decisions.push({
        id: str(d.id),
        stage: d.stage,
        text: str(d.text),
        by: author(d.by),
        at: num(d.at),
      });
  });
  decisions.sort(byAtThenId);
  const candidates: NameCandidate[] = [];
  (s.get(K.candidates) as Y.Map<NameCandidate> | undefined)?.forEach((c) => {
    if (c) candidates.push({ id: str(c.id), name: str(c.name), by: author(c.by), at: num(c.at) });
  });
  candidates.sort(byAtThenId);
  const stage = s.get(K.stage) as StageVisit | undefined;
  const startedAt = num(s.get(K.startedAt));
  const openPoints = ((s.get(K.openPoints) as OpenPoint[] | undefined) ?? []).filter(
    (p) => p && isStage(p.stage),
  );
  return {
    id: str(s.get(K.id)),
    startedBy: author(s.get(K.startedBy)),
    startedAt,
    endedAt: ended ? num(ended.at) : null,
    endedBy: ended ? author(ended.by) : null,
    facilitator: author(s.get(K.facilitator)),
    stage: stage && isStage(stage.stage) ? stage.stage : 1,
    stageAt: stage ? num(stage.at, startedAt) : startedAt,
    participants,
    trail,
    timeboxes,
    decisions,
    candidates,
    taskFunction: str(s.get(K.taskFunction)),
    openPoints,
  };
}

/**
 * Milliseconds spent in each stage up to `now` (or the end), from the trail: each visit
 * lasts until the next one.
 */
export function timePerStage(s: GuidedSession, now: number): Record<StageNo, number> {
  const out = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<StageNo, number>;
  const until = s.endedAt ?? now;
  const visits = s.trail.length ? s.trail : [{ stage: 1 as StageNo, at: s.startedAt, by: '' }];
  visits.forEach((v, i) => {
    const next = visits[i + 1]?.at ?? until;
    out[v.stage] += Math.max(0, Math.min(next, until) - v.at);
  });
  return out;
}

export type GuidedOptions = SessionOptions;

/** Guided sessions of one SOP, over its discussion document. */
export class GuidedSessions extends SessionList<GuidedSession> {
  constructor(doc: Y.Doc, opts: GuidedOptions = {}) {
    super(doc, ROOT_GUIDED, readSession, opts);
  }

  private nested<T>(id: string, key: string): T {
    return this.ySession(id).get(key) as T;
  }

  /** Starts a session at stage 1 with `by` as facilitator and first participant. */
  start(by: Author): string {
    const id = this.newId();
    const at = this.now();
    this.doc.transact(() => {
      const s: YSession = new Y.Map<unknown>();
      s.set(K.id, id);
      s.set(K.startedBy, who(by));
      s.set(K.startedAt, at);
      s.set(K.ended, null);
      s.set(K.facilitator, who(by));
      s.set(K.stage, { stage: 1, at, by: by.id });
      const participants = new Y.Map<unknown>();
      participants.set(by.id, { ...who(by), joinedAt: at });
      s.set(K.participants, participants);
      const trail = new Y.Array<StageVisit>();
      trail.push([{ stage: 1, at, by: by.id }]);
      s.set(K.trail, trail);
      s.set(K.timeboxes, new Y.Map<number>());
      s.set(K.decisions, new Y.Map<unknown>());
      s.set(K.candidates, new Y.Map<unknown>());
      s.set(K.taskFunction, '');
      this.root.set(id, s);
    }, this.origin);
    return id;
  }

  /** Adds `user` to the participants (idempotent: keeps the first join time). */
  join(sessionId: string, user: Author): void {
    const p = this.nested<Y.Map<unknown>>(sessionId, K.participants);
    if (p.has(user.id)) return;
    this.doc.transact(() => p.set(user.id, { ...who(user), joinedAt: this.now() }), this.origin);
  }

  /** The facilitator moves the room to `stage` (recorded in the trail). */
  setStage(sessionId: string, stage: StageNo, by: Author): void {
    const s = this.ySession(sessionId);
    const cur = s.get(K.stage) as StageVisit | undefined;
    if (cur?.stage === stage) return;
    const at = this.now();
    this.doc.transact(() => {
      s.set(K.stage, { stage, at, by: by.id });
      (s.get(K.trail) as Y.Array<StageVisit>).push([{ stage, at, by: by.id }]);
    }, this.origin);
  }

  /** Hands the facilitator role to `to`. */
  setFacilitator(sessionId: string, to: Author): void {
    const s = this.ySession(sessionId);
    this.doc.transact(() => s.set(K.facilitator, who(to)), this.origin);
  }

  /** Sets (minutes > 0) or clears (null) the timebox of a stage. */
  setTimebox(sessionId: string, stage: StageNo, minutes: number | null): void {
    const m = this.nested<Y.Map<number>>(sessionId, K.timeboxes);
    this.doc.transact(() => {
      if (minutes === null) m.delete(String(stage));
      else m.set(String(stage), minutes);
    }, this.origin);
  }

  /** Records what the team decided in a stage; returns its id. */
  addDecision(sessionId: string, stage: StageNo, text: string, by: Author): string {
    const body = text.trim();
    if (!body) throw new DiscussionError('empty-body');
    const m = this.nested<Y.Map<unknown>>(sessionId, K.decisions);
    const id = this.newId();
    this.doc.transact(
      () => m.set(id, { id, stage, text: body, by: who(by), at: this.now() }),
      this.origin,
    );
    return id;
  }

  removeDecision(sessionId: string, decisionId: string): void {
    const m = this.nested<Y.Map<unknown>>(sessionId, K.decisions);
    this.doc.transact(() => m.delete(decisionId), this.origin);
  }

  /** Adds a candidate name (stage 1); returns its id. */
  addCandidate(sessionId: string, name: string, by: Author): string {
    const n = name.trim();
    if (!n) throw new DiscussionError('empty-body');
    const m = this.nested<Y.Map<unknown>>(sessionId, K.candidates);
    const id = this.newId();
    this.doc.transact(() => m.set(id, { id, name: n, by: who(by), at: this.now() }), this.origin);
    return id;
  }

  removeCandidate(sessionId: string, candidateId: string): void {
    const m = this.nested<Y.Map<unknown>>(sessionId, K.candidates);
    this.doc.transact(() => m.delete(candidateId), this.origin);
  }

  setTaskFunction(sessionId: string, text: string): void {
    const s = this.ySession(sessionId);
    this.doc.transact(() => s.set(K.taskFunction, text), this.origin);
  }

  /** Ends the session, keeping the open points (already written as comments). */
  end(sessionId: string, by: Author, openPoints: OpenPoint[] = []): void {
    const s = this.ySession(sessionId, false);
    if (s.get(K.ended)) return;
    this.doc.transact(() => {
      s.set(K.openPoints, openPoints);
      s.set(K.ended, { by: who(by), at: this.now() });
    }, this.origin);
  }
}
