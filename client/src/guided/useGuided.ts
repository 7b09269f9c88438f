/**
 * The guided drafting meeting in the editor (issue 18): the session from the discussion
 * document (written by the server), where this person looks (the facilitator's stage
 * unless they chose to look elsewhere), what is still missing per stage, and the
 * commands. The facilitator moves everyone with the keyboard (the review presenter's
 * keys: PageDown/J, PageUp/K; Alt+1…5 jumps).
 */
import type { Author } from '@shared/discussion/index';
import {
  type Completeness,
  completeness,
  type GuidedSession,
  GuidedSessions,
  type StageNo,
  stageBy,
} from '@shared/guided/index';
import type { SopDoc } from '@shared/model/index';
import type { SopSnapshot } from '@shared/model/types';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { DiscussionSession } from '../discussion/DiscussionSession';
import { CommandError } from '../lib/commands';
import type { SopCan } from '../lib/workflowApi';
import { presenterKeyMove } from '../review/usePresenterKeys';
import { type GuidedOp, type GuidedOps, sendGuided } from './guidedApi';

export interface GuidedDeps {
  sopId: string;
  talk: DiscussionSession | null;
  sop: SopDoc;
  snapshot: SopSnapshot;
  can: SopCan;
  user: Author;
  /** Shows a toast (failed commands). */
  notify: (text: string) => void;
  /** The failure text of a command. */
  errorText: (e: unknown) => string;
}

export interface GuidedApi {
  deps: GuidedDeps;
  /** The running session (null: none). */
  session: GuidedSession | null;
  /** The session whose record is shown (after it ended). */
  record: GuidedSession | null;
  closeRecord(): void;
  /** The most recent ended session (its record can be reopened). */
  lastEnded: GuidedSession | null;
  openRecord(id: string): void;
  isFacilitator: boolean;
  /** May edit the SOP: start, take over, record decisions. */
  canEdit: boolean;
  /** The stage this person sees. */
  viewStage: StageNo;
  /** Follows the facilitator's stage (everyone but the facilitator). */
  following: boolean;
  follow(): void;
  /** Shows a stage: the facilitator moves the room there, others look on their own. */
  show(stage: StageNo): void;
  next(): void;
  prev(): void;
  /** The whole document instead of the stage's focus. */
  showAll: boolean;
  setShowAll(v: boolean): void;
  completeness: Completeness;
  busy: boolean;
  start(): Promise<void>;
  run<K extends GuidedOp>(
    op: K,
    args: Omit<GuidedOps[K]['args'], 'sessionId'>,
  ): Promise<GuidedOps[K]['result'] | null>;
}

const EMPTY: readonly GuidedSession[] = [];

export function useGuided(deps: GuidedDeps): GuidedApi {
  const { talk, sopId, user, notify, errorText } = deps;
  const store = useMemo(() => (talk ? new GuidedSessions(talk.doc) : null), [talk]);
  useEffect(() => () => store?.destroy(), [store]);
  const all = useSyncExternalStore(
    useCallback((cb: () => void) => store?.subscribe(cb) ?? (() => {}), [store]),
    () => store?.getSnapshot() ?? EMPTY,
  );
  const open = all.filter((s) => s.endedAt === null);
  const session = open[open.length - 1] ?? null;
  const ended = all.filter((s) => s.endedAt !== null);
  const lastEnded = ended[ended.length - 1] ?? null;
  const isFacilitator = !!session && session.facilitator.id === user.id;
  const canEdit = deps.can.edit;

  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<StageNo | null>(null);
  const [ownStage, setOwnStage] = useState<StageNo | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [recordId, setRecordId] = useState<string | null>(null);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof CommandError || e instanceof Error) notify(errorText(e));
    },
    [notify, errorText],
  );

  // The facilitator's move is shown at once; the stored stage follows.
  const roomStage: StageNo = session ? (isFacilitator && pending ? pending : session.stage) : 1;
  useEffect(() => {
    if (pending && session?.stage === pending) setPending(null);
  }, [pending, session?.stage]);
  const following = !isFacilitator && ownStage === null;
  const viewStage = isFacilitator || ownStage === null ? roomStage : ownStage;

  // Everyone who opens the SOP during the meeting is "there" (the record's list).
  const joined = useRef<string | null>(null);
  const sessionId = session?.id ?? null;
  const present = !!session?.participants.some((p) => p.id === user.id);
  useEffect(() => {
    if (!sessionId || present || joined.current === sessionId) return;
    joined.current = sessionId;
    sendGuided(sopId, 'join', { sessionId }).catch(() => {
      joined.current = null;
    });
  }, [sessionId, present, sopId]);

  // When the meeting this person was in ends, its record opens for them.
  const was = useRef<string | null>(null);
  useEffect(() => {
    if (sessionId) {
      was.current = sessionId;
      return;
    }
    if (was.current && ended.some((s) => s.id === was.current)) {
      setRecordId(was.current);
      was.current = null;
      setOwnStage(null);
      setShowAll(false);
    }
  }, [sessionId, ended]);

  const run = useCallback(
    async <K extends GuidedOp>(
      op: K,
      args: Omit<GuidedOps[K]['args'], 'sessionId'>,
    ): Promise<GuidedOps[K]['result'] | null> => {
      if (!sessionId) return null;
      try {
        return await sendGuided(sopId, op, { ...args, sessionId } as GuidedOps[K]['args']);
      } catch (e) {
        fail(e);
        return null;
      }
    },
    [sessionId, sopId, fail],
  );

  const start = useCallback(async () => {
    setBusy(true);
    try {
      await sendGuided(sopId, 'start', {});
      setOwnStage(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }, [sopId, fail]);

  const moves = useRef<Promise<unknown>>(Promise.resolve());
  const show = useCallback(
    (stage: StageNo) => {
      if (!session) return;
      if (isFacilitator) {
        if (stage === roomStage) return;
        setPending(stage);
        // One move after the other: quick key presses reach the server in their order.
        moves.current = moves.current
          .then(() => run('stage', { stage }))
          .then((r) => {
            if (r === null) setPending(null);
          });
      } else setOwnStage(stage === session.stage ? null : stage);
    },
    [session, isFacilitator, roomStage, run],
  );
  const next = useCallback(() => show(stageBy(viewStage, 1)), [show, viewStage]);
  const prev = useCallback(() => show(stageBy(viewStage, -1)), [show, viewStage]);
  const follow = useCallback(() => setOwnStage(null), []);

  // The facilitator's keyboard, whenever they are not typing.
  const keys = useRef({ next, prev, show });
  keys.current = { next, prev, show };
  useEffect(() => {
    if (!isFacilitator) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.target as Element | null)?.closest?.('[role="dialog"], [role="alertdialog"]')) return;
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^[1-5]$/.test(e.key)) {
        e.preventDefault();
        keys.current.show(Number(e.key) as StageNo);
        return;
      }
      const move = presenterKeyMove(e, false);
      if (move === 0) return;
      e.preventDefault();
      if (move > 0) keys.current.next();
      else keys.current.prev();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [isFacilitator]);

  const taskFunction = session?.taskFunction;
  const done = useMemo(
    () => completeness(deps.snapshot, taskFunction === undefined ? {} : { taskFunction }),
    [deps.snapshot, taskFunction],
  );

  const record = recordId ? (all.find((s) => s.id === recordId) ?? null) : null;
  return {
    deps,
    session,
    record,
    closeRecord: () => setRecordId(null),
    lastEnded,
    openRecord: setRecordId,
    isFacilitator,
    canEdit,
    viewStage,
    following,
    follow,
    show,
    next,
    prev,
    showAll,
    setShowAll,
    completeness: done,
    busy,
    start,
    run,
  };
}
