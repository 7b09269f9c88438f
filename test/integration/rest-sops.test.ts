/**
 * Issue 3 — REST API of SOPs: create from each template, list/search, get, import/export
 * round trip, archive/restore, bad payloads → 400 with a message, unknown ids → 404 JSON,
 * sample seeding, live documents read through their room.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Discussion, discussionDocId, ROOT_THREADS } from '../../shared/discussion/index.js';
import { SopDoc, type SopSnapshot } from '../../shared/model/index.js';
import { CloseCodes } from '../../shared/protocol.js';
import { type TestClient, waitForDoc, waitForSynced } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient } from '../helpers/sops.js';

interface ErrorBody {
  error: { code: string; message: string };
  errors?: string[];
}
interface Row {
  id: string;
  name: string;
  number: string;
  status: string;
  stepCount: number;
  updatedAt: string;
  archived: boolean;
}

describe('REST /api/sops', () => {
  let server: TestServer;
  /** As the administrator (every /api route but a few public ones needs a session). */
  const api = (p: string, init?: RequestInit) => server.api(`/api/sops${p}`, init);
  const post = (p: string, body: unknown) => server.api(`/api/sops${p}`, { json: body });
  const list = async (query = ''): Promise<Row[]> => (await (await api(query)).json()) as Row[];
  const get = async (id: string): Promise<SopSnapshot> =>
    (await (await api(`/${id}`)).json()) as SopSnapshot;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates from each template (201 {id}) and serves the snapshot', async () => {
    const anonymous = await server.api('/api/sops', {
      as: null,
      json: { template: 'sop-ap', name: 'Tanpa sesi' },
    });
    expect(anonymous.status).toBe(401);
    for (const template of ['sop-ap', 'international', 'sample'] as const) {
      const res = await post('', { template, name: `Uji ${template}` });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      const snap = await get(id);
      expect(snap.meta.template).toBe(template);
      expect(snap.identity.name).toBe(`Uji ${template}`);
      expect(Array.isArray(snap.steps)).toBe(true);
      if (template === 'sample') expect(snap.steps.length).toBeGreaterThanOrEqual(12);
    }
    const rows = await list();
    expect(rows.map((r) => r.name).sort()).toEqual([
      'Uji international',
      'Uji sample',
      'Uji sop-ap',
    ]);
    const sample = rows.find((r) => r.name === 'Uji sample')!;
    expect(sample.stepCount).toBeGreaterThanOrEqual(12);
    expect(sample).toMatchObject({ status: 'draft', archived: false });
  });

  it('searches names with ?q=', async () => {
    await post('', { template: 'sop-ap', name: 'Pengelolaan Surat Masuk' });
    const hits = await list('?q=surat%20MASUK');
    expect(hits.map((r) => r.name)).toEqual(['Pengelolaan Surat Masuk']);
    expect(await list('?q=tidak-ada-yang-cocok')).toEqual([]);
  });

  it('export.json round-trips through import', async () => {
    const { id } = (await (await post('', { template: 'sample' })).json()) as { id: string };
    const res = await api(`/${id}/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const exported = (await res.json()) as SopSnapshot;
    const imp = await post('/import', exported);
    expect(imp.status).toBe(201);
    const { id: id2 } = (await imp.json()) as { id: string };
    expect(id2).not.toBe(id);
    const again = await get(id2);
    // The number is unique (issue 14): the copy, whose number is taken, gets the next one.
    expect({ ...again.identity, number: exported.identity.number }).toEqual(exported.identity);
    expect(again.identity.number).not.toBe(exported.identity.number);
    expect(again.actors).toEqual(exported.actors);
    expect(again.steps).toEqual(exported.steps);
    expect(again.narrative).toEqual(exported.narrative);
    expect(again.meta.template).toBe(exported.meta.template);
    expect(again.meta.status).toBe(exported.meta.status);
  });

  it('DELETE archives (listable with ?archived=1), restore brings it back', async () => {
    const { id } = (await (
      await post('', { template: 'sop-ap', name: 'Arsipkan saya' })
    ).json()) as { id: string };
    const del = await api(`/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await list()).some((r) => r.id === id)).toBe(false);
    expect((await list('?archived=1')).some((r) => r.id === id)).toBe(true);
    expect((await api(`/${id}`)).status).toBe(200); // nothing destroyed
    expect((await api(`/${id}/restore`, { method: 'POST' })).status).toBe(200);
    expect((await list()).some((r) => r.id === id)).toBe(true);
  });

  it('bad payloads are 400 with a message', async () => {
    const cases: Array<[string, unknown]> = [
      ['', {}],
      ['', { template: 'nope' }],
      ['', { template: 'sop-ap', name: 42 }],
      ['', [1, 2]],
      ['/import', {}],
      ['/import', { meta: {}, identity: {}, actors: 'x', steps: [], narrative: [] }],
      ['/import', 'just a string'],
    ];
    for (const [p, body] of cases) {
      const res = await post(p, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.message.length).toBeGreaterThan(5);
    }
    const snap = await get((await list())[0]!.id);
    const broken = {
      ...snap,
      steps: [{ ...snap.steps[0], time: { amount: 1, unit: 'fortnight' } }],
    };
    const res = await post('/import', broken);
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.errors?.join(' ')).toMatch(/unit/);
  });

  it('unknown ids are 404 JSON', async () => {
    for (const [method, p] of [
      ['GET', '/doesnotexist'],
      ['GET', '/doesnotexist/export.json'],
      ['DELETE', '/doesnotexist'],
      ['POST', '/doesnotexist/restore'],
      ['GET', '/bad%20id'],
    ] as const) {
      const res = await api(p, { method });
      expect(res.status, `${method} ${p}`).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    }
  });

  it('a live document is read through its room and its listing follows edits', async () => {
    const { id } = (await (await post('', { template: 'sop-ap', name: 'Sebelum' })).json()) as {
      id: string;
    };
    const c = adminClient(server, id);
    try {
      await waitForSynced(c.provider);
      const sop = new SopDoc(c.doc);
      sop.identity.set('name', 'Sesudah');
      sop.steps.insertAfter(null, { activity: 'Langkah langsung' });
      sop.destroy();
      // GET reads the room's doc, which has the edit once the server stored it.
      await eventually(async () => (await get(id)).identity.name === 'Sesudah');
      await eventually(async () => (await list()).find((r) => r.id === id)?.name === 'Sesudah');
    } finally {
      c.destroy();
    }
  });

  it('the discussion doc is served on its socket, written only through commands, and is not an SOP', async () => {
    const { id } = (await (
      await post('', { template: 'sop-ap', name: 'Punya diskusi' })
    ).json()) as { id: string };
    const clients: TestClient[] = [];
    try {
      const peer = adminClient(server, discussionDocId(id));
      const writer = adminClient(server, discussionDocId(id));
      clients.push(peer, writer);
      await Promise.all([waitForSynced(peer.provider), waitForSynced(writer.provider)]);
      // A client's own write into the discussion is refused (a stock client is closed).
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        writer.provider.on('connection-close', (e: CloseEvent | null) =>
          resolve({ code: e?.code ?? 0, reason: e?.reason ?? '' }),
        ),
      );
      writer.doc.getMap(ROOT_THREADS).set('t1', 'halo');
      expect(await closed).toEqual(CloseCodes.readOnly);
      // The command API writes it, with the server's author; the peer sees it live.
      const res = await post(`/${id}/discussion`, {
        op: 'createThread',
        anchor: { kind: 'sop' },
        body: 'halo',
      });
      expect(res.status).toBe(200);
      const { id: threadId } = (await res.json()) as { id: string };
      const d = new Discussion(peer.doc);
      await waitForDoc(peer.doc, () => d.thread(threadId) !== undefined, 'thread at the peer');
      expect(d.thread(threadId)?.messages[0]).toMatchObject({
        body: 'halo',
        author: { id: server.admin.id },
      });
      expect(peer.doc.getMap(ROOT_THREADS).has('t1')).toBe(false);
      const ids = (await list()).map((r) => r.id);
      expect(ids).toContain(id);
      expect(ids).not.toContain(discussionDocId(id));
      expect((await api(`/${discussionDocId(id)}`)).status).toBe(404);
    } finally {
      for (const c of clients) c.destroy();
    }
  });

  it('a fresh database gets the sample SOP exactly once', async () => {
    const dataDir = makeTempDir();
    try {
      for (let i = 0; i < 2; i++) {
        const s = await startTestServer({ dataDir, seedSample: true });
        const rows = (await (await s.api('/api/sops')).json()) as Row[];
        expect(rows).toHaveLength(1);
        expect(rows[0]!.name).toMatch(/Arsip/);
        expect(rows[0]!.stepCount).toBeGreaterThanOrEqual(12);
        await s.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Re-check an async condition on each macrotask until it holds (bounded). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}
