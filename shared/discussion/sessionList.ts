/**
 * What review sessions and guided meetings share: a Y.Map root in the discussion doc of
 * session id → Y.Map, read in start order through {@link ObservedEntries}, with the
 * clock, id source and transaction origin their writes use.
 */
import * as Y from 'yjs';
import { byStart, ObservedEntries } from './observedEntries';
import { DiscussionError, DiscussionOrigin, randomId } from './util';

export interface SessionOptions {
  origin?: unknown;
  now?: () => number;
  newId?: () => string;
}

type YSession = Y.Map<unknown>;

export abstract class SessionList<T extends { id: string; startedAt: number; endedAt: unknown }> {
  readonly doc: Y.Doc;
  protected readonly origin: unknown;
  protected readonly now: () => number;
  protected readonly newId: () => string;
  protected readonly root: Y.Map<YSession>;
  private readonly sessions: ObservedEntries<YSession, T>;

  constructor(doc: Y.Doc, rootName: string, read: (s: YSession) => T, opts: SessionOptions) {
    this.doc = doc;
    this.origin = opts.origin ?? DiscussionOrigin.local;
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? randomId;
    this.root = doc.getMap<YSession>(rootName);
    this.sessions = new ObservedEntries(
      this.root,
      (s) => (s instanceof Y.Map ? read(s) : null),
      byStart,
    );
  }

  destroy(): void {
    this.sessions.destroy();
  }

  subscribe = (cb: () => void): (() => void) => this.sessions.subscribe(cb);

  /** All sessions ordered by (startedAt, id); the same array until a session changes. */
  getSnapshot = (): readonly T[] => this.sessions.entries();

  get(id: string): T | undefined {
    return this.getSnapshot().find((s) => s.id === id);
  }

  /** The most recently started session that has not ended. */
  active(): T | undefined {
    const open = this.getSnapshot().filter((s) => s.endedAt === null);
    return open[open.length - 1];
  }

  /** The stored session `id`; unless `mustBeLive` is false, one that has not ended. */
  protected ySession(id: string, mustBeLive = true): YSession {
    const s = this.root.get(id);
    if (!(s instanceof Y.Map)) throw new DiscussionError('unknown-session');
    if (mustBeLive && s.get('ended')) throw new DiscussionError('session-ended');
    return s;
  }
}
