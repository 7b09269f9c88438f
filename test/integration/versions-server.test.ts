/**
 * Issue 8 — versions through the real server: a version snapshots what the server holds
 * (a live edit included), is listed newest first, survives a restart, and unknown ids
 * or bad payloads get JSON errors. Issue 11: a client asks only for named (`manual`)
 * versions; a `review` version is stored by the server when a review session ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SopDoc, type SopSnapshot } from '../../shared/model/index.js';
import { type TestClient, waitForSynced } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient } from '../helpers/sops.js';

interface VersionRow {
  id: string;
  label: string;
  kind: string;
  createdAt: string;
}

describe('versions API on the real server', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  });
  /** As the administrator. */
  const post = (s: TestServer, p: string, body: unknown) => s.api(`/api/sops${p}`, { json: body });
  const get = (s: TestServer, p: string) => s.api(`/api/sops${p}`);

  it('snapshots the live document, lists newest first, and keeps versions across a restart', async () => {
    const dataDir = makeTempDir();
    server = await startTestServer({ dataDir });
    const { id } = (await (await post(server, '', { template: 'sample' })).json()) as {
      id: string;
    };
    // A live edit through a stock client is part of the next version.
    const c = adminClient(server, id);
    clients.push(c);
    await waitForSynced(c.provider);
    new SopDoc(c.doc).identity.set('name', 'Versi reviu pertama');
    const waitStored = async () => {
      for (let i = 0; i < 100; i++) {
        const snap = (await (await get(server!, `/${id}`)).json()) as SopSnapshot;
        if (snap.identity.name === 'Versi reviu pertama') return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('edit never reached the server');
    };
    await waitStored();
    // A client cannot store a review version itself...
    const forged = await post(server, `/${id}/versions`, { label: 'Reviu 1', kind: 'review' });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_kind');
    // ... the server stores it when the review session ends.
    const started = await post(server, `/${id}/discussion`, { op: 'reviewStart' });
    expect(started.status).toBe(200);
    const { id: sessionId } = (await started.json()) as { id: string };
    const ended = await post(server, `/${id}/discussion`, { op: 'reviewEnd', sessionId });
    expect(ended.status).toBe(200);
    const r2 = await post(server, `/${id}/versions`, { label: 'Manual', kind: 'manual' });
    expect(r2.status).toBe(201);
    const list = (await (await get(server, `/${id}/versions`)).json()) as VersionRow[];
    expect(list.map((v) => v.kind)).toEqual(['manual', 'review']);
    expect(list[0]!.label).toBe('Manual');
    expect(list[1]!.label).toMatch(/^Sesi reviu /);
    const first = list[1]!;
    const one = (await (await get(server, `/${id}/versions/${first.id}`)).json()) as {
      snapshot: SopSnapshot;
      createdBy: string | null;
    };
    expect(one.snapshot.identity.name).toBe('Versi reviu pertama');
    expect(one.snapshot.steps.length).toBe(15);
    expect(one.createdBy).toBe(server.admin.name);

    for (const cl of clients.splice(0)) cl.destroy();
    await server.close();
    server = await startTestServer({ dataDir });
    const again = (await (await get(server, `/${id}/versions`)).json()) as VersionRow[];
    expect(again.map((v) => v.id)).toEqual(list.map((v) => v.id));
  });

  it('answers JSON errors for unknown SOPs, unknown versions and bad payloads', async () => {
    server = await startTestServer();
    const { id } = (await (await post(server, '', { template: 'sop-ap' })).json()) as {
      id: string;
    };
    const unknown = await get(server, '/nope/versions');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect((await get(server, `/${id}/versions/nope`)).status).toBe(404);
    const bad = await post(server, `/${id}/versions`, { label: 42, kind: 'whatever' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /label|kind/,
    );
  });
});
