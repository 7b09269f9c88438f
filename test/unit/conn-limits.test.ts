/**
 * Per-connection rate limits (server/rooms/connLimits.ts): four token buckets in one object,
 * refilled together. Each kind keeps its own burst and rate whatever the others do.
 */
import { describe, expect, it } from 'vitest';
import { ConnLimits, LIMITS } from '../../server/rooms/connLimits.js';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function drain(l: ConnLimits, kind: Parameters<ConnLimits['take']>[0]): number {
  let n = 0;
  while (l.take(kind)) n++;
  return n;
}

describe('ConnLimits', () => {
  it('gives each kind its burst, then its own rate', () => {
    const c = clock();
    const l = new ConnLimits(c.now);
    expect(drain(l, 'sync')).toBe(LIMITS.sync.burst);
    expect(drain(l, 'queries')).toBe(LIMITS.queries.burst);
    // Draining two kinds left the others whole.
    expect(drain(l, 'awarenessMessages')).toBe(LIMITS.awarenessMessages.burst);
    c.advance(2000); // sync: 0.5/s, queries: 0.2/s, awareness messages: 20/s
    expect(drain(l, 'sync')).toBe(1);
    expect(drain(l, 'queries')).toBe(0);
    expect(drain(l, 'awarenessMessages')).toBe(40);
    c.advance(3000);
    expect(drain(l, 'queries')).toBe(1);
  });

  it('refills up to the burst, not beyond, however the takes are spread', () => {
    const c = clock();
    const l = new ConnLimits(c.now);
    expect(drain(l, 'sync')).toBe(5);
    // Takes of another kind every 100 ms refill sync in small steps: the same 0.5/s.
    for (let i = 0; i < 40; i++) {
      c.advance(100);
      l.take('awarenessMessages');
    }
    expect(drain(l, 'sync')).toBe(2);
    c.advance(3_600_000);
    expect(drain(l, 'sync')).toBe(LIMITS.sync.burst);
  });

  it('takes bytes by the message size, and nothing when there are not enough', () => {
    const c = clock();
    const l = new ConnLimits(c.now);
    const burst = LIMITS.awarenessBytes.burst;
    expect(l.take('awarenessBytes', burst - 10)).toBe(true);
    expect(l.take('awarenessBytes', 11)).toBe(false);
    expect(l.take('awarenessBytes', 10)).toBe(true);
    c.advance(1000);
    expect(l.take('awarenessBytes', LIMITS.awarenessBytes.perSecond + 1)).toBe(false);
    expect(l.take('awarenessBytes', LIMITS.awarenessBytes.perSecond)).toBe(true);
  });
});
