/**
 * Issue 14 on PostgreSQL: SOP numbers are allocated in the database, so two Susun
 * processes on one database creating 20 SOPs at once still hand out 20 distinct numbers;
 * verification codes are found by either process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgAvailable, type TestDatabase } from '../helpers/pg.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(!pgAvailable())('SOP numbers and verification on PostgreSQL', () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    const cfg = { storage: 'postgres' as const, databaseUrl: db.url };
    a = await startTestServer(cfg);
    b = await startTestServer(cfg);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('20 SOPs created at once through two processes get 20 distinct numbers', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const srv = i % 2 ? a : b;
        const res = await srv.api('/api/sops', { json: { template: 'sop-ap', name: `PG ${i}` } });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    const numbers = await Promise.all(
      ids.map(async (id) => {
        const snap = (await (await a.api(`/api/sops/${id}`)).json()) as {
          identity: { number: string };
        };
        return snap.identity.number;
      }),
    );
    expect(numbers.every((n) => /^SOP\/\d{4}\/\d{3}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(20);
    // A duplicate set by hand is refused whichever process is asked.
    const dup = await b.api(`/api/sops/${ids[0]}/number`, {
      method: 'PATCH',
      json: { number: numbers[1] },
    });
    expect(dup.status).toBe(409);
  });

  it('a code approved on one process is verified by the other', async () => {
    const res = await a.api('/api/sops', { json: { template: 'sop-ap', name: 'Verifikasi PG' } });
    const { id } = (await res.json()) as { id: string };
    expect((await a.api(`/api/sops/${id}/approve`, { json: {} })).status).toBe(200);
    const { verification } = (await (await a.api(`/api/sops/${id}/official`)).json()) as {
      verification: { code: string };
    };
    const page = await fetch(`${b.url}/v/${verification.code}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Verifikasi PG');
  });
});
