/**
 * The "stored before seen" pipeline of one room. Doc changes are pushed here as they
 * are applied; the shared {@link WriteBatcher} takes them as one group per event-loop
 * turn; only when the group's transaction committed does the room broadcast them.
 * Anything else that must not be seen before it is stored (a sync step 2 answer)
 * waits here too.
 */
import * as Y from 'yjs';
import type { BatchSource, WriteBatcher } from '../storage/writeBatcher.js';

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

export interface DurableQueueHooks {
  /** State vector of the doc right now (taken when a group is sealed). */
  stateVector(): Uint8Array;
  /**
   * The group is stored: broadcast it. `sv` is the stored state vector; `merged` are
   * the rows that were stored (the group's updates merged, in chunks).
   */
  stored(items: QueuedUpdate[], sv: Uint8Array, merged: Uint8Array[]): void;
  /** The group's transaction failed: nothing of it is stored. */
  failed(error: unknown): void;
}

type Waiter = { seq: number; resolve: () => void; reject: (err: Error) => void };

export class DurableQueue implements BatchSource {
  private pending: QueuedUpdate[] = [];
  private readonly sealed: Array<{
    items: QueuedUpdate[];
    merged: Uint8Array[];
    lastSeq: number;
    sv: Uint8Array;
  }> = [];
  private waiters: Waiter[] = [];
  private appliedSeq = 0;
  private storedSeq = 0;
  private closed = false;

  constructor(
    readonly docId: string,
    private readonly batcher: WriteBatcher,
    private readonly hooks: DurableQueueHooks,
  ) {}

  /** True when everything pushed so far is stored. */
  get settled(): boolean {
    return this.storedSeq === this.appliedSeq;
  }

  /** Number of updates pushed so far and not rolled back (a position for {@link rollback}). */
  get position(): number {
    return this.appliedSeq;
  }

  push(update: Uint8Array, origin: unknown): void {
    this.appliedSeq++;
    this.pending.push({ update, origin });
    if (this.pending.length === 1) this.batcher.schedule(this);
  }

  /** Forget updates pushed after `position` (they came from an update that failed midway). */
  rollback(position: number): number {
    const drop = this.appliedSeq - position;
    if (drop <= 0) return 0;
    this.pending.splice(Math.max(0, this.pending.length - drop));
    this.appliedSeq = position;
    return drop;
  }

  /** Run `fn` once everything pushed so far is stored (at once if it already is). */
  afterStored(fn: () => void): void {
    if (this.settled) fn();
    else this.waiters.push({ seq: this.appliedSeq, resolve: fn, reject: () => {} });
  }

  /** Resolves when everything pushed so far is stored; rejects if that write failed. */
  whenStored(): Promise<void> {
    if (this.settled) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.waiters.push({ seq: this.appliedSeq, resolve, reject }),
    );
  }

  takeGroup(): Uint8Array[] {
    const items = this.pending;
    this.pending = [];
    const merged = mergeInChunks(items.map((p) => p.update));
    this.sealed.push({ items, merged, lastSeq: this.appliedSeq, sv: this.hooks.stateVector() });
    return merged;
  }

  groupStored(): void {
    const group = this.sealed.shift();
    if (!group || this.closed) return;
    this.storedSeq = Math.max(this.storedSeq, group.lastSeq);
    this.hooks.stored(group.items, group.sv, group.merged);
    const ready = this.waiters.filter((w) => w.seq <= this.storedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.storedSeq);
    for (const w of ready) w.resolve();
  }

  groupFailed(_group: Uint8Array[], error: unknown): void {
    this.sealed.shift();
    if (!this.closed) this.hooks.failed(error);
  }

  /** Stop: reject every waiter; later batch callbacks are ignored. */
  close(reason: string): void {
    this.closed = true;
    const err = new Error(reason);
    for (const w of this.waiters) w.reject(err);
    this.waiters = [];
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
