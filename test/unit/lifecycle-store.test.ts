/**
 * LifecycleStore contract (issue 17): the links' reverse index, flags and their
 * confirmation, the last state seen of an SOP, records (atomic updates across two
 * connections, a throwing update stores nothing) and read acknowledgements — memory,
 * SQLite and PostgreSQL pass the same suite.
 */
import { expect, it } from 'vitest';
import type { LinkFlag } from '../../shared/lifecycle/types.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

const flag = (over: Partial<LinkFlag> = {}): LinkFlag => ({
  id: 'f1',
  sourceId: 'a',
  targetId: 'b',
  reason: 'revised',
  at: '2026-11-30T01:00:00.000Z',
  confirmedAt: null,
  confirmedBy: null,
  ...over,
});

describeStores('LifecycleStore contract', backends(), (env) => {
  it('links: replaced per source, found from both ends', async () => {
    const s = (await env.open()).lifecycle;
    await s.replaceLinks('a', [
      { sourceId: 'a', itemId: 'i1', targetId: 'b', type: 'prerequisite' },
      { sourceId: 'a', itemId: 'i2', targetId: 'c', type: 'related' },
    ]);
    await s.replaceLinks('c', [{ sourceId: 'c', itemId: 'i1', targetId: 'a', type: 'follow-on' }]);
    expect((await s.linksFrom('a')).map((l) => l.targetId)).toEqual(['b', 'c']);
    expect((await s.linksTo('a')).map((l) => [l.sourceId, l.type])).toEqual([['c', 'follow-on']]);
    await s.replaceLinks('a', [{ sourceId: 'a', itemId: 'i2', targetId: 'c', type: 'part-of' }]);
    expect(await s.linksTo('b')).toEqual([]);
    expect((await s.allLinks()).map((l) => `${l.sourceId}>${l.targetId}:${l.type}`)).toEqual([
      'a>c:part-of',
      'c>a:follow-on',
    ]);
    await s.replaceLinks('a', []);
    expect(await s.linksFrom('a')).toEqual([]);
  });

  it('flags: open until confirmed, per target or all', async () => {
    const s = (await env.open()).lifecycle;
    await s.addFlag(flag());
    await s.addFlag(flag({ id: 'f2', targetId: 'c', at: '2026-11-30T02:00:00.000Z' }));
    await s.addFlag(flag({ id: 'f3', sourceId: 'x' }));
    expect((await s.listFlags({ sourceId: 'a', open: true })).map((f) => f.id)).toEqual([
      'f1',
      'f2',
    ]);
    expect(await s.confirmFlags('a', 'b', 'u1', '2026-12-01T00:00:00.000Z')).toBe(1);
    expect((await s.listFlags({ sourceId: 'a', open: true })).map((f) => f.id)).toEqual(['f2']);
    const all = await s.listFlags({ sourceId: 'a' });
    expect(all.find((f) => f.id === 'f1')).toMatchObject({
      confirmedBy: 'u1',
      confirmedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(await s.confirmFlags('a', null, 'u2', 'z')).toBe(1);
    expect(await s.confirmFlags('a', null, 'u2', 'z')).toBe(0);
    expect((await s.listFlags({ open: true })).map((f) => f.id)).toEqual(['f3']);
  });

  it('state: stored and replaced', async () => {
    const s = (await env.open()).lifecycle;
    expect(await s.getSopState('a')).toBeNull();
    await s.setSopState('a', { status: 'approved', versionKey: 'v1', effectiveDate: '2026-01-02' });
    await s.setSopState('a', { status: 'draft', versionKey: 'v1', effectiveDate: '2026-01-02' });
    expect(await s.getSopState('a')).toEqual({
      status: 'draft',
      versionKey: 'v1',
      effectiveDate: '2026-01-02',
    });
  });

  it('state: replaced only from the expected state (one of two processes wins)', async () => {
    const a = (await env.open()).lifecycle;
    const b = env.persistent ? (await env.open()).lifecycle : a;
    const s1 = { status: 'approved', versionKey: 'v1', effectiveDate: '2026-01-02' };
    const s2 = { status: 'draft', versionKey: 'v1', effectiveDate: '2026-01-02' };
    const results = await Promise.all([
      a.replaceSopState('x', null, s1),
      b.replaceSopState('x', null, s1),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const again = await Promise.all([
      a.replaceSopState('x', s1, s2),
      b.replaceSopState('x', s1, s2),
    ]);
    expect(again.filter(Boolean)).toHaveLength(1);
    expect(await a.replaceSopState('x', s1, s1)).toBe(false);
    expect(await b.getSopState('x')).toEqual(s2);
  });

  it('records: insert once, list by SOP in order, atomic updates across connections', async () => {
    const a = (await env.open()).lifecycle;
    const b = env.persistent ? (await env.open()).lifecycle : a;
    const rec = (id: string, sopId: string, createdAt: string) => ({
      kind: 'monitoring' as const,
      id,
      sopId,
      createdAt,
      data: { n: 0, log: [] as number[] },
    });
    expect(await a.insertRecord(rec('r2', 's1', '2026-02-01'))).toBe(true);
    expect(await a.insertRecord(rec('r1', 's1', '2026-01-01'))).toBe(true);
    expect(await a.insertRecord(rec('r1', 's1', '2026-03-01'))).toBe(false);
    await a.insertRecord(rec('r3', 's2', '2026-01-01'));
    expect((await b.listRecords('monitoring', 's1')).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await b.listRecords('monitoring')).map((r) => r.id)).toEqual(['r1', 'r3', 'r2']);
    expect(await b.listRecords('evaluation')).toEqual([]);
    type D = { n: number; log: number[] };
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).updateRecord<D>('monitoring', 'r1', (d) => ({
          n: d.n + 1,
          log: [...d.log, i],
        })),
      ),
    );
    const got = await a.getRecord<D>('monitoring', 'r1');
    expect(got?.data.n).toBe(10);
    expect([...(got?.data.log ?? [])].sort((x, y) => x - y)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    await expect(
      a.updateRecord<D>('monitoring', 'r1', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await b.getRecord<D>('monitoring', 'r1'))?.data.n).toBe(10);
    expect(await a.updateRecord('monitoring', 'nope', (d) => d)).toBeNull();
    await a.putRecord({ kind: 'schedule', id: 's1', sopId: 's1', createdAt: 'x', data: { m: 1 } });
    await a.putRecord({ kind: 'schedule', id: 's1', sopId: 's1', createdAt: 'y', data: { m: 2 } });
    expect((await b.getRecord('schedule', 's1'))?.data).toEqual({ m: 2 });
  });

  it('acknowledgements: once per person and version', async () => {
    const s = (await env.open()).lifecycle;
    const ack = { sopId: 's', versionKey: 'v1', userId: 'u1', at: '2026-01-01T00:00:00.000Z' };
    expect(await s.addAck(ack)).toBe(true);
    expect(await s.addAck({ ...ack, at: 'later' })).toBe(false);
    expect(await s.addAck({ ...ack, userId: 'u2', at: '2026-01-02T00:00:00.000Z' })).toBe(true);
    expect((await s.listAcks('s', 'v1')).map((a) => [a.userId, a.at])).toEqual([
      ['u1', '2026-01-01T00:00:00.000Z'],
      ['u2', '2026-01-02T00:00:00.000Z'],
    ]);
    expect(await s.listAcks('s', 'v2')).toEqual([]);
  });
});
