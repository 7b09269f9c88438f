/**
 * Per-connection rate limits (issue 12, amplification): what one client can make the
 * server do per second is bounded, whatever it sends.
 * - sync step 1 (each asks the server to encode what the client is missing: the whole
 *   document for an empty state vector) — answers are also cached per state vector;
 * - awareness messages and bytes (each is fanned out to every connection of the room);
 * - awareness queries (each is answered with every state of the room).
 * Token buckets: a burst, then a steady rate. Honest clients stay far below (a sync
 * step 1 on connect, a presence update per caret move).
 */
export const LIMITS = {
  /** Sync step 1 requests: 5 at once, then one every 2 s. */
  sync: { burst: 5, perSecond: 0.5 },
  /** Awareness messages: 40 at once, then 20/s (caret moves while typing fast). */
  awarenessMessages: { burst: 40, perSecond: 20 },
  /** Awareness bytes: 256 KiB at once, then 64 KiB/s. */
  awarenessBytes: { burst: 256 * 1024, perSecond: 64 * 1024 },
  /** Awareness queries: 3 at once, then one every 5 s (extra ones are ignored). */
  queries: { burst: 3, perSecond: 0.2 },
  /** Dropped awareness messages after which the connection is closed. */
  maxStrikes: 200,
} as const;

export type LimitKind = 'sync' | 'awarenessMessages' | 'awarenessBytes' | 'queries';

/**
 * The four token buckets of one connection (see `LIMITS`) in one object. Why one: every
 * socket holds these for its whole life, and four bucket objects, each with two boxed
 * doubles and the clock, came to ~450 B per socket; this is ~150 B. One refill time serves
 * all four: refilling a bucket at extra moments gives the same tokens (the cap is applied
 * the same way), so each take refills them all.
 */
export class ConnLimits {
  /** Awareness messages dropped for exceeding the rate. */
  strikes = 0;
  private last: number;
  private sync: number = LIMITS.sync.burst;
  private awarenessMessages: number = LIMITS.awarenessMessages.burst;
  private awarenessBytes: number = LIMITS.awarenessBytes.burst;
  private queries: number = LIMITS.queries.burst;

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  /** Takes `n` tokens of `kind` if there are enough; false (nothing taken) otherwise. */
  take(kind: LimitKind, n = 1): boolean {
    const t = this.now();
    const seconds = (t - this.last) / 1000;
    if (seconds > 0) {
      this.last = t;
      for (const k of KINDS)
        this[k] = Math.min(LIMITS[k].burst, this[k] + seconds * LIMITS[k].perSecond);
    }
    if (this[kind] < n) return false;
    this[kind] -= n;
    return true;
  }
}

const KINDS: readonly LimitKind[] = ['sync', 'awarenessMessages', 'awarenessBytes', 'queries'];
