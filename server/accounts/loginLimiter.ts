/**
 * Failed-login limits, per account and per address: after `max` failures within
 * `windowMs`, further attempts are refused (429) until the oldest failure leaves the
 * window. A success clears the account's failures (not the address's: one address
 * guessing many accounts stays limited). In memory, per process.
 */
export interface LimiterOptions {
  max: number;
  windowMs: number;
  now?: () => number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly opts: LimiterOptions) {}

  private recent(key: string): number[] {
    const now = (this.opts.now ?? Date.now)();
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until an attempt is allowed again; 0 when allowed now. */
  retryAfter(key: string): number {
    const list = this.recent(key);
    if (list.length < this.opts.max) return 0;
    const now = (this.opts.now ?? Date.now)();
    const oldest = list[list.length - this.opts.max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.opts.windowMs - now) / 1000));
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push((this.opts.now ?? Date.now)());
    this.failures.set(key, list);
    // Bound memory: an address spraying many logins keeps only what the window needs.
    if (list.length > this.opts.max * 4) list.splice(0, list.length - this.opts.max * 4);
    if (this.failures.size > 100_000) this.failures.clear();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
