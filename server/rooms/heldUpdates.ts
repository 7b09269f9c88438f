/**
 * Client updates that depend on what the room does not have YET, held until it arrives
 * instead of being refused (the guard's `missing-deps`). Two honest cases:
 * - a stock y-websocket client that reconnects sends the edits made right after the
 *   socket opened before its sync step 2 (which carries the edits it made offline, that
 *   those build on): they wait for that sync step 2;
 * - several processes: a person whose process died reconnects here with edits built on
 *   rows that process stored and showed them but had not fanned out yet: they wait for
 *   the doc to catch up from storage.
 * Once nothing is awaited, the held updates are applied again, in order; refused again,
 * the refusal stands. Bounded: a few dozen updates, for at most `maxWaitMs` (an honest
 * client's sync step 2 follows within a round trip, a catch-up within a query); past
 * that the refusal stands too, so an update whose dependencies never come is refused.
 */
import type { QueuedClientUpdate } from './applyBatch.js';
import type { RoomConnection } from './connection.js';
import type { GuardVerdict } from './updateGuard.js';

/** Most updates / bytes one connection may have held. */
const MAX_HELD_UPDATES = 32;
const MAX_HELD_BYTES = 1024 * 1024;

interface Held {
  updates: QueuedClientUpdate[];
  bytes: number;
  waitStep2: boolean;
  waitCatchUp: boolean;
  verdict: GuardVerdict;
  timer: NodeJS.Timeout;
}

export interface HeldUpdatesDeps {
  /** Catch the doc up from storage; null when this process is alone. */
  catchUp(): Promise<void> | null;
  /** Apply updates of `conn` again, in order (as one burst); the guard decides anew. */
  replay(conn: RoomConnection, updates: QueuedClientUpdate[]): void;
  /** What `conn` sent waited too long or too much: the guard's refusal stands. */
  refuse(conn: RoomConnection, verdict: GuardVerdict): void;
  /** Longest hold. */
  maxWaitMs: number;
}

export class HeldUpdates {
  private readonly held = new Map<RoomConnection, Held>();
  /** Connections that have sent a sync step 2 (the answer to the room's sync step 1). */
  private readonly answered = new Set<RoomConnection>();
  private readonly retrying = new Set<RoomConnection>();

  constructor(private readonly deps: HeldUpdatesDeps) {}

  /**
   * The guard refused `rest[0]` (and so the burst after it) for missing dependencies:
   * hold them when they may still arrive; false when the refusal stands.
   */
  holdRefused(conn: RoomConnection, verdict: GuardVerdict, rest: QueuedClientUpdate[]): boolean {
    if (this.retrying.has(conn) || this.held.has(conn)) return false;
    const waitStep2 = !this.answered.has(conn);
    const catching = this.deps.catchUp();
    if (!waitStep2 && !catching) return false;
    let bytes = 0;
    for (const u of rest) bytes += u.update.length;
    const h: Held = {
      updates: rest,
      bytes,
      waitStep2,
      waitCatchUp: catching !== null,
      verdict,
      timer: setTimeout(() => this.giveUp(conn, h), this.deps.maxWaitMs),
    };
    h.timer.unref?.();
    this.held.set(conn, h);
    void catching?.then(() => {
      h.waitCatchUp = false;
      this.release(conn, h);
    });
    return true;
  }

  /**
   * An update from `conn` arrives (`step2`: a sync step 2). True when it was held behind
   * the ones already waiting (the caller does not apply it).
   */
  arrived(conn: RoomConnection, update: QueuedClientUpdate, step2: boolean): boolean {
    if (step2) this.answered.add(conn);
    const h = this.held.get(conn);
    if (!h) return false;
    // The sync step 2 holds everything the client had, so it goes first.
    if (step2) {
      h.updates.unshift(update);
      h.waitStep2 = false;
    } else h.updates.push(update);
    h.bytes += update.update.length;
    if (h.updates.length > MAX_HELD_UPDATES || h.bytes > MAX_HELD_BYTES) this.giveUp(conn, h);
    else this.release(conn, h);
    return true;
  }

  forget(conn: RoomConnection): void {
    const h = this.held.get(conn);
    if (h) clearTimeout(h.timer);
    this.held.delete(conn);
    this.answered.delete(conn);
  }

  clear(): void {
    for (const h of this.held.values()) clearTimeout(h.timer);
    this.held.clear();
    this.answered.clear();
  }

  private giveUp(conn: RoomConnection, h: Held): void {
    if (this.held.get(conn) !== h) return;
    clearTimeout(h.timer);
    this.held.delete(conn);
    this.deps.refuse(conn, h.verdict);
  }

  private release(conn: RoomConnection, h: Held): void {
    if (this.held.get(conn) !== h || h.waitStep2 || h.waitCatchUp) return;
    clearTimeout(h.timer);
    this.held.delete(conn);
    this.retrying.add(conn);
    try {
      this.deps.replay(conn, h.updates);
    } finally {
      this.retrying.delete(conn);
    }
  }
}
