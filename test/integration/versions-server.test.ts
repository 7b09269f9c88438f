/**
 * Issue 8 — versions through the real server: a version snapshots what the server holds
 * (a live edit included), is listed newest first, survives a restart, and unknown ids
 * or bad payloads get JSON errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SopDoc, type SopSnapshot } from '../../shared/model/index.js';
import { connectClient, type TestClient, waitForSynced } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';

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
  const post = (s: TestServer, p: string, body: unknown) =>
    fetch(`${s.url}/api/sops${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('snapshots the live document, lists newest first, and keeps versions across a restart', async () => {
    const dataDir = makeTempDir();
    server = await startTestServer({ dataDir });
    const { id } = (await (await post(server, '', { template: 'sample' })).json()) as {
      id: string;
    };
    // A live edit through a stock client is part of the next version.
    const c = connectClient(server.wsUrl, id);
    clients.push(c);
    await waitForSynced(c.provider);
    new SopDoc(c.doc).identity.set('name', 'Versi reviu pertama');
    const waitStored = async () => {
      for (let i = 0; i < 100; i++) {
        const snap = (await (await fetch(`${server!.url}/api/sops/${id}`)).json()) as SopSnapshot;
        if (snap.identity.name === 'Versi reviu pertama') return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('edit never reached the server');
    };
    await waitStored();
    const r1 = await post(server, `/${id}/versions`, { label: 'Reviu 1', kind: 'review' });
    expect(r1.status).toBe(201);
    const r2 = await post(server, `/${id}/versions`, { label: 'Manual', kind: 'manual' });
    expect(r2.status).toBe(201);
    const list = (await (
      await fetch(`${server.url}/api/sops/${id}/versions`)
    ).json()) as VersionRow[];
    expect(list.map((v) => v.label)).toEqual(['Manual', 'Reviu 1']);
    const first = list[1]!;
    const one = (await (
      await fetch(`${server.url}/api/sops/${id}/versions/${first.id}`)
    ).json()) as { snapshot: SopSnapshot };
    expect(one.snapshot.identity.name).toBe('Versi reviu pertama');
    expect(one.snapshot.steps.length).toBe(15);

    for (const cl of clients.splice(0)) cl.destroy();
    await server.close();
    server = await startTestServer({ dataDir });
    const again = (await (
      await fetch(`${server.url}/api/sops/${id}/versions`)
    ).json()) as VersionRow[];
    expect(again.map((v) => v.id)).toEqual(list.map((v) => v.id));
  });

  it('answers JSON errors for unknown SOPs, unknown versions and bad payloads', async () => {
    server = await startTestServer();
    const { id } = (await (await post(server, '', { template: 'sop-ap' })).json()) as {
      id: string;
    };
    const unknown = await fetch(`${server.url}/api/sops/nope/versions`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect((await fetch(`${server.url}/api/sops/${id}/versions/nope`)).status).toBe(404);
    const bad = await post(server, `/${id}/versions`, { label: 42, kind: 'whatever' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /label|kind/,
    );
  });
});
