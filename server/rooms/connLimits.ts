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
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `n` tokens if there are enough; false (nothing taken) otherwise. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

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

export interface ConnLimits {
  sync: TokenBucket;
  awarenessMessages: TokenBucket;
  awarenessBytes: TokenBucket;
  queries: TokenBucket;
  /** Awareness messages dropped for exceeding the rate. */
  strikes: number;
}

export function newConnLimits(now: () => number = Date.now): ConnLimits {
  const b = (l: { burst: number; perSecond: number }) => new TokenBucket(l.burst, l.perSecond, now);
  return {
    sync: b(LIMITS.sync),
    awarenessMessages: b(LIMITS.awarenessMessages),
    awarenessBytes: b(LIMITS.awarenessBytes),
    queries: b(LIMITS.queries),
    strikes: 0,
  };
}
