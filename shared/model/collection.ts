/**
 * An ordered collection stored as a root `Y.Map<id, Y.Map>` (see order.ts),
 * with memoized plain views and fine-grained subscriptions for React:
 * `ids()` changes identity only when order/membership changes, `get(id)` only
 * when that entry's plain value changes.
 *
 * Reads are total (see skip.ts): a value under the root that is not a Y.Map (any
 * replica can write `steps.set('bogus', 'x')`) is not an entry — it is left out of
 * `ids()`, `list()`, `has()` and `entries()` and reported once; an entry whose plain
 * view throws is left out the same way.
 */
import * as Y from 'yjs';
import type { EntryMap } from './layout.js';
import {
  compareOrdered,
  indexForPosition,
  type OrderedEntry,
  type Position,
  placeKey,
  type Random,
} from './order.js';
import { describeValue, ignoreSkips, reportOnce, type SkipReporter } from './skip.js';

type Listener = () => void;

/** Where a collection lives (for reports) and who hears about skipped entries. */
export interface CollectionReporting {
  /** Root name, e.g. `steps` or `list.legalBasis`. */
  path: string;
  onSkip?: SkipReporter | undefined;
}

export class OrderedCollection<T> {
  private idsCache: readonly string[] | null = null;
  private listCache: T[] | null = null;
  private readonly items = new Map<string, T>();
  private readonly orderListeners = new Set<Listener>();
  private readonly anyListeners = new Set<Listener>();
  private readonly itemListeners = new Map<string, Set<Listener>>();
  private readonly handler: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void;
  private readonly path: string;
  private readonly onSkip: SkipReporter;

  constructor(
    readonly map: Y.Map<EntryMap>,
    private readonly toPlain: (id: string, entry: EntryMap) => T,
    reporting: CollectionReporting = { path: '' },
  ) {
    this.path = reporting.path;
    // A long-lived view re-reads after every change: say each problem once.
    this.onSkip = reportOnce(reporting.onSkip ?? ignoreSkips);
    this.handler = (events) => this.onEvents(events);
    map.observeDeep(this.handler);
  }

  destroy(): void {
    this.map.unobserveDeep(this.handler);
  }

  /** The entry map under `id`, if that value is one (anything else is reported). */
  private asEntry(id: string, v: unknown): EntryMap | undefined {
    if (v instanceof Y.Map) return v;
    if (v !== undefined) this.onSkip(`${this.path}.${id}`, `not an entry (${describeValue(v)})`);
    return undefined;
  }

  /** Every readable entry (Y.Map values only), in storage order. Mutations iterate this. */
  *entries(): IterableIterator<[string, EntryMap]> {
    for (const [id, v] of this.map.entries()) {
      const m = this.asEntry(id, v);
      if (m) yield [id, m];
    }
  }

  /** The plain view of one entry, or undefined (reported) when building it throws. */
  private plain(id: string, m: EntryMap): T | undefined {
    try {
      return this.toPlain(id, m);
    } catch (err) {
      this.onSkip(`${this.path}.${id}`, `unreadable: ${err instanceof Error ? err.message : err}`);
      return undefined;
    }
  }

  /** Entries sorted by (order, id). */
  sorted(): OrderedEntry[] {
    const out: OrderedEntry[] = [];
    for (const [id, m] of this.entries()) {
      const o = m.get('order');
      out.push({ id, order: typeof o === 'string' ? o : '' });
    }
    return out.sort(compareOrdered);
  }

  ids(): readonly string[] {
    if (!this.idsCache) this.idsCache = this.sorted().map((e) => e.id);
    return this.idsCache;
  }

  list(): T[] {
    if (!this.listCache) {
      const out: T[] = [];
      for (const id of this.ids()) {
        const v = this.get(id);
        if (v !== undefined) out.push(v);
      }
      this.listCache = out;
    }
    return this.listCache;
  }

  /** Whether `id` is a readable entry (a value of another type is not). */
  has(id: string): boolean {
    return this.entry(id) !== undefined;
  }

  entry(id: string): EntryMap | undefined {
    return this.asEntry(id, this.map.get(id));
  }

  get(id: string): T | undefined {
    const cached = this.items.get(id);
    if (cached !== undefined) return cached;
    const m = this.entry(id);
    if (!m) return undefined;
    const v = this.plain(id, m);
    if (v !== undefined) this.items.set(id, v);
    return v;
  }

  /**
   * Key for a new/moved entry at `pos`, applying neighbour re-keys if needed.
   * An unknown (or not yet ordered) reference falls back to the end.
   * Call inside a transaction.
   */
  keyFor(pos: Position, random: Random, excludeId?: string): string {
    // Entries can transiently lack `order` (a delete applied while the
    // matching insert waits for a missing update); never compute keys from them.
    const sorted = this.sorted().filter((e) => e.id !== excludeId && e.order !== '');
    const index = indexForPosition(sorted, pos) ?? sorted.length;
    const { key, rekeys } = placeKey(sorted, index, random);
    for (const r of rekeys) this.map.get(r.id)?.set('order', r.order);
    return key;
  }

  observeOrder(cb: Listener): () => void {
    this.orderListeners.add(cb);
    return () => this.orderListeners.delete(cb);
  }

  /** Fires when anything in the collection changes (order or any entry). */
  observeAny(cb: Listener): () => void {
    this.anyListeners.add(cb);
    return () => this.anyListeners.delete(cb);
  }

  observeItem(id: string, cb: Listener): () => void {
    let set = this.itemListeners.get(id);
    if (!set) {
      set = new Set();
      this.itemListeners.set(id, set);
    }
    set.add(cb);
    return () => {
      set.delete(cb);
      if (set.size === 0) this.itemListeners.delete(id);
    };
  }

  private onEvents(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void {
    let orderDirty = false;
    const dirty = new Set<string>();
    for (const ev of events) {
      if (ev.target === this.map && ev instanceof Y.YMapEvent) {
        for (const k of ev.keysChanged as Set<string>) {
          dirty.add(k);
          orderDirty = true;
        }
        continue;
      }
      const id = ev.path[0];
      if (typeof id !== 'string') continue;
      dirty.add(id);
      if (ev.path.length === 1 && ev instanceof Y.YMapEvent && ev.keysChanged.has('order')) {
        orderDirty = true;
      }
    }
    const changed: string[] = [];
    for (const id of dirty) {
      const old = this.items.get(id);
      const m = this.entry(id);
      const v = m ? this.plain(id, m) : undefined;
      if (v === undefined) {
        this.items.delete(id);
        if (old !== undefined) changed.push(id);
        continue;
      }
      if (old === undefined || JSON.stringify(old) !== JSON.stringify(v)) {
        this.items.set(id, v);
        changed.push(id);
      }
    }
    let orderChanged = false;
    if (orderDirty) {
      const next = this.sorted().map((e) => e.id);
      const prev = this.idsCache;
      if (!prev || prev.length !== next.length || prev.some((x, i) => x !== next[i])) {
        this.idsCache = next;
        orderChanged = true;
      }
    }
    if (!orderChanged && changed.length === 0) return;
    this.listCache = null;
    if (orderChanged) for (const cb of [...this.orderListeners]) cb();
    for (const id of changed) for (const cb of [...(this.itemListeners.get(id) ?? [])]) cb();
    for (const cb of [...this.anyListeners]) cb();
  }
}
