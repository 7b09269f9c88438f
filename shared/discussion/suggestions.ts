/**
 * Suggestions (issue 16) in the discussion doc, root `suggestions`: suggestion id →
 * Y.Map with
 *   `id`, `author`, `createdAt`, `change`, `base`, `sessionId`, `span` (immutable, set at
 *   creation; `span`: the changed part of a text field, by relative positions),
 *   `threadId` (LWW: the thread discussing it, set at creation or when first discussed),
 *   `resolution` ({status, by, at, stale, ...} | null: ONE key, so concurrent writers
 *   pick one winner and never mix one side's status with the other's decider).
 * The map is created with a fresh id, so no replica can create a competing one.
 *
 * This file only stores and reads; what a suggestion means for the content (its base,
 * whether it is stale, applying it) is in `suggestionContent.ts`, and the checked
 * operations the server runs are in `suggestionOps.ts`.
 */

import * as Y from 'yjs';
import type { Discussion } from './discussion';
import { ObservedEntries } from './observedEntries';
import { byTimeThenId, isEntry } from './schema';
import { parseChange, parseResolution, parseSpan, parseValue } from './suggestionParse';
import type {
  Suggestion,
  SuggestionChange,
  SuggestionResolution,
  SuggestionsSnapshot,
  SuggestionValue,
  TextSpan,
} from './suggestionTypes';
import type { Author } from './types';
import { DiscussionError, DiscussionOrigin, randomId } from './util';

export const ROOT_SUGGESTIONS = 'suggestions';

const K = {
  id: 'id',
  author: 'author',
  createdAt: 'createdAt',
  change: 'change',
  base: 'base',
  sessionId: 'sessionId',
  threadId: 'threadId',
  resolution: 'resolution',
  span: 'span',
} as const;

type YSuggestion = Y.Map<unknown>;

function who(a: Author): Author {
  return { id: a.id, name: a.name, colour: a.colour };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Reads one stored suggestion; null when it is not one (a writer bypassing the server). */
function readSuggestion(s: YSuggestion): Suggestion | null {
  const change = parseChange(s.get(K.change));
  const id = s.get(K.id);
  if (!change || typeof id !== 'string' || !id) return null;
  const a = s.get(K.author) as Partial<Author> | undefined;
  const createdAt = s.get(K.createdAt);
  const threadId = s.get(K.threadId);
  const sessionId = s.get(K.sessionId);
  return {
    id,
    author: { id: str(a?.id), name: str(a?.name), colour: str(a?.colour) || '#888888' },
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    change,
    base: parseValue(s.get(K.base)),
    threadId: typeof threadId === 'string' && threadId ? threadId : null,
    sessionId: typeof sessionId === 'string' && sessionId ? sessionId : null,
    resolution: parseResolution(s.get(K.resolution)),
    span: parseSpan(s.get(K.span)),
  };
}

export interface SuggestionsOptions {
  origin?: unknown;
  now?: () => number;
  newId?: () => string;
}

export interface CreateSuggestionInput {
  author: Author;
  change: SuggestionChange;
  base: SuggestionValue;
  /** Proposed by the client (so a retried request is recognised); fresh if absent. */
  id?: string;
  threadId?: string | null;
  sessionId?: string | null;
  /** The part of a text field it changes (see `Suggestion.span`). */
  span?: TextSpan | null;
}

/** The suggestions of one SOP; shares the discussion doc (and its `Discussion`). */
export class Suggestions {
  readonly doc: Y.Doc;
  readonly discussion: Discussion;
  private readonly origin: unknown;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly root: Y.Map<YSuggestion>;
  private readonly entries: ObservedEntries<YSuggestion, Suggestion>;
  private snapshot: SuggestionsSnapshot | null = null;

  constructor(discussion: Discussion, opts: SuggestionsOptions = {}) {
    this.discussion = discussion;
    this.doc = discussion.doc;
    this.origin = opts.origin ?? discussion.origin ?? DiscussionOrigin.local;
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? randomId;
    this.root = this.doc.getMap<YSuggestion>(ROOT_SUGGESTIONS);
    this.entries = new ObservedEntries(
      this.root,
      (ys) => (isEntry(ys) ? readSuggestion(ys) : null),
      byTimeThenId,
    );
  }

  destroy(): void {
    this.entries.destroy();
  }

  subscribe = (cb: () => void): (() => void) => this.entries.subscribe(cb);

  /** Every readable suggestion by (createdAt, id); the same object until one changes. */
  getSnapshot = (): SuggestionsSnapshot => {
    const list = this.entries.entries();
    if (this.snapshot?.list !== list)
      this.snapshot = { list, byId: new Map(list.map((s) => [s.id, s])) };
    return this.snapshot;
  };

  /** Whether anything is stored under `id` (even an unreadable entry: the id is taken). */
  has(id: string): boolean {
    return this.root.has(id);
  }

  get(id: string): Suggestion | undefined {
    return this.getSnapshot().byId.get(id);
  }

  /** Open (unresolved) suggestions, in order. */
  open(): Suggestion[] {
    return this.getSnapshot().list.filter((s) => s.resolution === null);
  }

  /** Stores a new suggestion; returns its id. Callers validate `change` and `base` first. */
  create(input: CreateSuggestionInput): string {
    const id = input.id ?? this.newId();
    if (this.root.has(id)) throw new DiscussionError('duplicate-id', `suggestion ${id} exists`);
    const at = this.now();
    this.doc.transact(() => {
      const s: YSuggestion = new Y.Map<unknown>();
      s.set(K.id, id);
      s.set(K.author, who(input.author));
      s.set(K.createdAt, at);
      s.set(K.change, structuredClone(input.change));
      s.set(K.base, structuredClone(input.base));
      s.set(K.sessionId, input.sessionId ?? null);
      s.set(K.threadId, input.threadId ?? null);
      s.set(K.resolution, null);
      s.set(K.span, input.span ? { ...input.span } : null);
      this.root.set(id, s);
    }, this.origin);
    return id;
  }

  private ySuggestion(id: string): YSuggestion {
    const s = this.root.get(id);
    if (!isEntry(s) || !this.get(id))
      throw new DiscussionError('unknown-suggestion', `unknown suggestion ${id}`);
    return s;
  }

  /**
   * Records how the suggestion ended. Refused when it already has a resolution: a
   * suggestion is decided once (the server runs check and write in one synchronous
   * step, so of two concurrent accepts exactly one gets here first).
   */
  resolve(id: string, r: Omit<SuggestionResolution, 'by' | 'at'> & { by: Author }): void {
    const s = this.ySuggestion(id);
    if (this.get(id)?.resolution) throw new DiscussionError('already-resolved');
    const value: SuggestionResolution = { ...r, by: who(r.by), at: this.now() };
    this.doc.transact(() => s.set(K.resolution, value), this.origin);
  }

  /** Attaches the thread that discusses the suggestion (kept if one is attached already). */
  linkThread(id: string, threadId: string): void {
    const s = this.ySuggestion(id);
    if (this.get(id)?.threadId) return;
    this.doc.transact(() => s.set(K.threadId, threadId), this.origin);
  }
}
