/**
 * Suggestion mode in the editor (issue 16): who may suggest and decide, whether this
 * user is suggesting (a commenter always; an editor who switched "suggest" on), the
 * synced suggestions of the SOP, and the actions (each a REST call; the server writes,
 * the result arrives over the sockets).
 *
 * While an editor suggests, the editor below is read-only (the same lock an approved
 * SOP uses): changes are proposed through the suggestion buttons instead.
 */

import type { Discussion } from '@shared/discussion/index';
import {
  type Author,
  type Suggestion,
  type SuggestionChange,
  Suggestions,
  type SuggestionsSnapshot,
  stepOf,
} from '@shared/discussion/index';
import type { SopDoc } from '@shared/model/index';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { commandErrorText, useAccessT } from '../editor/access/useEditorAccess';
import { CommandError } from '../lib/commands';
import type { SopCan } from '../lib/workflowApi';
import { EditLockContext, useEditLocked } from '../review/editLock';
import { useEditLock } from '../review/RevisionBanner';
import { useSuggestionsT } from './i18n';
import { suggestionsApi } from './suggestionsApi';

export type AcceptResult = 'ok' | 'stale' | 'failed';

export interface SuggestionsValue {
  /** The synced suggestions (null until the discussion doc is open). */
  store: Suggestions | null;
  sop: SopDoc;
  user: Author;
  /** May propose changes: commenter and above, SOP not frozen. */
  canSuggest: boolean;
  /** May accept and reject: owner and editor, SOP not frozen. */
  canResolve: boolean;
  /** This user proposes instead of editing (commenters always, editors in suggest mode). */
  suggesting: boolean;
  suggestMode: boolean;
  setSuggestMode(on: boolean): void;
  create(change: SuggestionChange, comment?: string): Promise<boolean>;
  /** 'stale' when the server asks for confirmation (the text changed since). */
  accept(id: string, confirmStale?: boolean): Promise<AcceptResult>;
  reject(id: string): Promise<boolean>;
  bulk(action: 'accept' | 'reject', authorId: string): Promise<boolean>;
  /**
   * The suggestion's thread: its own, or one started now with `body`. Null when it has
   * none and no body was given, or when starting it failed (reported).
   */
  discuss(s: Suggestion, body?: string): Promise<string | null>;
}

export const SuggestionsContext = createContext<SuggestionsValue | null>(null);

/** The editor's suggestion state, or null outside the editor. */
export function useSuggestions(): SuggestionsValue | null {
  return useContext(SuggestionsContext);
}

const EMPTY: SuggestionsSnapshot = { list: [], byId: new Map() };
const noop = () => () => {};
const empty = () => EMPTY;

export function useSuggestionsSnapshot(store: Suggestions | null): SuggestionsSnapshot {
  const get = store ? store.getSnapshot : empty;
  return useSyncExternalStore(store ? store.subscribe : noop, get, get);
}

/** Open suggestions sorted by where they are shown. */
export interface OpenIndex {
  open: readonly Suggestion[];
  /** Step id → suggestions on that step (wording, time, pelaksana, delete, move). */
  onStep: ReadonlyMap<string, readonly Suggestion[]>;
  /** Step id ('' = the start) → proposed new steps after it. */
  insertsAfter: ReadonlyMap<string, readonly Suggestion[]>;
  /** Identity field or list box → suggestions. */
  identity: ReadonlyMap<string, readonly Suggestion[]>;
  /** Narrative section → suggestions. */
  narrative: ReadonlyMap<string, readonly Suggestion[]>;
  /** Step id → how many suggestions touch it (for the flowchart). */
  markers: ReadonlyMap<string, number>;
  byAuthor: ReadonlyMap<string, { author: Author; list: readonly Suggestion[] }>;
}

const indexCache = new WeakMap<SuggestionsSnapshot, OpenIndex>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function indexOf(snapshot: SuggestionsSnapshot): OpenIndex {
  const cached = indexCache.get(snapshot);
  if (cached) return cached;
  const open = snapshot.list.filter((s) => !s.resolution);
  const onStep = new Map<string, Suggestion[]>();
  const insertsAfter = new Map<string, Suggestion[]>();
  const identity = new Map<string, Suggestion[]>();
  const narrative = new Map<string, Suggestion[]>();
  const markers = new Map<string, number>();
  const byAuthor = new Map<string, { author: Author; list: Suggestion[] }>();
  for (const s of open) {
    const c = s.change;
    if (c.kind === 'insertStep') push(insertsAfter, c.afterStepId ?? '', s);
    else if (c.kind === 'identityText') push(identity, c.field, s);
    else if (c.kind === 'identityList') push(identity, c.box, s);
    else if (c.kind === 'narrative') push(narrative, c.section, s);
    else push(onStep, c.stepId, s);
    const step = stepOf(c);
    if (step) markers.set(step, (markers.get(step) ?? 0) + 1);
    const mine = byAuthor.get(s.author.id);
    if (mine) mine.list.push(s);
    else byAuthor.set(s.author.id, { author: s.author, list: [s] });
  }
  const out: OpenIndex = { open, onStep, insertsAfter, identity, narrative, markers, byAuthor };
  indexCache.set(snapshot, out);
  return out;
}

/** The open suggestions, indexed by place; a new object only when suggestions change. */
export function useOpenIndex(): OpenIndex | null {
  const ctx = useSuggestions();
  const snapshot = useSuggestionsSnapshot(ctx?.store ?? null);
  return ctx ? indexOf(snapshot) : null;
}

/** Step id → open suggestions on it, for the flowchart marker (null outside the editor). */
export function useSuggestionMarkers(): ReadonlyMap<string, number> | null {
  const index = useOpenIndex();
  return index && index.markers.size > 0 ? index.markers : null;
}

/**
 * Provides suggestion mode to the editor below. Place it inside the review provider:
 * it tightens that provider's edit lock while an editor suggests.
 */
export function SuggestionsProvider({
  sopId,
  sop,
  discussion,
  user,
  can,
  notify,
  children,
}: {
  sopId: string;
  sop: SopDoc;
  discussion: Discussion | null;
  user: Author;
  can: SopCan;
  /** Shows a toast. */
  notify: (text: string) => void;
  children?: ReactNode;
}) {
  const { t } = useSuggestionsT();
  const { t: ta } = useAccessT();
  const [store, setStore] = useState<Suggestions | null>(null);
  // In an effect: the store observes the doc and must be destroyed (StrictMode mounts twice).
  useEffect(() => {
    if (!discussion) return;
    const s = new Suggestions(discussion);
    setStore(s);
    return () => {
      setStore(null);
      s.destroy();
    };
  }, [discussion]);
  const frozen = useEditLock({ sop });
  const outerLock = useEditLocked();
  const canResolve = can.edit && !frozen;
  const canSuggest = can.comment && !frozen;
  const [suggestMode, setMode] = useState(false);
  const suggesting = canSuggest && (!canResolve || suggestMode);
  const api = useMemo(() => suggestionsApi(sopId), [sopId]);

  const fail = useCallback(
    (e: unknown) => {
      if (!(e instanceof CommandError)) {
        notify(t('errors.failed', { message: String(e) }));
        return;
      }
      const known: Record<string, string> = {
        stale: 'errors.stale',
        suggestion_obsolete: 'errors.obsolete',
        already_resolved: 'errors.alreadyResolved',
        locked: 'errors.locked',
      };
      const key = known[e.code];
      if (key) notify(t(key));
      else if (e.offline || e.forbidden) notify(commandErrorText(ta, e));
      else notify(t('errors.failed', { message: e.message }));
    },
    [notify, t, ta],
  );

  const value = useMemo<SuggestionsValue>(
    () => ({
      store,
      sop,
      user,
      canSuggest,
      canResolve,
      suggesting,
      suggestMode,
      setSuggestMode: setMode,
      create: (change, comment) =>
        api.create(change, comment?.trim() ? { comment: comment.trim() } : {}).then(
          () => true,
          (e) => {
            fail(e);
            return false;
          },
        ),
      accept: (id, confirmStale = false) =>
        api.accept(id, confirmStale).then(
          (): AcceptResult => 'ok',
          (e): AcceptResult => {
            if (e instanceof CommandError && e.code === 'stale') return 'stale';
            fail(e);
            return 'failed';
          },
        ),
      reject: (id) =>
        api.reject(id).then(
          () => true,
          (e) => {
            fail(e);
            return false;
          },
        ),
      bulk: (action, authorId) =>
        api.bulk(action, authorId).then(
          (out) => {
            const skipped = out.skipped.length;
            notify(
              `${t('menu.bulkDone', { count: out.done.length })}${skipped ? `; ${t('menu.bulkSkipped', { count: skipped })}` : ''}`,
            );
            return true;
          },
          (e) => {
            fail(e);
            return false;
          },
        ),
      discuss: async (s, body) => {
        if (s.threadId) return s.threadId;
        if (!body?.trim()) return null;
        try {
          return (await api.discuss(s.id, body.trim())).threadId;
        } catch (e) {
          fail(e);
          return null;
        }
      },
    }),
    [store, sop, user, canSuggest, canResolve, suggesting, suggestMode, api, fail, notify, t],
  );
  return (
    <SuggestionsContext.Provider value={value}>
      <EditLockContext.Provider value={outerLock || (suggestMode && canResolve)}>
        {children}
      </EditLockContext.Provider>
    </SuggestionsContext.Provider>
  );
}
