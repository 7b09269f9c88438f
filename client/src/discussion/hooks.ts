import {
  type Anchor,
  type Discussion,
  type DiscussionSnapshot,
  type OpenCounts,
  openCounts,
  type StepSource,
} from '@shared/discussion/index';
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { CommandError, DiscussionOp } from '../lib/commands';
import { type DiscussionConnection, DiscussionSession } from './DiscussionSession';

const EMPTY: DiscussionSnapshot = { threads: [], byId: new Map() };
const noopSubscribe = () => () => {};
const emptySnapshot = () => EMPTY;
const connecting = (): DiscussionConnection => 'connecting';

/**
 * Opens the discussion document of SOP `sopId` (room `${sopId}.discussion`):
 * creates the Y.Doc, IndexedDB copy and `WebsocketProvider` inside an effect
 * (never during render: StrictMode mounts twice) and destroys them on
 * unmount or when `sopId` changes. When the server refuses the replica, its
 * local copy is dropped and a fresh session opened. Pass the content `SopDoc`
 * as `sop` to have the server keep the last text of deleted steps' threads
 * (editors only: the server refuses it from others). `onError` hears about
 * failed commands the user asked for (to show a toast).
 * Returns null for `session` until the effect ran.
 */
export function useDiscussion(
  sopId: string,
  opts: {
    sop?: StepSource | null;
    onError?: (e: CommandError, op: DiscussionOp) => void;
    url?: string;
    indexedDb?: boolean;
  } = {},
): {
  session: DiscussionSession | null;
  snapshot: DiscussionSnapshot;
  connection: DiscussionConnection;
} {
  const [session, setSession] = useState<DiscussionSession | null>(null);
  const [generation, setGeneration] = useState(0);
  const { url, indexedDb, sop } = opts;
  const onError = useRef(opts.onError);
  onError.current = opts.onError;
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation re-opens after a refusal
  useEffect(() => {
    let live = true;
    const s = new DiscussionSession(sopId, {
      ...(url !== undefined ? { url } : {}),
      ...(indexedDb !== undefined ? { indexedDb } : {}),
      onError: (e, op) => onError.current?.(e, op),
    });
    const off = s.onRefused(() => {
      void s.discardLocalCopy().finally(() => {
        if (live) setGeneration((g) => g + 1);
      });
    });
    setSession(s);
    return () => {
      live = false;
      off();
      setSession(null);
      s.destroy();
    };
  }, [sopId, url, indexedDb, generation]);
  useEffect(() => {
    if (!session) return;
    session.trackContent(sop ?? null);
    return () => session.trackContent(null);
  }, [session, sop]);
  const snapshot = useDiscussionSnapshot(session?.discussion ?? null);
  const connection = useSyncExternalStore(
    session ? session.subscribeConnection : noopSubscribe,
    session ? session.getConnection : connecting,
    connecting,
  );
  return { session, snapshot, connection };
}

/** The discussion's immutable snapshot; re-renders only when threads change. */
export function useDiscussionSnapshot(discussion: Discussion | null): DiscussionSnapshot {
  const get = discussion ? discussion.getSnapshot : emptySnapshot;
  // Third argument: the same snapshot, so the components also render on a server / in tests.
  return useSyncExternalStore(discussion ? discussion.subscribe : noopSubscribe, get, get);
}

/** Context the editor may set so deep components find the open discussion. */
export const DiscussionContext = createContext<Discussion | null>(null);

export function useDiscussionContext(): Discussion | null {
  return useContext(DiscussionContext);
}

const countCache = new WeakMap<DiscussionSnapshot, OpenCounts>();

/** Open-thread counts of a snapshot, computed once per snapshot. */
export function countsOf(snapshot: DiscussionSnapshot): OpenCounts {
  let c = countCache.get(snapshot);
  if (!c) {
    c = openCounts(snapshot);
    countCache.set(snapshot, c);
  }
  return c;
}

/** Open threads on one anchor (a step counts its fields' threads too). */
export function countFor(counts: OpenCounts, anchor: Anchor): number {
  switch (anchor.kind) {
    case 'step':
      return anchor.field
        ? (counts.byStepField.get(`${anchor.stepId}:${anchor.field}`) ?? 0)
        : (counts.byStep.get(anchor.stepId) ?? 0);
    case 'identity':
      return counts.byIdentityField.get(anchor.field) ?? 0;
    case 'narrative':
      return counts.byNarrativeSection.get(anchor.section) ?? 0;
    default:
      return counts.sop;
  }
}

/**
 * Open-thread count of one anchor, subscribed directly: a row using it
 * re-renders only when ITS count changes (the hook returns a number).
 */
export function useOpenCount(discussion: Discussion | null, anchor: Anchor): number {
  const get = () => (discussion ? countFor(countsOf(discussion.getSnapshot()), anchor) : 0);
  return useSyncExternalStore(discussion ? discussion.subscribe : noopSubscribe, get, get);
}
