/**
 * Issue 17 — importing an SOP from a Word file: `POST /api/sops/import` with the .docx
 * as the body. Susun's own export round-trips (steps, pelaksana, decisions); a hand-made
 * Word SOP imports with its rows and reports what it cannot read row by row; a Word file
 * that is no SOP, a damaged one and an oversize one are refused with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopSnapshot } from '../../shared/model/index.js';
import { templateSnapshot } from '../../shared/model/templates/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  HAND_STEPS,
  handMadeSopDocx,
  notAnSopDocx,
  PELAKSANA,
  plainSteps,
} from './import-docx-fixtures.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Warning {
  row: number | null;
  message: string;
}

describe('POST /api/sops/import with a .docx', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv?.close();
  });

  const upload = (body: Uint8Array) =>
    srv.api('/api/sops/import', {
      method: 'POST',
      headers: { 'Content-Type': DOCX },
      body: new Uint8Array(body),
    });
  const total = async () =>
    Number((await srv.api('/api/sops?limit=1')).headers.get('x-total-count'));
  const get = async (id: string) =>
    (await (await srv.api(`/api/sops/${id}`)).json()) as SopSnapshot;

  it("round-trips Susun's own Word export: same steps, pelaksana and decisions", async () => {
    const original = templateSnapshot('sample');
    original.meta.status = 'approved';
    const made = await srv.api('/api/sops/import', { json: original });
    expect(made.status).toBe(201);
    const { id: sourceId } = (await made.json()) as { id: string };
    const source = await get(sourceId);
    const word = await srv.api(`/api/sops/${sourceId}/export.docx`);
    expect(word.status).toBe(200);
    const bytes = new Uint8Array(await word.arrayBuffer());

    const res = await upload(bytes);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; warnings: Warning[] };
    expect(body.warnings).toEqual([]);
    const imported = await get(body.id);
    expect(plainSteps(imported)).toEqual(plainSteps(source));
    expect(plainSteps(imported).some((s) => s.kind === 'decision')).toBe(true);
    expect(imported.actors.map((a) => a.name)).toEqual(source.actors.map((a) => a.name));
    expect(imported.meta.status).toBe('draft');
    expect(imported.identity.name).toBe(source.identity.name);
    expect(imported.identity.effectiveDate).toBe(source.identity.effectiveDate);
    expect(imported.identity.approvedBy).toEqual(source.identity.approvedBy);
    expect(imported.identity.legalBasis).toEqual(source.identity.legalBasis);
    // Listed as a draft, found by its step text.
    const rows = (await (
      await srv.api(`/api/sops?q=${encodeURIComponent(source.steps[3]!.activity.slice(0, 30))}`)
    ).json()) as Array<{ id: string; status: string }>;
    expect(rows.find((r) => r.id === body.id)?.status).toBe('draft');
  });

  it('imports a hand-made Word SOP with its rows, reporting what it cannot read row by row', async () => {
    const res = await upload(await handMadeSopDocx());
    expect(res.status).toBe(201);
    const { id, warnings } = (await res.json()) as { id: string; warnings: Warning[] };
    const s = await get(id);
    expect(s.identity.name).toBe('Pengelolaan Surat Masuk');
    expect(s.identity.effectiveDate).toBe('2026-03-01');
    expect(s.identity.createdDate).toBe('2026-02-02');
    expect(s.identity.approvedBy).toEqual({
      title: 'Sekretaris Dinas',
      name: 'Drs. Budi Santoso',
      nip: '19700101 199503 1 001',
    });
    expect(s.actors.map((a) => a.name)).toEqual(PELAKSANA);
    const steps = plainSteps(s);
    expect(steps.map((x) => x.activity)).toEqual(HAND_STEPS.map((x) => x.activity));
    expect(steps.map((x) => x.actor)).toEqual(
      HAND_STEPS.map((x) => (x.lane === null ? null : PELAKSANA[x.lane])),
    );
    expect(steps.map((x) => x.output)).toEqual(HAND_STEPS.map((x) => x.output));
    expect(steps.map((x) => x.time)).toEqual([
      { amount: 5, unit: 'minute' },
      { amount: 10, unit: 'minute' },
      { amount: 1, unit: 'hour' },
      { amount: 1.5, unit: 'hour' },
      { amount: null, unit: 'minute' },
      { amount: null, unit: 'minute' },
    ]);
    // The question is a decision whose exits come from its Keterangan; first/last are start/end.
    expect(steps.map((x) => x.kind)).toEqual([
      'terminator',
      'process',
      'decision',
      'process',
      'process',
      'terminator',
    ]);
    expect(steps[2]).toMatchObject({ yes: 3, no: 4 });
    // Row 5: no pelaksana marked, a time that is no time.
    expect(warnings).toEqual([
      { row: 5, message: expect.stringContaining('Pelaksana tidak terbaca') },
      { row: 5, message: expect.stringContaining('Waktu tidak terbaca: "segera"') },
    ]);
    expect(s.meta.status).toBe('draft');
  });

  it('refuses a Word file that is no SOP, a damaged one and a non-Word body; nothing is stored', async () => {
    const before = await total();
    const notSop = await upload(await notAnSopDocx());
    expect(notSop.status).toBe(422);
    expect(((await notSop.json()) as { error: { code: string } }).error.code).toBe('not_an_sop');

    const good = await handMadeSopDocx();
    const truncated = await upload(good.subarray(0, Math.floor(good.length / 2)));
    expect(truncated.status).toBe(422);
    expect(((await truncated.json()) as { error: { code: string } }).error.code).toBe(
      'corrupt_docx',
    );
    // A damaged deflate stream inside an intact archive.
    const flipped = new Uint8Array(good);
    for (let i = 200; i < flipped.length - 400; i += 97) flipped[i] = (flipped[i] ?? 0) ^ 0x5a;
    const damaged = await upload(flipped);
    expect(damaged.status).toBe(422);
    expect(['corrupt_docx', 'not_docx']).toContain(
      ((await damaged.json()) as { error: { code: string } }).error.code,
    );
    const text = await upload(new TextEncoder().encode('bukan dokumen Word'));
    expect(text.status).toBe(422);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe('not_docx');
    expect(await total()).toBe(before);
  });

  it('refuses a 50 MB .docx with 413 before reading it; the server stays up', async () => {
    const before = await total();
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const res = await upload(big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('docx_too_large');
    expect((await srv.api('/api/health')).status).toBe(200);
    expect(await total()).toBe(before);
  });

  it('keeps the JSON import working on the same path', async () => {
    const res = await srv.api('/api/sops/import', { json: templateSnapshot('sop-ap') });
    expect(res.status).toBe(201);
    expect(Object.keys((await res.json()) as object)).toEqual(['id']);
  });
});
