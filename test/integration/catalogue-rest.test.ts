/**
 * Issue 17 — the catalogue over REST: `GET /api/sops` stays a JSON array, with search in
 * step text, filters, sorting and server-side paging (total in `X-Total-Count`), only over
 * the SOPs the caller may read; the dashboard counts per unit and status; a step typed in
 * the live editor is found once the room refreshes the listing row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SopDoc } from '../../shared/model/index.js';
import { templateSnapshot } from '../../shared/model/templates/index.js';
import type { SopSnapshot, SopStatus } from '../../shared/model/types.js';
import { waitForSynced } from '../helpers/collab.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { adminClient } from '../helpers/sops.js';

interface Row {
  id: string;
  name: string;
  status: SopStatus;
  unitId: string | null;
  role: string;
  effectiveDate: string;
  reviewDate: string;
}

function sop(name: string, activity: string, status: SopStatus, effectiveDate = ''): SopSnapshot {
  const s = templateSnapshot('sop-ap');
  s.identity.name = name;
  s.identity.number = '';
  s.identity.effectiveDate = effectiveDate;
  s.meta.status = status;
  s.actors = [{ id: 'a1', name: 'Arsiparis' }];
  s.steps = [
    {
      id: 's1',
      kind: 'process',
      actorId: 'a1',
      activity,
      requirements: '',
      time: { amount: 10, unit: 'minute' },
      output: '',
      notes: '',
      yes: null,
      no: null,
    },
  ];
  return s;
}

describe('catalogue REST', () => {
  let srv: TestServer;
  let member: TestUser;
  let unitA: string;
  let unitB: string;
  const ids: Record<string, string> = {};

  const list = async (query: string, as?: TestUser) => {
    const res = await srv.api(`/api/sops${query}`, as ? { as } : {});
    expect(res.status).toBe(200);
    return { rows: (await res.json()) as Row[], total: Number(res.headers.get('x-total-count')) };
  };

  beforeAll(async () => {
    srv = await startTestServer();
    const unit = async (name: string) =>
      ((await (await srv.api('/api/units', { json: { name } })).json()) as { id: string }).id;
    unitA = await unit('Bidang Kearsipan');
    unitB = await unit('Sekretariat');
    member = await srv.createUser({ name: 'Anggota Kearsipan' });
    await srv.api(`/api/units/${unitA}/members/${member.id}`, { method: 'PUT' });
    const add = async (key: string, s: SopSnapshot, unitId: string | null) => {
      const res = await srv.api(`/api/sops/import${unitId ? `?unitId=${unitId}` : ''}`, {
        json: s,
      });
      expect(res.status).toBe(201);
      ids[key] = ((await res.json()) as { id: string }).id;
    };
    await add(
      'vital',
      sop('Perlindungan Arsip Vital', 'Menyiapkan boks tahan api', 'approved', '2025-01-10'),
      unitA,
    );
    await add(
      'banjir',
      sop('Penyelamatan Arsip Pasca Banjir', 'Mengeringkan arsip basah', 'in_review'),
      unitA,
    );
    await add(
      'cuti',
      sop('Cuti Pegawai', 'Memeriksa formulir cuti', 'approved', '2026-06-01'),
      unitB,
    );
    await add('surat', sop('Surat Masuk', 'Mengagendakan surat', 'draft'), null);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('searches step text and stays a JSON array with the total in a header', async () => {
    const { rows, total } = await list('?q=boks');
    expect(rows.map((r) => r.id)).toEqual([ids.vital]);
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      unitId: unitA,
      role: 'owner',
      effectiveDate: '2025-01-10',
      reviewDate: '2026-01-10',
    });
    expect(JSON.stringify(rows[0])).not.toContain('searchText');
    // Pelaksana names are searched too (every SOP here has the Arsiparis); words all match.
    expect((await list('?q=ARSIPARIS')).total).toBe(4);
    expect((await list('?q=arsip%20basah')).rows.map((r) => r.id)).toEqual([ids.banjir]);
  });

  it('filters by status and unit, sorts and pages', async () => {
    expect((await list('?status=approved&sort=name')).rows.map((r) => r.id)).toEqual([
      ids.cuti,
      ids.vital,
    ]);
    expect((await list(`?unit=${unitA}&sort=name`)).rows.map((r) => r.id)).toEqual([
      ids.banjir,
      ids.vital,
    ]);
    expect((await list('?unit=none')).rows.map((r) => r.id)).toEqual([ids.surat]);
    expect((await list('?reviewBefore=2026-12-31')).rows.map((r) => r.id)).toEqual([ids.vital]);
    const page1 = await list('?sort=name&limit=2');
    const page2 = await list('?sort=name&limit=2&offset=2');
    expect(page1.total).toBe(4);
    expect(page2.total).toBe(4);
    expect([...page1.rows, ...page2.rows].map((r) => r.name)).toEqual([
      'Cuti Pegawai',
      'Penyelamatan Arsip Pasca Banjir',
      'Perlindungan Arsip Vital',
      'Surat Masuk',
    ]);
    expect(
      (await list('?sort=effectiveDate&order=desc')).rows.map((r) => r.id).slice(0, 2),
    ).toEqual([ids.cuti, ids.vital]);
  });

  it('counts and pages only what the caller may read', async () => {
    const mine = await list('?sort=name', member);
    expect(mine.rows.map((r) => r.id)).toEqual([ids.banjir, ids.vital]);
    expect(mine.total).toBe(2);
    expect((await list(`?unit=${unitB}`, member)).total).toBe(0);
    expect((await list('?q=cuti', member)).rows).toEqual([]);
    const summary = (await (await srv.api('/api/catalogue/summary', { as: member })).json()) as {
      total: { total: number };
      units: Array<{ unitId: string | null; total: number }>;
    };
    expect(summary.total.total).toBe(2);
    expect(summary.units.map((u) => [u.unitId, u.total])).toEqual([[unitA, 2]]);
  });

  it('gives the dashboard counts per unit and status', async () => {
    const res = await srv.api('/api/catalogue/summary');
    expect(res.status).toBe(200);
    const s = (await res.json()) as {
      today: string;
      total: { total: number; byStatus: Record<string, number>; reviewOverdue: number };
      units: Array<{
        unitId: string | null;
        name: string;
        total: number;
        byStatus: Record<string, number>;
      }>;
    };
    expect(s.total.total).toBe(4);
    expect(s.total.byStatus).toMatchObject({ approved: 2, in_review: 1, draft: 1 });
    const byUnit = Object.fromEntries(s.units.map((u) => [u.unitId ?? 'none', u]));
    expect(byUnit[unitA]).toMatchObject({
      name: 'Bidang Kearsipan',
      total: 2,
      byStatus: { approved: 1, in_review: 1 },
    });
    expect(byUnit[unitB]).toMatchObject({
      name: 'Sekretariat',
      total: 1,
      byStatus: { approved: 1 },
    });
    expect(byUnit.none).toMatchObject({ total: 1, byStatus: { draft: 1 } });
    // The 2025-01-10 SOP was due for review on 2026-01-10.
    expect(s.total.reviewOverdue).toBe(s.today > '2026-01-10' ? 1 : 0);
  });

  it('refuses bad list queries with 400', async () => {
    for (const q of [
      '?sort=bogus',
      '?limit=0',
      '?limit=9999',
      '?status=open',
      '?offset=-1',
      '?effectiveFrom=1/2/2026',
    ])
      expect((await srv.api(`/api/sops${q}`)).status, q).toBe(400);
  });

  it('finds a step typed in the live editor once the room refreshes the listing', async () => {
    const client = adminClient(srv, ids.surat!);
    try {
      await waitForSynced(client.provider);
      const doc = new SopDoc(client.doc);
      try {
        doc.steps.insertBefore(null, {
          activity: 'Menstempel surat dengan cap instansi',
          kind: 'process',
        });
      } finally {
        doc.destroy();
      }
      await expect
        .poll(async () => (await list('?q=menstempel')).rows.map((r) => r.id), { timeout: 10_000 })
        .toEqual([ids.surat]);
    } finally {
      client.destroy();
    }
  });
});
