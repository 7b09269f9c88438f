/**
 * Live access re-checks (server/transport/liveAccess.ts): one round of re-checks looks a
 * session up once and its access to each SOP once, however many sockets it has open, and
 * still closes or updates every one of them.
 */
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SopAccessInfo } from '../../server/accounts/accessService';
import { AccessEvents } from '../../server/accounts/events';
import type { Accounts } from '../../server/accounts/index';
import type { Principal } from '../../server/accounts/principal';
import type { RoomConnection } from '../../server/rooms/connection';
import { LiveAccess } from '../../server/transport/liveAccess';
import { SLICES as SWEEP_SLICES } from '../../server/transport/slices';

function principal(sessionHash: string, userId: string): Principal {
  return {
    user: { id: userId } as Principal['user'],
    via: 'session',
    sessionHash,
    token: null,
    link: null,
  };
}

function setup(sweepMs = 3_600_000) {
  const events = new AccessEvents();
  const calls = { revalidate: 0, resolve: 0 };
  const state = { ended: new Set<string>(), role: 'editor' as SopAccessInfo['role'] };
  const accounts = {
    events,
    auth: {
      async revalidate(p: Principal) {
        calls.revalidate++;
        return p.sessionHash && state.ended.has(p.sessionHash) ? null : { ...p };
      },
    },
    access: {
      async resolve(): Promise<SopAccessInfo> {
        calls.resolve++;
        return { role: state.role, unitApprover: false, record: null };
      },
    },
  } as unknown as Accounts;
  const live = new LiveAccess(accounts, pino({ level: 'silent' }), sweepMs);
  const closed: Array<{ id: string; code: number }> = [];
  const connect = (id: string, p: Principal, sopId: string) => {
    const conn = {
      id,
      access: { role: 'editor', canWrite: true, approver: false, userId: p.user.id },
      send() {},
      close(code: number) {
        closed.push({ id, code });
      },
    } as unknown as RoomConnection;
    live.add(conn, p, sopId, 'content');
    return conn;
  };
  return { events, calls, state, live, closed, connect };
}

describe('live access re-checks', () => {
  it('a sweep over 300 sockets of one session asks once per SOP', async () => {
    const { events, calls, live, connect } = setup();
    const siti = principal('sess-siti', 'u-siti');
    for (let i = 0; i < 200; i++) connect(`a${i}`, siti, 'sop-a');
    for (let i = 0; i < 100; i++) connect(`b${i}`, siti, 'sop-b');
    connect('budi', principal('sess-budi', 'u-budi'), 'sop-a');
    events.emit({ kind: 'all' });
    await live.settled();
    expect(calls.revalidate).toBe(2);
    expect(calls.resolve).toBe(3);
    live.stop();
  });

  it('every socket of an ended session is closed, the others stay', async () => {
    const { events, state, live, closed, connect } = setup();
    const siti = principal('sess-siti', 'u-siti');
    for (let i = 0; i < 5; i++) connect(`s${i}`, siti, 'sop-a');
    connect('budi', principal('sess-budi', 'u-budi'), 'sop-a');
    state.ended.add('sess-siti');
    events.emit({ kind: 'all' });
    await live.settled();
    expect(closed.map((c) => c.id).sort()).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(live.size).toBe(1);
    live.stop();
  });

  it('a lowered role reaches every socket; the next round asks again', async () => {
    const { events, calls, state, live, connect } = setup();
    const siti = principal('sess-siti', 'u-siti');
    const conns = Array.from({ length: 4 }, (_, i) => connect(`s${i}`, siti, 'sop-a'));
    state.role = 'viewer';
    events.emit({ kind: 'sop', sopId: 'sop-a' });
    await live.settled();
    for (const c of conns) expect(c.access).toMatchObject({ role: 'viewer', canWrite: false });
    expect(calls.resolve).toBe(1);
    events.emit({ kind: 'all' });
    await live.settled();
    expect(calls.revalidate).toBe(2);
    expect(calls.resolve).toBe(2);
    live.stop();
  });

  describe('the periodic sweep', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('re-checks a slice of the sockets per tick, each socket once per period', async () => {
      vi.useFakeTimers();
      const { calls, live, connect } = setup(1000);
      // One session per socket: each re-check revalidates once.
      for (let i = 0; i < 40; i++) connect(`s${i}`, principal(`sess-${i}`, `u-${i}`), 'sop-a');
      await vi.advanceTimersByTimeAsync(1000 / SWEEP_SLICES);
      await live.settled();
      expect(calls.revalidate).toBe(40 / SWEEP_SLICES);
      await vi.advanceTimersByTimeAsync(1000 - 1000 / SWEEP_SLICES);
      await live.settled();
      expect(calls.revalidate).toBe(40);
      live.stop();
    });

    it('sockets of one session share one principal, released with the last one', () => {
      const { live, connect } = setup();
      const conns = [0, 1, 2].map((i) =>
        connect(`s${i}`, principal('sess-siti', 'u-siti'), 'sop-a'),
      );
      connect('budi', principal('sess-budi', 'u-budi'), 'sop-a');
      expect(live.principalCount).toBe(2);
      for (const c of conns) live.remove(c);
      expect(live.principalCount).toBe(1);
      live.stop();
    });
  });
});
