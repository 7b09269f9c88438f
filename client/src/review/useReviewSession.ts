import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type {
  Author,
  Discussion,
  ReviewSession,
  ReviewSessions,
  Verdict,
} from '../../../shared/discussion/index';
import { observeApprovals } from '../../../shared/discussion/reviewApprovals';
import { isLocked, reconcileApproval, type SopDoc, transition } from '../../../shared/model/index';
import { markPresenterRow, scrollToStep, stepIdOf } from './followPresenter';
import { presenterPosition, ReviewAwarenessStore, type ReviewPeer } from './presenterAwareness';

/** What the review UI needs from the editor. */
export interface ReviewDeps {
  sopId: string;
  sop: SopDoc;
  /** The CONTENT doc's awareness (presenter position travels here, never stored). */
  awareness: Awareness;
  discussion: Discussion;
  review: ReviewSessions;
  user: Author;
  /** Resolves once the server has stored this replica's content changes (see CollabSession). */
  waitSaved?: () => Promise<void>;
}

/** The live review state and its actions (`ReviewContext` carries it). */
export interface ReviewApi {
  deps: ReviewDeps;
  /** The running session, if any. */
  session: ReviewSession | null;
  isPresenter: boolean;
  /** The presenter is connected (publishing in awareness). */
  presenterOnline: boolean;
  presenterStepId: string | null;
  following: boolean;
  /** Participants connected now (awareness), this user included. */
  online: readonly ReviewPeer[];
  /** A session this user took part in that ended while they watched (for the summary dialog). */
  endedSession: ReviewSession | null;
  /** This user ended it (and so stores the 'review' version). */
  endedByMe: boolean;
  start(): void;
  end(): void;
  follow(on: boolean): void;
  moveTo(stepId: string | null): void;
  moveBy(delta: 1 | -1): void;
  handTo(to: Author): void;
  takeOver(): void;
  setVerdict(stepId: string, verdict: Verdict, comment?: string): void;
  clearVerdict(stepId: string): void;
  dismissSummary(): void;
}

/**
 * Presenter mode over the discussion doc's review sessions (stored) and the
 * content doc's awareness (live position): start/end, follow, hand-over,
 * verdicts. Follow scrolls to and marks the presenter's row; focusing another
 * row pauses following (the user went to work on something else), "follow
 * again" rejoins.
 */
export function useReviewSession(deps: ReviewDeps | null): ReviewApi | null {
  // Null until the editor has the discussion doc: hooks still run (stable tree), return null.
  const sop = deps?.sop ?? null;
  const awareness = deps?.awareness ?? null;
  const review = deps?.review ?? null;
  const user = deps?.user ?? null;
  const sessions = useSyncExternalStore(
    review ? review.subscribe : noopSubscribe,
    review ? review.getSnapshot : noSessions,
    review ? review.getSnapshot : noSessions,
  );
  const session = useMemo(() => {
    const open = sessions.filter((s) => s.endedAt === null);
    return open[open.length - 1] ?? null;
  }, [sessions]);

  // After concurrent approvals the Y.Text approver fields hold both typings; the latest
  // approval's author repairs them (see reconcileApproval). Deferred: never write from
  // inside another transaction's observer.
  const discussion = deps?.discussion ?? null;
  const userId = user?.id ?? null;
  useEffect(() => {
    if (!sop || !discussion || !userId) return;
    let queued = false;
    let live = true;
    const run = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (live) reconcileApproval(sop, discussion, userId);
      });
    };
    run();
    const offs = [
      sop.meta.observe(run),
      sop.identity.observe(run),
      observeApprovals(discussion, run),
    ];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [sop, discussion, userId]);

  const [store, setStore] = useState<ReviewAwarenessStore | null>(null);
  useEffect(() => {
    if (!awareness) return;
    const s = new ReviewAwarenessStore(awareness);
    setStore(s);
    return () => {
      s.publish(null);
      s.destroy();
    };
  }, [awareness]);
  const noPeers = useCallback(() => EMPTY, []);
  const peers = useSyncExternalStore(
    store ? store.subscribe : noopSubscribe,
    store ? store.getPeers : noPeers,
    noPeers,
  );

  const sid = session?.id ?? null;
  const isPresenter = !!session && !!user && session.presenter.id === user.id;
  const [following, setFollowing] = useState(false);
  const [myStepId, setMyStepId] = useState<string | null>(null);
  const myStepRef = useRef<string | null>(null);
  const remote = session ? presenterPosition(peers, session.id, session.presenter.id) : null;
  const lastTrailStep = session?.trail[session.trail.length - 1]?.stepId ?? null;
  const presenterStepId = isPresenter ? myStepId : (remote?.stepId ?? lastTrailStep);
  const online = useMemo(
    () => (sid ? peers.filter((p) => p.sessionId === sid) : EMPTY),
    [peers, sid],
  );

  // Becoming presenter (start, hand-over, take-over): continue where the last one was.
  const lastKnown = useRef<string | null>(null);
  const lastKnownSid = useRef<string | null>(null);
  if (lastKnownSid.current !== sid) {
    lastKnownSid.current = sid;
    lastKnown.current = null;
  }
  if (!isPresenter && presenterStepId) lastKnown.current = presenterStepId;
  const wasPresenter = useRef(false);
  useEffect(() => {
    if (isPresenter && !wasPresenter.current) {
      myStepRef.current = lastKnown.current;
      setMyStepId(lastKnown.current);
      setFollowing(false);
    }
    wasPresenter.current = isPresenter;
  }, [isPresenter]);

  // Publish this user's review presence (ephemeral).
  const joined = !!session && !!user && session.participants.some((p) => p.id === user.id);
  useEffect(() => {
    if (!store) return;
    if (!sid || !user || !(isPresenter || following || joined)) {
      store.publish(null);
      return;
    }
    store.publish({
      sessionId: sid,
      presenter: isPresenter,
      stepId: isPresenter ? myStepId : null,
      following,
      user: { id: user.id, name: user.name, colour: user.colour },
      at: Date.now(),
    });
  }, [store, sid, isPresenter, following, joined, myStepId, user]);

  // Mark the presenter's row for everyone; scroll followers (and the presenter) to it.
  const order = useSyncExternalStore(
    useCallback((cb: () => void) => (sop ? sop.steps.observeOrder(cb) : () => {}), [sop]),
    () => (sop ? sop.steps.ids() : NO_IDS),
    () => (sop ? sop.steps.ids() : NO_IDS),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-mark when rows re-mount after a reorder
  useEffect(() => {
    markPresenterRow(sid ? presenterStepId : null);
  }, [sid, presenterStepId, order]);
  useEffect(() => {
    if (sid && presenterStepId && (following || isPresenter)) scrollToStep(presenterStepId);
  }, [sid, presenterStepId, following, isPresenter]);
  useEffect(() => () => markPresenterRow(null), []);

  const join = useCallback(() => {
    if (sid && !joined && review && user) review.join(sid, user);
  }, [review, sid, joined, user]);

  const moveTo = useCallback(
    (stepId: string | null) => {
      if (!sid || !review || !user || !isPresenter || myStepRef.current === stepId) return;
      myStepRef.current = stepId;
      review.recordPresenterAt(sid, stepId, user);
      setMyStepId(stepId);
    },
    [review, sid, isPresenter, user],
  );

  // The presenter moves by focusing a row; a follower who focuses another row stops following.
  const presenterRef = useRef(presenterStepId);
  presenterRef.current = presenterStepId;
  useEffect(() => {
    if (!sid) return;
    const onFocus = (e: FocusEvent) => {
      const id = stepIdOf(e.target);
      if (!id) return;
      if (isPresenter) moveTo(id);
      else if (following && id !== presenterRef.current) setFollowing(false);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [sid, isPresenter, following, moveTo]);

  // A session this user was in ended: remember it for the summary dialog.
  const [ended, setEnded] = useState<{ id: string; byMe: boolean } | null>(null);
  const prevSid = useRef<string | null>(null);
  const endingByMe = useRef<string | null>(null);
  useEffect(() => {
    const prev = prevSid.current;
    prevSid.current = sid;
    if (!prev || prev === sid) return;
    const s = sessions.find((x) => x.id === prev);
    if (s?.endedAt != null && s.participants.some((p) => p.id === user?.id)) {
      setEnded({ id: prev, byMe: endingByMe.current === prev });
    }
    setFollowing(false);
  }, [sid, sessions, user?.id]);

  const endedSession = ended ? (sessions.find((s) => s.id === ended.id) ?? null) : null;

  if (!deps || !sop || !review || !user) return null;
  return {
    deps,
    session,
    isPresenter,
    presenterOnline: isPresenter || !!remote,
    presenterStepId,
    following,
    online,
    endedSession,
    endedByMe: ended?.byMe ?? false,
    start() {
      if (session || isLocked(sop.meta.get().status)) return;
      if (sop.meta.get().status === 'draft') transition(sop, 'in_review');
      review.start(user);
    },
    end() {
      if (!sid) return;
      endingByMe.current = sid;
      review.end(sid, user);
    },
    follow(on) {
      if (on) join();
      setFollowing(on);
      if (on && presenterStepId) scrollToStep(presenterStepId);
    },
    moveTo,
    moveBy(delta) {
      const ids = sop.steps.ids();
      const i = myStepId ? ids.indexOf(myStepId) : -1;
      const next = ids[Math.min(ids.length - 1, Math.max(0, i + delta))] ?? null;
      moveTo(next);
    },
    handTo(to) {
      if (sid && isPresenter) review.setPresenter(sid, to);
    },
    takeOver() {
      if (!sid) return;
      join();
      review.setPresenter(sid, user);
    },
    setVerdict(stepId, verdict, comment) {
      if (!sid) return;
      join();
      const lastText = sop.steps.get(stepId)?.activity;
      review.setVerdict(sid, stepId, user, verdict, {
        ...(comment !== undefined ? { comment } : {}),
        ...(lastText !== undefined ? { lastText } : {}),
      });
    },
    clearVerdict(stepId) {
      if (sid) review.clearVerdict(sid, stepId, user.id);
    },
    dismissSummary() {
      setEnded(null);
    },
  };
}

const EMPTY: readonly ReviewPeer[] = [];
const NO_IDS: readonly string[] = [];
const NO_SESSIONS: readonly ReviewSession[] = [];
const noSessions = () => NO_SESSIONS;
const noopSubscribe = () => () => {};
