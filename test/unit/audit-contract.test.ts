/**
 * AuditLog contract (issue 13: the audit log apart from the accounts store): memory,
 * SQLite and PostgreSQL pass the same suite.
 */
import { expect, it } from 'vitest';
import { backends, describeStores } from '../helpers/storeBackends.js';

describeStores('AuditLog contract', backends(), (env) => {
  it('audit: newest first, filters, paging by id', async () => {
    const s = (await env.open()).audit;
    for (let i = 0; i < 5; i++)
      await s.add({
        actorId: i % 2 ? 'a' : 'b',
        actorName: 'x',
        action: i < 3 ? 'login' : 'sop.created',
        sopId: i === 4 ? 's1' : null,
        target: null,
        detail: { i },
        ip: '127.0.0.1',
        at: `2026-11-30T0${i}:00:00.000Z`,
      });
    const all = await s.query({});
    expect(all.map((e) => e.detail.i)).toEqual([4, 3, 2, 1, 0]);
    expect((await s.query({ action: 'login' })).length).toBe(3);
    expect((await s.query({ actorId: 'a' })).map((e) => e.detail.i)).toEqual([3, 1]);
    expect((await s.query({ sopId: 's1' })).length).toBe(1);
    expect((await s.query({ from: '2026-11-30T02', to: '2026-11-30T04' })).length).toBe(2);
    const page = await s.query({ limit: 2 });
    const next = await s.query({ limit: 2, before: page[1]?.id ?? 0 });
    expect(next.map((e) => e.detail.i)).toEqual([2, 1]);
  });

  it('limit is clamped to 1..500; detail and nulls round-trip; ids increase', async () => {
    const s = (await env.open()).audit;
    for (let i = 0; i < 3; i++)
      await s.add({
        actorId: null,
        actorName: '',
        action: 'x',
        sopId: null,
        target: i === 0 ? 'user:1' : null,
        detail: { nested: { list: [1, 'dua', null], ok: true }, text: 'é "q" \\' },
        ip: null,
      });
    const all = await s.query({ limit: 0 });
    expect(all).toHaveLength(1);
    const three = await s.query({ limit: 9999 });
    expect(three).toHaveLength(3);
    expect(three[0]!.id).toBeGreaterThan(three[1]!.id);
    expect(three[2]).toMatchObject({
      actorId: null,
      actorName: '',
      target: 'user:1',
      sopId: null,
      ip: null,
      detail: { nested: { list: [1, 'dua', null], ok: true }, text: 'é "q" \\' },
    });
    expect(three[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
