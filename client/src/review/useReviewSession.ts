import type { ReviewSession } from '@shared/discussion/index';
import { isLocked } from '@shared/model/index';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import {
  cancelFollow,
  followTo,
  isEditable,
  lastScrolledByUs,
  markPresenterRow,
  rowVisible,
  scrollToStep,
  stepIdOf,
  stepRow,
} from './followPresenter';
import { presenterPosition, ReviewAwarenessStore, type ReviewPeer } from './presenterAwareness';
import type { ReviewApi, ReviewDeps } from './reviewTypes';

export type { ReviewApi, ReviewDeps } from './reviewTypes';

/**
 * Presenter mode over the discussion doc's review sessions (stored) and the
 * content doc's awareness (live position): start/end, follow, hand-over,
 * verdicts. Follow scrolls to and marks the presenter's row — held back while
 * the user is pressing or typing (see `InputGate`), so clicks never miss.
 * Scrolling away or starting to edit another row stops following (the user went
 * to look at or work on something else); "follow" rejoins.
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
  /** Whether the presenter's own view should bring the new step into view. */
  const scrollOwn = useRef(true);
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
    if (!sid || !presenterStepId) return;
    if (isPresenter) {
      // Moved by keys, buttons or the jump list: show the step. Moved by clicking
      // into a row: it is where the pointer is; leave the page alone.
      if (scrollOwn.current) scrollToStep(presenterStepId);
    } else if (following) followTo(presenterStepId);
  }, [sid, presenterStepId, following, isPresenter]);
  useEffect(() => () => markPresenterRow(null), []);
  useEffect(() => {
    if (!following) cancelFollow();
  }, [following]);

  // A follower who scrolls away (wheel, touch, scroll keys, the scroll bar) until
  // the presenter's row is out of sight stops following; "follow" brings them back.
  const presenterStep = useRef(presenterStepId);
  presenterStep.current = presenterStepId;
  useEffect(() => {
    if (!following || isPresenter) return;
    let userAt = 0;
    const mark = () => {
      userAt = Date.now();
    };
    const onKey = (e: KeyboardEvent) => {
      if (isEditable(e.target)) return;
      if (SCROLL_KEYS.has(e.key)) mark();
    };
    const onPointer = (e: PointerEvent) => {
      // The page's own scroll bar (a press on the root, right of its content).
      if (
        e.target === document.documentElement &&
        e.clientX >= document.documentElement.clientWidth
      )
        mark();
    };
    const onScroll = () => {
      // The user's own scrolling: recent input, newer than our last jump.
      if (Date.now() - userAt > 1200 || userAt < lastScrolledByUs()) return;
      const id = presenterStep.current;
      const row = id ? stepRow(id) : null;
      if (row && !rowVisible(row)) setFollowing(false);
    };
    const opts = { capture: true, passive: true } as const;
    window.addEventListener('wheel', mark, opts);
    window.addEventListener('touchmove', mark, opts);
    window.addEventListener('keydown', onKey, opts);
    window.addEventListener('pointerdown', onPointer, opts);
    window.addEventListener('scroll', onScroll, opts);
    return () => {
      window.removeEventListener('wheel', mark, opts);
      window.removeEventListener('touchmove', mark, opts);
      window.removeEventListener('keydown', onKey, opts);
      window.removeEventListener('pointerdown', onPointer, opts);
      window.removeEventListener('scroll', onScroll, opts);
    };
  }, [following, isPresenter]);

  const send = deps?.send ?? null;
  // Joining is sent once per session (the server's echo makes `joined` true later).
  const joinSent = useRef<string | null>(null);
  const join = useCallback(() => {
    if (!sid || joined || !send || joinSent.current === sid) return;
    joinSent.current = sid;
    send('reviewJoin', { sessionId: sid }, { quiet: true }).catch(() => {
      joinSent.current = null;
    });
  }, [send, sid, joined]);

  const moveTo = useCallback(
    (stepId: string | null, opts: { scroll?: boolean } = {}) => {
      if (!sid || !send || !isPresenter || myStepRef.current === stepId) return;
      myStepRef.current = stepId;
      scrollOwn.current = opts.scroll ?? true;
      // The live position travels in awareness; the server keeps the trail (time per step).
      send('reviewAt', { sessionId: sid, stepId }).catch(ignore);
      setMyStepId(stepId);
    },
    [send, sid, isPresenter],
  );

  // The presenter also moves by starting to edit a row (not by pressing a button
  // in it: a verdict click must not move the page under the pointer); a follower
  // who starts editing another row stops following.
  const presenterRef = useRef(presenterStepId);
  presenterRef.current = presenterStepId;
  useEffect(() => {
    if (!sid) return;
    const onFocus = (e: FocusEvent) => {
      if (!isEditable(e.target)) return;
      const id = stepIdOf(e.target);
      if (!id) return;
      if (isPresenter) moveTo(id, { scroll: false });
      else if (following && id !== presenterRef.current) setFollowing(false);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [sid, isPresenter, following, moveTo]);

  // A session this user was in ended: remember it for the summary dialog.
  const [ended, setEnded] = useState<{ id: string; byMe: boolean } | null>(null);
  const prevSid = useRef<string | null>(null);
  const endingByMe = useRef<string | null>(null);
  const [endedVersion, setEndedVersion] = useState<{ sid: string; id: string | null } | null>(null);
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

  if (!deps || !sop || !review || !user || !send) return null;
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
    endedVersionId: ended && endedVersion?.sid === ended.id ? endedVersion.id : undefined,
    start() {
      // The server moves a draft to "in review" and makes this user the presenter.
      if (session || isLocked(sop.meta.get().status)) return;
      send('reviewStart', {}).catch(ignore);
    },
    end() {
      if (!sid) return;
      endingByMe.current = sid;
      // The server ends it and stores the 'review' version itself.
      send('reviewEnd', { sessionId: sid }).then(
        (r) => setEndedVersion({ sid, id: r.versionId ?? null }),
        () => {
          endingByMe.current = null;
          setEndedVersion({ sid, id: null });
        },
      );
    },
    follow(on) {
      if (on) join();
      setFollowing(on);
      // Asked for: jump now (the click that asked is over).
      if (on && presenterStepId) scrollToStep(presenterStepId);
    },
    moveTo,
    moveBy(delta) {
      const ids = sop.steps.ids();
      const cur = myStepRef.current;
      const i = cur ? ids.indexOf(cur) : -1;
      const next = ids[Math.min(ids.length - 1, Math.max(0, i + delta))] ?? null;
      moveTo(next);
    },
    handTo(to) {
      if (sid && isPresenter)
        send('reviewPresenter', { sessionId: sid, userId: to.id }).catch(ignore);
    },
    takeOver() {
      if (sid) send('reviewTakeOver', { sessionId: sid }).catch(ignore);
    },
    setVerdict(stepId, verdict, comment, suggestion) {
      if (!sid) return Promise.resolve(false);
      join();
      // A 'change' with a comment becomes a thread on the step, in the same server operation
      // (and its suggested wording a suggestion attached to that thread).
      return send('reviewVerdict', {
        sessionId: sid,
        stepId,
        verdict,
        ...(comment?.trim() ? { comment: comment.trim() } : {}),
        ...(suggestion ? { suggestion } : {}),
      }).then(
        () => true,
        () => false,
      );
    },
    clearVerdict(stepId) {
      if (!sid) return Promise.resolve(false);
      return send('reviewClearVerdict', { sessionId: sid, stepId }).then(
        () => true,
        () => false,
      );
    },
    dismissSummary() {
      setEnded(null);
    },
  };
}

/** Keys that scroll the page (outside text fields). */
const SCROLL_KEYS = new Set(['PageDown', 'PageUp', 'ArrowDown', 'ArrowUp', ' ', 'Home', 'End']);
const EMPTY: readonly ReviewPeer[] = [];
const NO_IDS: readonly string[] = [];
const NO_SESSIONS: readonly ReviewSession[] = [];
const noSessions = () => NO_SESSIONS;
const noopSubscribe = () => () => {};
/** Failures were reported (toast) by the command client. */
const ignore = (): void => {};
