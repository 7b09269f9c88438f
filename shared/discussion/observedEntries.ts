import type * as Y from 'yjs';

/**
 * A Y.Map of entries (threads, suggestions) read as one sorted list, kept in step with
 * the document: only the entries a transaction touched are read again, so unchanged
 * ones keep their object (memoized rows do not re-render), and subscribers hear of
 * every change. An entry `read` cannot make sense of (only a writer bypassing the
 * server could store one) is left out.
 */
export class ObservedEntries<V, T> {
  private readonly listeners = new Set<() => void>();
  private readonly cache = new Map<string, T | null>();
  private dirty = new Set<string>();
  private allDirty = true;
  private list: T[] | null = null;
  private readonly onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const e of events) {
      if (e.target === this.root) for (const k of e.changes.keys.keys()) this.dirty.add(k);
      else {
        const first = e.path[0];
        if (typeof first === 'string') this.dirty.add(first);
        else this.allDirty = true;
      }
    }
    this.list = null;
    for (const l of [...this.listeners]) l();
  };

  constructor(
    private readonly root: Y.Map<V>,
    private readonly read: (entry: V) => T | null,
    private readonly order: (a: T, b: T) => number,
  ) {
    root.observeDeep(this.onDeep);
  }

  /** Calls `cb` after every transaction that changed an entry. Returns an unsubscribe function. */
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  };

  /** Detaches the observer. */
  destroy(): void {
    this.root.unobserveDeep(this.onDeep);
    this.listeners.clear();
  }

  /** The readable entries in order: the same array until an entry changes. */
  entries(): T[] {
    if (this.list) return this.list;
    if (this.allDirty) {
      this.cache.clear();
      this.allDirty = false;
    } else for (const id of this.dirty) this.cache.delete(id);
    this.dirty = new Set();
    const list: T[] = [];
    this.root.forEach((entry, key) => {
      let t = this.cache.get(key);
      if (t === undefined) {
        t = this.read(entry);
        this.cache.set(key, t);
      }
      if (t !== null) list.push(t);
    });
    for (const key of [...this.cache.keys()]) if (!this.root.has(key)) this.cache.delete(key);
    list.sort(this.order);
    this.list = list;
    return list;
  }
}

/** Sessions (review, guided meeting) in the order they started, ties by id. */
export function byStart(a: { startedAt: number; id: string }, b: typeof a): number {
  return a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
