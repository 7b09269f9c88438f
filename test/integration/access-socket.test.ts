/**
 * Issue 11 on the socket, against a real server with stock `WebsocketProvider`s (a client
 * that does not play along): authentication, refused writes of viewers and commenters,
 * the approved lock, live revocation, the discussion written only by the server, the
 * server-only roots, and cross-origin upgrades.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { discussionDocId } from '../../shared/discussion/index.js';
import { SopDoc } from '../../shared/model/index.js';
import { CloseCodes } from '../../shared/protocol.js';
import { connectClient, openRaw, waitForDoc, waitForSynced } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer, type TestUser } from '../helpers/server.js';

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer({ unloadDelayMs: 50 });
});
afterAll(async () => {
  await srv.close();
});

async function newSop(name: string, as?: TestUser): Promise<string> {
  const res = await srv.api('/api/sops', { as, json: { template: 'sop-ap', name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function share(sopId: string, user: TestUser, role: string): Promise<void> {
  const res = await srv.api(`/api/sops/${sopId}/members/${user.id}`, {
    method: 'PUT',
    json: { role },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function restText(sopId: string): Promise<string> {
  const res = await srv.api(`/api/sops/${sopId}`);
  const snap = (await res.json()) as { identity: { name: string } };
  return snap.identity.name;
}

/** Waits for the provider's socket to close; returns the close event. */
function closeOf(c: ReturnType<typeof connectClient>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    c.provider.on('connection-close', (e: CloseEvent | null) =>
      resolve({ code: e?.code ?? 0, reason: e?.reason ?? '' }),
    );
  });
}

describe('socket authentication', () => {
  it('closes an unauthenticated socket with 4401 and a stranger with 4403', async () => {
    const id = await newSop('Rahasia');
    const anon = openRaw(`${srv.wsUrl}/${id}`);
    expect((await anon.closed).code).toBe(CloseCodes.unauthorized.code);
    const bad = openRaw(`${srv.wsUrl}/${id}?token=sst_not-a-real-token`);
    expect((await bad.closed).code).toBe(CloseCodes.unauthorized.code);
    const stranger = await srv.createUser({ name: 'Orang Lain' });
    const s = openRaw(`${srv.wsUrl}/${id}?token=${stranger.token}`);
    expect((await s.closed).code).toBe(CloseCodes.forbidden.code);
    const d = openRaw(`${srv.wsUrl}/${discussionDocId(id)}?token=${stranger.token}`);
    expect((await d.closed).code).toBe(CloseCodes.forbidden.code);
  });

  it('a document that was never created is 4404 and nothing is stored', async () => {
    const raw = openRaw(`${srv.wsUrl}/tidak-ada-dokumen?token=${srv.admin.token}`);
    expect((await raw.closed).code).toBe(CloseCodes.notFound.code);
    const list = (await (await srv.api('/api/sops')).json()) as Array<{ id: string }>;
    expect(list.map((r) => r.id)).not.toContain('tidak-ada-dokumen');
  });

  it('refuses a cross-origin upgrade that carries the session cookie', async () => {
    const id = await newSop('Asal lain');
    const evil = openRaw(`${srv.wsUrl}/${id}`, {
      headers: { Cookie: srv.admin.cookie, Origin: 'http://evil.example' },
    });
    await expect(evil.opened).rejects.toThrow();
    const same = openRaw(`${srv.wsUrl}/${id}`, {
      headers: { Cookie: srv.admin.cookie, Origin: srv.url },
    });
    await same.opened;
    same.ws.close();
  });
});

describe('who may write', () => {
  it("a viewer's and a commenter's content writes are refused and absent after a restart", async () => {
    const dataDir = makeTempDir();
    let own = await startTestServer({ dataDir });
    try {
      const res = await own.api('/api/sops', { json: { template: 'sop-ap', name: 'Asli' } });
      const { id } = (await res.json()) as { id: string };
      const viewer = await own.createUser({ name: 'Pembaca' });
      const commenter = await own.createUser({ name: 'Pengulas' });
      for (const [u, role] of [
        [viewer, 'viewer'],
        [commenter, 'commenter'],
      ] as const) {
        const r = await own.api(`/api/sops/${id}/members/${u.id}`, {
          method: 'PUT',
          json: { role },
        });
        expect(r.status).toBe(200);
      }
      for (const who of [viewer, commenter]) {
        const c = connectClient(own.wsUrl, id, { params: { token: who.token } });
        await waitForSynced(c.provider);
        const closed = closeOf(c);
        c.doc.transact(() => {
          const t = c.doc.getText('identity.name');
          t.delete(0, t.length);
          t.insert(0, `Ditulis ${who.name}`);
        });
        const e = await closed;
        expect(e.code).toBe(CloseCodes.readOnly.code);
        expect(e.reason).toMatch(/read-only/);
        c.destroy();
      }
      await own.close();
      own = await startTestServer({ dataDir });
      const snap = (await (await own.api(`/api/sops/${id}`)).json()) as {
        identity: { name: string };
      };
      expect(snap.identity.name).toBe('Asli');
    } finally {
      await own.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('an editor writes; the status and Disahkan oleh roots are the server’s', async () => {
    const id = await newSop('Draf');
    const editor = await srv.createUser({ name: 'Penyusun' });
    await share(id, editor, 'editor');
    const c = connectClient(srv.wsUrl, id, { params: { token: editor.token } });
    await waitForSynced(c.provider);
    const sop = new SopDoc(c.doc);
    sop.identity.set('name', 'Draf baru');
    await expect.poll(() => restText(id)).toBe('Draf baru');
    const closed = closeOf(c);
    c.doc.getMap('meta').set('status', 'approved');
    expect((await closed).code).toBe(CloseCodes.readOnly.code);
    sop.destroy();
    c.destroy();
    const acc = (await (await srv.api(`/api/sops/${id}/access`)).json()) as { status: string };
    expect(acc.status).toBe('draft');
  });

  it('nobody writes into an approved SOP, the owner and admin included, until a revision', async () => {
    const id = await newSop('Akan disahkan');
    const res = await srv.api(`/api/sops/${id}/approve`, { json: {} });
    expect(res.status, await res.clone().text()).toBe(200);
    const c = connectClient(srv.wsUrl, id, { params: { token: srv.admin.token } });
    await waitForSynced(c.provider);
    const closed = closeOf(c);
    c.doc.getText('identity.name').insert(0, 'X');
    expect((await closed).code).toBe(CloseCodes.readOnly.code);
    c.destroy();
    expect(await restText(id)).toBe('Akan disahkan');
    expect((await srv.api(`/api/sops/${id}/revision`, { method: 'POST' })).status).toBe(200);
    const c2 = connectClient(srv.wsUrl, id, { params: { token: srv.admin.token } });
    await waitForSynced(c2.provider);
    c2.doc.getText('identity.name').insert(0, 'Revisi ');
    await expect.poll(() => restText(id)).toBe('Revisi Akan disahkan');
    c2.destroy();
  });

  it('nobody writes the discussion document directly; commands carry the real author', async () => {
    const id = await newSop('Diskusi');
    const commenter = await srv.createUser({ name: 'Siti Rahma' });
    await share(id, commenter, 'commenter');
    const c = connectClient(srv.wsUrl, discussionDocId(id), { params: { token: commenter.token } });
    await waitForSynced(c.provider);
    const closed = closeOf(c);
    c.doc.getMap('threads').set('palsu', new Y.Map());
    expect((await closed).code).toBe(CloseCodes.readOnly.code);
    c.destroy();
    // Through the command API the author is the server's word, whatever the body says.
    const res = await srv.api(`/api/sops/${id}/discussion`, {
      as: commenter,
      json: {
        op: 'createThread',
        anchor: { kind: 'sop' },
        body: 'Mohon diperjelas',
        author: { id: srv.admin.id, name: 'Admin Susun' },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { id: threadId } = (await res.json()) as { id: string };
    const peer = connectClient(srv.wsUrl, discussionDocId(id), {
      params: { token: srv.admin.token },
    });
    await waitForDoc(peer.doc, (d) => d.getMap('threads').has(threadId), 'thread');
    const t = peer.doc.getMap('threads').get(threadId) as Y.Map<unknown>;
    expect((t.get('author') as { id: string; name: string }).id).toBe(commenter.id);
    expect((t.get('author') as { name: string }).name).toBe('Siti Rahma');
    peer.destroy();
  });

  it('revoking a connected editor stops their writes at once (read-only, then closed)', async () => {
    const id = await newSop('Dicabut');
    const editor = await srv.createUser({ name: 'Sementara' });
    await share(id, editor, 'editor');
    const c = connectClient(srv.wsUrl, id, { params: { token: editor.token } });
    await waitForSynced(c.provider);
    const closed = closeOf(c);
    await share(id, editor, 'viewer');
    // The re-check runs in the same turn as the REST answer: the next write is refused.
    c.doc.getText('identity.name').insert(0, 'Masih bisa? ');
    expect((await closed).code).toBe(CloseCodes.readOnly.code);
    c.destroy();
    expect(await restText(id)).toBe('Dicabut');
    // Removing the share closes the socket with 4403.
    const c2 = connectClient(srv.wsUrl, id, { params: { token: editor.token } });
    await waitForSynced(c2.provider);
    const closed2 = closeOf(c2);
    const del = await srv.api(`/api/sops/${id}/members/${editor.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await closed2).code).toBe(CloseCodes.forbidden.code);
    c2.destroy();
  });
});
