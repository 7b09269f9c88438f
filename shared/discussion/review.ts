/**
 * Review sessions (issue 8), stored in the discussion doc under root
 * `sessions`: session id → Y.Map with
 *   `id`, `startedBy`, `startedAt` (immutable),
 *   `ended` ({by, at} | null, LWW), `presenter` (Author, LWW: hand-over),
 *   `participants` Y.Map userId → Author & {joinedAt},
 *   `verdicts` Y.Map `${stepId}\u0000${userId}` → StepVerdict (one per user per step, LWW),
 *   `trail` Y.Array of PresenterVisit (append-only; time per step is derived).
 * Nested types are created with the session (fresh id), so they never race.
 * Live presenter position is awareness, not stored; the trail only records
 * where the presenter went and when, for "time per step" and the summary.
 */

import * as Y from 'yjs';
import type { Discussion } from './discussion';
import { ROOT_SESSIONS } from './schema';
import { SessionList, type SessionOptions } from './sessionList';
import type { Author, PresenterVisit, ReviewSession, StepVerdict, Verdict } from './types';

type YSession = Y.Map<unknown>;

const K = {
  id: 'id',
  startedBy: 'startedBy',
  startedAt: 'startedAt',
  ended: 'ended',
  presenter: 'presenter',
  participants: 'participants',
  verdicts: 'verdicts',
  trail: 'trail',
} as const;

const SEP = '\u0000';

function who(a: Author): Author {
  return { id: a.id, name: a.name, colour: a.colour };
}

function readSession(s: YSession): ReviewSession {
  const ended = s.get(K.ended) as { by: Author; at: number } | null | undefined;
  const participants: Array<Author & { joinedAt: number }> = [];
  (s.get(K.participants) as Y.Map<Author & { joinedAt: number }> | undefined)?.forEach((p) => {
    participants.push(p);
  });
  participants.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const verdicts: StepVerdict[] = [];
  (s.get(K.verdicts) as Y.Map<StepVerdict> | undefined)?.forEach((v) => {
    verdicts.push(v);
  });
  verdicts.sort((a, b) => (a.stepId + SEP + a.user.id < b.stepId + SEP + b.user.id ? -1 : 1));
  const trail = [...((s.get(K.trail) as Y.Array<PresenterVisit> | undefined)?.toArray() ?? [])];
  trail.sort((a, b) => a.at - b.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  return {
    id: s.get(K.id) as string,
    startedBy: s.get(K.startedBy) as Author,
    startedAt: s.get(K.startedAt) as number,
    endedAt: ended ? ended.at : null,
    endedBy: ended ? ended.by : null,
    presenter: s.get(K.presenter) as Author,
    participants,
    verdicts,
    trail,
  };
}

export type ReviewOptions = SessionOptions;

/** Review sessions of one SOP; shares the discussion doc (and its `Discussion`). */
export class ReviewSessions extends SessionList<ReviewSession> {
  private readonly discussion: Discussion;

  constructor(discussion: Discussion, opts: ReviewOptions = {}) {
    super(discussion.doc, ROOT_SESSIONS, readSession, opts);
    this.discussion = discussion;
  }

  /** Starts a session with `by` as presenter and first participant; returns its id. */
  start(by: Author): string {
    const id = this.newId();
    const at = this.now();
    this.doc.transact(() => {
      const s: YSession = new Y.Map<unknown>();
      s.set(K.id, id);
      s.set(K.startedBy, who(by));
      s.set(K.startedAt, at);
      s.set(K.ended, null);
      s.set(K.presenter, who(by));
      const participants = new Y.Map<unknown>();
      participants.set(by.id, { ...who(by), joinedAt: at });
      s.set(K.participants, participants);
      s.set(K.verdicts, new Y.Map<unknown>());
      s.set(K.trail, new Y.Array<unknown>());
      this.root.set(id, s);
    }, this.origin);
    return id;
  }

  /** Adds `user` to the participants (idempotent: keeps the first join time). */
  join(sessionId: string, user: Author): void {
    const p = this.ySession(sessionId).get(K.participants) as Y.Map<unknown>;
    if (p.has(user.id)) return;
    this.doc.transact(() => p.set(user.id, { ...who(user), joinedAt: this.now() }), this.origin);
  }

  /** Hands the presenter role to `to`. */
  setPresenter(sessionId: string, to: Author): void {
    const s = this.ySession(sessionId);
    this.doc.transact(() => s.set(K.presenter, who(to)), this.origin);
  }

  /** Appends to the presenter trail (call when the presenter moves to a step). */
  recordPresenterAt(sessionId: string, stepId: string | null, by: Author): void {
    const trail = this.ySession(sessionId).get(K.trail) as Y.Array<PresenterVisit>;
    this.doc.transact(() => trail.push([{ stepId, by: by.id, at: this.now() }]), this.origin);
  }

  /** Ends the session (no-op when already ended). */
  end(sessionId: string, by: Author): void {
    const s = this.ySession(sessionId, false);
    if (s.get(K.ended)) return;
    this.doc.transact(() => s.set(K.ended, { by: who(by), at: this.now() }), this.origin);
  }

  /**
   * Sets `user`'s verdict on a step. A 'change' verdict with a comment
   * creates a thread on the step in the same transaction and links it;
   * returns that thread id (or the previously linked one, or null).
   */
  setVerdict(
    sessionId: string,
    stepId: string,
    user: Author,
    verdict: Verdict,
    opts: { comment?: string; lastText?: string } = {},
  ): string | null {
    const verdicts = this.ySession(sessionId).get(K.verdicts) as Y.Map<StepVerdict>;
    const key = stepId + SEP + user.id;
    const prev = verdicts.get(key);
    let threadId: string | null = verdict === 'change' ? (prev?.threadId ?? null) : null;
    this.doc.transact(() => {
      if (verdict === 'change' && opts.comment?.trim()) {
        const input = {
          anchor: { kind: 'step' as const, stepId },
          author: user,
          body: opts.comment,
        };
        threadId = this.discussion.createThread(
          opts.lastText !== undefined ? { ...input, lastText: opts.lastText } : input,
        );
      }
      verdicts.set(key, { stepId, user: who(user), verdict, threadId, at: this.now() });
    }, this.origin);
    return threadId;
  }

  /** Withdraws `user`'s verdict on a step. */
  clearVerdict(sessionId: string, stepId: string, userId: string): void {
    const verdicts = this.ySession(sessionId).get(K.verdicts) as Y.Map<StepVerdict>;
    this.doc.transact(() => verdicts.delete(stepId + SEP + userId), this.origin);
  }

  getVerdict(sessionId: string, stepId: string, userId: string): StepVerdict | undefined {
    return this.get(sessionId)?.verdicts.find((v) => v.stepId === stepId && v.user.id === userId);
  }
}
