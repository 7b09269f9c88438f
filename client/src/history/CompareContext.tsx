import type { SopDoc } from '@shared/model/index';
import type { SopSnapshot } from '@shared/model/types';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { RowMarksContext } from '../editor/procedure/rowMarks';
import { onDocChange } from '../lib/docChange';
import {
  getVersion,
  restoreVersion,
  type VersionDetail,
  type VersionListItem,
} from '../review/versionsApi';
import { buildCompareModel, type CompareModel } from './compareModel';

/** What to compare: a version with another version, or with now (`'current'`). */
export interface CompareRequest {
  from: string;
  to: string;
}

export type CompareState =
  | { status: 'idle' }
  | { status: 'loading'; req: CompareRequest }
  | { status: 'error'; req: CompareRequest; message: string }
  | { status: 'ready'; req: CompareRequest; from: VersionDetail; to: VersionDetail | null };

/** Shown after a restore (with the version that undoes it). */
export interface RestoreNotice {
  label: string;
  undo: VersionListItem;
}

export interface CompareApi {
  sopId: string;
  /** The caller may change the content (and so restore). */
  canEdit: boolean;
  state: CompareState;
  /** Compared with the live document (the editor marks its own rows). */
  live: boolean;
  model: CompareModel | null;
  /** Index in `model.items` of the change being looked at. */
  index: number;
  setIndex(i: number): void;
  start(req: CompareRequest): void;
  stop(): void;
  /** Restores a version (a new change for everyone), then leaves compare mode. */
  restore(version: { id: string; label: string }): Promise<void>;
  notice: RestoreNotice | null;
  clearNotice(): void;
  /** Bumped when versions were added (a restore stores one): lists reload. */
  versionsTick: number;
}

const CompareContext = createContext<CompareApi | null>(null);

/** The editor's compare mode, or null outside the editor. */
export function useCompare(): CompareApi | null {
  return useContext(CompareContext);
}

/**
 * The live SOP as a snapshot while `enabled`, recomputed `delayMs` after edits settle
 * (nothing at all while not comparing with now).
 */
function useLiveSnapshot(sop: SopDoc, enabled: boolean, delayMs = 300): SopSnapshot | null {
  const [snap, setSnap] = useState<SopSnapshot | null>(null);
  useEffect(() => {
    if (!enabled) {
      setSnap(null);
      return;
    }
    setSnap(sop.toSnapshot());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        setSnap(sop.toSnapshot());
      }, delayMs);
    };
    const off = onDocChange(sop.doc, onUpdate);
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [sop, enabled, delayMs]);
  return snap;
}

/**
 * Compare mode of the editor (issue 16). Holds which versions are compared, loads their
 * snapshots, and derives the compare model — against the live document when comparing
 * with now, so the marks follow everyone's edits — and gives the procedure table its
 * row marks through {@link RowMarksContext}.
 */
export function CompareProvider({
  sopId,
  sop,
  canEdit,
  children,
}: {
  sopId: string;
  /** The live SOP. */
  sop: SopDoc;
  canEdit: boolean;
  children: ReactNode;
}) {
  const [state, setState] = useState<CompareState>({ status: 'idle' });
  const [index, setIndex] = useState(0);
  const [notice, setNotice] = useState<RestoreNotice | null>(null);
  const [versionsTick, setVersionsTick] = useState(0);
  const run = useRef(0);

  const start = useCallback(
    (req: CompareRequest) => {
      const n = ++run.current;
      setState({ status: 'loading', req });
      setIndex(0);
      const load = (id: string) =>
        id === 'current' ? Promise.resolve(null) : getVersion(sopId, id);
      Promise.all([load(req.from), load(req.to)]).then(
        ([from, to]) => {
          if (run.current !== n) return;
          if (!from) {
            setState({ status: 'error', req, message: 'from' });
            return;
          }
          setState({ status: 'ready', req, from, to });
        },
        (e: unknown) => {
          if (run.current === n)
            setState({ status: 'error', req, message: e instanceof Error ? e.message : String(e) });
        },
      );
    },
    [sopId],
  );
  const stop = useCallback(() => {
    run.current++;
    setState({ status: 'idle' });
  }, []);

  const ready = state.status === 'ready' ? state : null;
  const live = ready !== null && ready.to === null;
  const snapshot = useLiveSnapshot(sop, live);
  const fromSnap = ready?.from.snapshot ?? null;
  const toSnap = ready ? (ready.to?.snapshot ?? snapshot) : null;
  const model = useMemo(
    () => (fromSnap && toSnap ? buildCompareModel(fromSnap, toSnap) : null),
    [fromSnap, toSnap],
  );
  const count = model?.items.length ?? 0;
  useEffect(() => {
    if (index >= count && count > 0) setIndex(count - 1);
  }, [index, count]);

  const restore = useCallback(
    async (version: { id: string; label: string }) => {
      const out = await restoreVersion(sopId, version.id);
      setVersionsTick((x) => x + 1);
      setNotice({ label: version.label, undo: out.preRestore });
      stop();
    },
    [sopId, stop],
  );
  const clearNotice = useCallback(() => setNotice(null), []);

  const focusedItem = model?.items[index];
  const focused = focusedItem?.kind === 'step' ? focusedItem.id : null;
  const rowMarks = useMemo(
    () => (live && model ? { model, focused } : null),
    [live, model, focused],
  );
  const api = useMemo<CompareApi>(
    () => ({
      sopId,
      canEdit,
      state,
      live,
      model,
      index,
      setIndex,
      start,
      stop,
      restore,
      notice,
      clearNotice,
      versionsTick,
    }),
    [
      sopId,
      canEdit,
      state,
      live,
      model,
      index,
      start,
      stop,
      restore,
      notice,
      clearNotice,
      versionsTick,
    ],
  );
  return (
    <CompareContext.Provider value={api}>
      <RowMarksContext.Provider value={rowMarks}>{children}</RowMarksContext.Provider>
    </CompareContext.Provider>
  );
}
