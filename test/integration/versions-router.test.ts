/**
 * Rules (issue 8, versions API): the router mounted on a bare express app
 * lists versions newest first, serves one with its snapshot, and POST
 * snapshots the server's CURRENT state (what the client sends is never the
 * content); `atLeast` refuses with 409 when the server lacks the client's
 * changes; JSON errors {error:{code,message}}: 400 bad types, 404 unknown
 * SOP or version.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createVersionsRouter } from '../../server/routes/versions.js';
import { createMemoryVersionStore } from '../../server/versions/versionStore.js';
import { createSop, SopDoc } from '../../shared/model/index.js';

describe('versions router', () => {
  const live = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
  const sop = new SopDoc(live);
  let base = '';
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = express();
    app.use(
      '/api/sops',
      createVersionsRouter({
        versions: createMemoryVersionStore(),
        exists: async (id) => id === 'sop1',
        getState: async (id) => (id === 'sop1' ? Y.encodeStateAsUpdate(live) : null),
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sops`;
    close = () => new Promise<void>((r) => server.close(() => r()));
  });
  afterAll(() => close());

  const post = (id: string, body: unknown) =>
    fetch(`${base}/${id}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('snapshots the current server state, lists newest first, serves the snapshot', async () => {
    const r1 = await post('sop1', {
      label: 'Reviu 1',
      kind: 'review',
      createdBy: 'Ana',
      summary: { stepsAgreed: ['s01'] },
      // Client-sent content is ignored: the server decides what is stored.
      snapshot: { identity: { name: 'palsu' } },
    });
    expect(r1.status).toBe(201);
    const v1 = (await r1.json()) as { id: string; label: string; kind: string; createdBy: string };
    expect(v1).toMatchObject({ label: 'Reviu 1', kind: 'review', createdBy: 'Ana' });
    expect(r1.headers.get('location')).toBe(`/api/sops/sop1/versions/${v1.id}`);

    sop.identity.set('name', 'Nama baru setelah reviu');
    const r2 = await post('sop1', { label: 'Manual', kind: 'manual' });
    expect(r2.status).toBe(201);
    const v2 = (await r2.json()) as { id: string; createdBy: string | null };
    expect(v2.createdBy).toBeNull();

    const list = (await (await fetch(`${base}/sop1/versions`)).json()) as Array<
      Record<string, unknown>
    >;
    expect(list.map((v) => v.id)).toEqual([v2.id, v1.id]);
    // (`changes`: what changed since the previous version, issue 16)
    expect(Object.keys(list[0]!).sort()).toEqual([
      'changes',
      'createdAt',
      'createdBy',
      'id',
      'kind',
      'label',
    ]);

    const g1 = (await (await fetch(`${base}/sop1/versions/${v1.id}`)).json()) as {
      snapshot: { identity: { name: string }; steps: unknown[] };
      summary: unknown;
    };
    expect(g1.snapshot.identity.name).toBe('Perlindungan dan Penyelamatan Arsip');
    expect(g1.snapshot.steps).toHaveLength(15);
    expect(g1.summary).toEqual({ stepsAgreed: ['s01'] });
    const g2 = (await (await fetch(`${base}/sop1/versions/${v2.id}`)).json()) as {
      snapshot: { identity: { name: string } };
    };
    expect(g2.snapshot.identity.name).toBe('Nama baru setelah reviu');
  });

  it('atLeast: 409 when the server lacks the client changes, 201 once it has them', async () => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    new SopDoc(client).meta.setStatus('in_review'); // not yet on the "server"
    const atLeast = Buffer.from(Y.encodeStateVector(client)).toString('base64');
    const r = await post('sop1', { label: 'Disahkan', kind: 'approved', atLeast });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_synced');
    Y.applyUpdate(live, Y.encodeStateAsUpdate(client, Y.encodeStateVector(live)));
    const ok = await post('sop1', { label: 'Disahkan', kind: 'approved', atLeast });
    expect(ok.status).toBe(201);
    const id = ((await ok.json()) as { id: string }).id;
    const g = (await (await fetch(`${base}/sop1/versions/${id}`)).json()) as {
      snapshot: { meta: { status: string } };
    };
    expect(g.snapshot.meta.status).toBe('in_review');
  });

  it('answers JSON errors: 400 on bad types, 404 on unknown SOP or version', async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'review' }, 'invalid_label'],
      [{ label: '', kind: 'review' }, 'invalid_label'],
      [{ label: 'x'.repeat(201), kind: 'review' }, 'invalid_label'],
      [{ label: 'x', kind: 'final' }, 'invalid_kind'],
      [{ label: 'x', kind: 'review', createdBy: 5 }, 'invalid_created_by'],
      [{ label: 'x', kind: 'review', summary: 'text' }, 'invalid_summary'],
      [{ label: 'x', kind: 'review', atLeast: 12 }, 'invalid_at_least'],
      [{ label: 'x', kind: 'review', atLeast: '!!!' }, 'invalid_at_least'],
      [[1, 2], 'invalid_body'],
      ['{"label": ', 'invalid_json'],
    ];
    for (const [body, code] of cases) {
      const r = await post('sop1', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(((await r.json()) as { error: { code: string; message: string } }).error.code).toBe(
        code,
      );
    }
    for (const url of [
      `${base}/nope/versions`,
      `${base}/sop1/versions/nope`,
      `${base}/nope/versions/x`,
    ]) {
      const r = await fetch(url);
      expect(r.status, url).toBe(404);
      const e = (await r.json()) as { error: { code: string; message: string } };
      expect(e.error.code).toBe('not_found');
      expect(typeof e.error.message).toBe('string');
    }
    expect((await post('nope', { label: 'x', kind: 'review' })).status).toBe(404);
  });
});
