/**
 * Rule: the discussion doc is an ordinary document in its own room
 * (`<sopId>.discussion`) on the real server: two stock clients discuss a
 * step live (create, reply, resolve) and everything survives a server
 * restart. Real server on port 0, temp data dir, waits on doc events.
 */

import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Author, Discussion, discussionDocId } from '../../shared/discussion/index';
import { connectClient, type TestClient, waitForDoc, waitForSynced } from '../helpers/collab';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };
const budi: Author = { id: 'budi', name: 'Budi', colour: '#0c0' };

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
    const room = discussionDocId('sop-live-1');
    expect(room).toBe('sop-live-1.discussion');
    const clients: TestClient[] = [];
    const open = (): TestClient => {
      const c = connectClient(server.wsUrl, room);
      clients.push(c);
      return c;
    };
    cleanups.push(() => {
      for (const c of clients) c.destroy();
    });

    const A = open();
    const B = open();
    await Promise.all([waitForSynced(A.provider), waitForSynced(B.provider)]);
    const da = new Discussion(A.doc);
    const db = new Discussion(B.doc);

    const tid = da.createThread({
      anchor: { kind: 'step', stepId: 's03' },
      author: ana,
      body: 'Apakah langkah ini perlu?',
      lastText: 'Memeriksa arsip',
    });
    await waitForDoc(B.doc, () => db.thread(tid) !== undefined, 'thread at B');
    expect(db.thread(tid)?.messages[0]?.body).toBe('Apakah langkah ini perlu?');
    db.reply(tid, budi, 'Perlu, @Ana');
    await waitForDoc(A.doc, () => (da.thread(tid)?.messages.length ?? 0) === 2, 'reply at A');
    da.resolve(tid, ana);
    await waitForDoc(B.doc, () => db.thread(tid)?.status === 'resolved', 'resolved at B');

    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await startTestServer({ dataDir });
    const C = open();
    await waitForSynced(C.provider);
    const dc = new Discussion(C.doc);
    await waitForDoc(C.doc, () => dc.thread(tid)?.status === 'resolved', 'persisted thread');
    expect(dc.thread(tid)?.messages.map((m) => m.author.id)).toEqual(['ana', 'budi']);
  });
});
