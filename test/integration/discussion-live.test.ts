/**
 * Rule: the discussion doc is a document in its own room (`<sopId>.discussion`) on the
 * real server, read live by stock clients and written only by the server (issue 11):
 * two people discuss a step through the command API (create, reply, resolve), each sees
 * the other's change arrive on the socket with the author the server stamped, and
 * everything survives a server restart. Real server on port 0, temp data dir, waits on
 * doc events.
 */

import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Discussion, discussionDocId } from '../../shared/discussion/index';
import type { SopSnapshot } from '../../shared/model/index';
import { connectClient, type TestClient, waitForDoc, waitForSynced } from '../helpers/collab';
import { makeTempDir, startTestServer, type TestServer, type TestUser } from '../helpers/server';
import { newSop } from '../helpers/sops';

describe('discussion room on the real server', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it('syncs a thread live between two clients and keeps it after a restart', async () => {
    const dataDir = makeTempDir('susun-discussion-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    let server: TestServer = await startTestServer({ dataDir });
    cleanups.push(async () => {
      await server.close();
    });
    const sopId = await newSop(server, 'Diskusi langsung', 'sample');
    const room = discussionDocId(sopId);
    expect(room).toBe(`${sopId}.discussion`);
    const ana = server.admin;
    const budi = await server.createUser({ name: 'Budi' });
    const shared = await server.api(`/api/sops/${sopId}/members/${budi.id}`, {
      method: 'PUT',
      json: { role: 'commenter' },
    });
    expect(shared.status).toBe(200);
    const snap = (await (await server.api(`/api/sops/${sopId}`)).json()) as SopSnapshot;
    const step = snap.steps[2]!;

    const clients: TestClient[] = [];
    const open = (user: TestUser): TestClient => {
      const c = connectClient(server.wsUrl, room, { params: { token: user.token } });
      clients.push(c);
      return c;
    };
    cleanups.push(() => {
      for (const c of clients) c.destroy();
    });
    /** A discussion command as `user`; returns the answer's JSON. */
    const command = async (user: TestUser, body: Record<string, unknown>) => {
      const res = await server.api(`/api/sops/${sopId}/discussion`, { as: user, json: body });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { id?: string };
    };

    const A = open(ana);
    const B = open(budi);
    await Promise.all([waitForSynced(A.provider), waitForSynced(B.provider)]);
    const da = new Discussion(A.doc);
    const db = new Discussion(B.doc);

    const { id: tid } = await command(ana, {
      op: 'createThread',
      anchor: { kind: 'step', stepId: step.id },
      body: 'Apakah langkah ini perlu?',
    });
    if (!tid) throw new Error('createThread returned no id');
    await waitForDoc(B.doc, () => db.thread(tid) !== undefined, 'thread at B');
    expect(db.thread(tid)?.messages[0]?.body).toBe('Apakah langkah ini perlu?');
    // The server fills what the thread shows of its step.
    expect(db.thread(tid)?.lastText).toBe(step.activity);
    await command(budi, { op: 'reply', threadId: tid, body: 'Perlu, @Ana' });
    await waitForDoc(A.doc, () => (da.thread(tid)?.messages.length ?? 0) === 2, 'reply at A');
    await command(ana, { op: 'resolve', threadId: tid });
    await waitForDoc(B.doc, () => db.thread(tid)?.status === 'resolved', 'resolved at B');

    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await startTestServer({ dataDir });
    const C = open(server.admin);
    await waitForSynced(C.provider);
    const dc = new Discussion(C.doc);
    await waitForDoc(C.doc, () => dc.thread(tid)?.status === 'resolved', 'persisted thread');
    // Authors are the signed-in people (the server's word, not the client's).
    expect(dc.thread(tid)?.messages.map((m) => m.author.id)).toEqual([ana.id, budi.id]);
    expect(dc.thread(tid)?.messages.map((m) => m.author.name)).toEqual([ana.name, 'Budi']);
  });
});
