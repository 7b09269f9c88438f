/**
 * The "stored before seen" pipeline of one room. Doc changes are pushed here as they
 * are applied; the shared {@link WriteBatcher} takes them as one group per event-loop
 * turn; only when the group's append committed does the room broadcast them. Anything
 * else that must not be seen before it is stored (a sync step 2 answer, a version)
 * waits here too.
 *
 * The queue also knows what is stored: the sequence number of the last row it stored
 * (`DocLog.append`'s answer) and, on request, the doc's state at a moment when it held
 * exactly the stored rows ({@link storedState}). Compaction takes its snapshot from
 * there and only from there, so a group that is not yet stored, or whose append then
 * fails, is never in a snapshot.
 *
 * Lifecycle: open → closed ({@link abandon}: a reset or dispose). A closed queue seals
 * nothing more (its pending updates are dropped, never written), rejects every waiter,
 * and ignores the outcome of the group still in flight; {@link drained} tells when that
 * group has settled, so the document is not loaded again while it may still commit.
 */
import * as Y from 'yjs';
import type { BatchSource, WriteBatcher } from './writeBatcher.js';

/**
 * Most updates merged into one stored row / broadcast message. Small merges are cheap
 * (`Y.mergeUpdates` is superlinear only over long runs) and turn k log rows and k
 * sends per receiver into one.
 */
const MERGE_CHUNK = 128;

export interface QueuedUpdate {
  update: Uint8Array;
  origin: unknown;
}

/** The doc's encoded state when it held exactly the rows stored up to `seq`. */
export interface StoredState {
  state: Uint8Array;
  seq: number;
}

/** What a stored group tells the room. */
export interface StoredGroup {
  items: QueuedUpdate[];
  /** The rows that were stored (the group's updates merged, in chunks). */
  merged: Uint8Array[];
  /** State vector of the doc when the group was sealed: what is stored now. */
  sv: Uint8Array;
  /** Sequence number of the group's last row. */
  seq: number;
  /** The document's last sequence number before the group (the link `prevSeq → seq`). */
  prevSeq: number;
}

export interface DurableQueueHooks {
  /** State vector of the doc right now (taken when a group is sealed). */
  stateVector(): Uint8Array;
  /** The doc's whole state right now (taken only when {@link DurableQueue.storedState} asked). */
  encodeState(): Uint8Array;
  /** The group is stored: broadcast it. */
  stored(group: StoredGroup): void;
  /** The group's append failed: nothing of it is stored (the room must reset). */
  failed(error: unknown): void;
}

interface Group {
  items: QueuedUpdate[];
  merged: Uint8Array[];
  /** Queue position after the group's last update. */
  pos: number;
  sv: Uint8Array;
  /** The doc's state at the seal, for the {@link storedState} callers waiting on it. */
  snapshot: Uint8Array | null;
  snapshotWaiters: Deferred<StoredState>[];
}

interface Deferred<T> {
  resolve(value: T): void;
  reject(err: Error): void;
}

type Waiter = { pos: number; resolve: () => void; reject: (err: Error) => void };

export class DurableQueue implements BatchSource {
  private pending: QueuedUpdate[] = [];
  /** Sealed groups handed to the batcher and not yet heard back, oldest first. */
  private readonly inFlight: Group[] = [];
  private waiters: Waiter[] = [];
  /** {@link storedState} callers waiting for the next seal or for the queue to settle. */
  private snapshotWaiters: Deferred<StoredState>[] = [];
  private drainWaiters: Array<() => void> = [];
  private appliedPos = 0;
  private storedPos = 0;
  private seq: number;
  private closedWith: Error | null = null;

  /** `loadedSeq`: the last sequence number among the rows the doc was loaded from. */
  constructor(
    readonly docId: string,
    private readonly batcher: Pick<WriteBatcher, 'schedule'>,
    private readonly hooks: DurableQueueHooks,
    loadedSeq = 0,
  ) {
    this.seq = loadedSeq;
  }

  /** True when everything pushed so far is stored. */
  get settled(): boolean {
    return this.storedPos === this.appliedPos;
  }

  /** Sequence number of the last row stored through this queue (or loaded). */
  get storedSeq(): number {
    return this.seq;
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Number of updates pushed so far and not rolled back (a position for {@link rollback}). */
  get position(): number {
    return this.appliedPos;
  }

  /** The doc was loaded (again) from rows up to `seq`. */
  loadedUpTo(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  push(update: Uint8Array, origin: unknown): void {
    if (this.closedWith) return;
    this.appliedPos++;
    this.pending.push({ update, origin });
    if (this.pending.length === 1) this.batcher.schedule(this);
  }

  /** Forget updates pushed after `position` (they came from an update that failed midway). */
  rollback(position: number): number {
    const drop = this.appliedPos - position;
    if (drop <= 0) return 0;
    this.pending.splice(Math.max(0, this.pending.length - drop));
    this.appliedPos = position;
    return drop;
  }

  /** Run `fn` once everything pushed so far is stored (at once if it already is); never if the queue closes first. */
  afterStored(fn: () => void): void {
    if (this.closedWith) return;
    if (this.settled) fn();
    else this.waiters.push({ pos: this.appliedPos, resolve: fn, reject: () => {} });
  }

  /** Resolves when everything pushed so far is stored; rejects if that write failed or the queue closed. */
  whenStored(): Promise<void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (this.settled) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.waiters.push({ pos: this.appliedPos, resolve, reject }),
    );
  }

  /**
   * The doc's state at a moment it held exactly the stored rows, with the sequence
   * number of the last of them. Why this is safe to compact with: it is taken either
   * now, when nothing is pending or in flight (the doc is the stored state), or when the
   * next group is sealed (the doc is the stored state plus that group) and handed out
   * only once that group and every earlier one are stored. Rejects if the queue closes
   * or the group fails first.
   */
  storedState(): Promise<StoredState> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (this.pending.length === 0 && this.inFlight.length === 0)
      return Promise.resolve({ state: this.hooks.encodeState(), seq: this.seq });
    return new Promise((resolve, reject) => this.snapshotWaiters.push({ resolve, reject }));
  }

  /** Resolves once no group of this queue is in flight (at once when none is). */
  drained(): Promise<void> {
    if (this.inFlight.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  takeGroup(): Uint8Array[] {
    if (this.closedWith || this.pending.length === 0) return [];
    const items = this.pending;
    this.pending = [];
    const merged = mergeInChunks(items.map((p) => p.update));
    const waiting = this.snapshotWaiters;
    this.snapshotWaiters = [];
    this.inFlight.push({
      items,
      merged,
      pos: this.appliedPos,
      sv: this.hooks.stateVector(),
      // Synchronous with the seal: the doc holds the stored rows plus exactly this group.
      snapshot: waiting.length > 0 ? this.hooks.encodeState() : null,
      snapshotWaiters: waiting,
    });
    return merged;
  }

  /** The group of `rows` is stored; `prevSeq`: the document's last seq before it (default: none known). */
  groupStored(rows: Uint8Array[], seq: number, prevSeq = 0): void {
    const group = this.settle(rows);
    if (!group || this.closedWith) return;
    this.storedPos = Math.max(this.storedPos, group.pos);
    this.seq = Math.max(this.seq, seq);
    this.hooks.stored({ items: group.items, merged: group.merged, sv: group.sv, seq, prevSeq });
    const ready = this.waiters.filter((w) => w.pos <= this.storedPos);
    this.waiters = this.waiters.filter((w) => w.pos > this.storedPos);
    for (const w of ready) w.resolve();
    if (group.snapshot) {
      const stored = { state: group.snapshot, seq };
      for (const w of group.snapshotWaiters) w.resolve(stored);
    }
    // Asked while a group was in flight and nothing was pending: the doc is the stored state now.
    if (
      this.snapshotWaiters.length > 0 &&
      this.pending.length === 0 &&
      this.inFlight.length === 0 &&
      !this.closedWith
    ) {
      const stored = { state: this.hooks.encodeState(), seq: this.seq };
      const waiting = this.snapshotWaiters;
      this.snapshotWaiters = [];
      for (const w of waiting) w.resolve(stored);
    }
  }

  groupFailed(rows: Uint8Array[], error: unknown): void {
    const group = this.settle(rows);
    if (!group || this.closedWith) return;
    const err = error instanceof Error ? error : new Error(String(error));
    for (const w of group.snapshotWaiters) w.reject(err);
    this.hooks.failed(error);
    // The room resets on failure; should it not, nothing after this group may be stored.
    this.abandon(`storing failed: ${err.message}`);
  }

  /**
   * Stop: pending updates are dropped (never written), every waiter is rejected, and
   * the outcome of a group in flight is ignored. Idempotent.
   */
  abandon(reason: string): void {
    if (this.closedWith) return;
    const err = new Error(reason);
    this.closedWith = err;
    this.pending = [];
    for (const w of this.waiters) w.reject(err);
    this.waiters = [];
    for (const w of this.snapshotWaiters) w.reject(err);
    this.snapshotWaiters = [];
    for (const g of this.inFlight) for (const w of g.snapshotWaiters) w.reject(err);
    for (const g of this.inFlight) g.snapshotWaiters = [];
  }

  /** Remove the group the batcher heard back about (groups settle in the order sealed). */
  private settle(rows: Uint8Array[]): Group | undefined {
    const i = this.inFlight.findIndex((g) => g.merged === rows);
    const group = i >= 0 ? this.inFlight.splice(i, 1)[0] : undefined;
    if (this.inFlight.length === 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    }
    return group;
  }
}

/**
 * Merge consecutive updates into rows of at most {@link MERGE_CHUNK}. The updates come
 * from the doc's own `update` events (already integrated, already validated), so the
 * merge describes exactly the same changes; should it ever throw, the updates are kept
 * as they are.
 */
export function mergeInChunks(updates: Uint8Array[]): Uint8Array[] {
  if (updates.length <= 1) return updates;
  const out: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += MERGE_CHUNK) {
    const chunk = updates.slice(i, i + MERGE_CHUNK);
    try {
      out.push(chunk.length === 1 ? (chunk[0] as Uint8Array) : Y.mergeUpdates(chunk));
    } catch {
      out.push(...chunk);
    }
  }
  return out;
}
