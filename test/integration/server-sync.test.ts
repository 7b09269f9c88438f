/**
 * Issue 2 — sync with stock y-websocket clients, restart on the same DATA_DIR.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestClient, waitForDoc, waitForSynced, waitUntil } from '../helpers/collab.js';
import { makeTempDir, startTestServer, type TestServer } from '../helpers/server.js';
import { addListItem, adminClient, freeText, listTexts, newSop } from '../helpers/sops.js';

describe('sync with stock WebsocketProvider clients', () => {
  const clients: TestClient[] = [];
  let server: TestServer | null = null;
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  });

  it('two clients converge; a third joining later gets the full state', async () => {
    server = await startTestServer();
    const [doc1, doc2] = [await newSop(server, 'Satu'), await newSop(server, 'Dua')];
    const a = adminClient(server, doc1);
    const b = adminClient(server, doc1);
    clients.push(a, b);
    await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
    freeText(a.doc).insert(0, 'Halo ');
    freeText(b.doc).insert(0, 'dunia');
    addListItem(b.doc, 'Printer');
    // Each wait depends only on its own doc (a condition on both would miss the other's change).
    await waitForDoc(a.doc, () => freeText(a.doc).length === 10, 'a has both edits');
    await waitForDoc(b.doc, () => freeText(b.doc).length === 10, 'b has both edits');
    expect(freeText(a.doc).toString()).toBe(freeText(b.doc).toString());
    const c = adminClient(server, doc1);
    clients.push(c);
    await waitForSynced(c.provider);
    expect(freeText(c.doc).toString()).toBe(freeText(a.doc).toString());
    expect(listTexts(c.doc)).toEqual(['Printer']);
    // Different documents stay apart.
    const other = adminClient(server, doc2);
    clients.push(other);
    await waitForSynced(other.provider);
    expect(freeText(other.doc).toString()).toBe('');
    expect(listTexts(other.doc)).toEqual([]);
  });

  it('stock clients keep their presence and their sockets while forwarding each other', async () => {
    // y-websocket 3.1 re-sends every awareness change it sees, other users' included:
    // the server must drop those foreign entries, not close the forwarding socket.
    server = await startTestServer();
    const presence = await newSop(server, 'Kehadiran');
    const users = ['Ani', 'Budi', 'Citra'].map((name) => {
      const c = adminClient(server!, presence);
      c.provider.awareness.setLocalStateField('user', { name });
      clients.push(c);
      return c;
    });
    const closes: number[] = [];
    for (const u of users) u.provider.ws?.addEventListener('close', (e) => closes.push(e.code));
    const seesAll = (c: TestClient) => c.provider.awareness.getStates().size === 3;
    for (const u of users) {
      await waitUntil(
        () => seesAll(u),
        (n) => {
          u.provider.awareness.on('change', n);
          return () => u.provider.awareness.off('change', n);
        },
        10_000,
        'everyone sees three users',
      );
    }
    // A state change of one user reaches the others through the forwarding clients.
    users[0]!.provider.awareness.setLocalStateField('user', { name: 'Ani (presenter)' });
    const nameOf0 = (c: TestClient) =>
      (c.provider.awareness.getStates().get(users[0]!.doc.clientID) as { user?: { name?: string } })
        ?.user?.name;
    await waitUntil(
      () => nameOf0(users[2]!) === 'Ani (presenter)',
      (n) => {
        users[2]!.provider.awareness.on('change', n);
        return () => users[2]!.provider.awareness.off('change', n);
      },
      10_000,
      'rename reaches Citra',
    );
    expect(closes).toEqual([]);
    expect(users.every((u) => u.provider.wsconnected)).toBe(true);
  });

  it('a restarted server on the same DATA_DIR serves everything', async () => {
    const dataDir = makeTempDir();
    server = await startTestServer({ dataDir });
    const persist = await newSop(server, 'Tahan restart');
    const a = adminClient(server, persist);
    clients.push(a);
    await waitForSynced(a.provider);
    for (let i = 0; i < 30; i++) freeText(a.doc).insert(i, String(i % 10));
    addListItem(a.doc, 'x');
    addListItem(a.doc, 'y');
    // The observer proves the server relayed (hence stored) everything.
    const observer = adminClient(server, persist);
    clients.push(observer);
    await waitForDoc(
      observer.doc,
      () => listTexts(observer.doc).length === 2,
      'observer got the edits',
    );
    const expected = freeText(a.doc).toString();
    for (const c of clients.splice(0)) c.destroy();
    await server.close();

    server = await startTestServer({ dataDir });
    const fresh = adminClient(server, persist);
    clients.push(fresh);
    await waitForSynced(fresh.provider);
    expect(freeText(fresh.doc).toString()).toBe(expected);
    expect(listTexts(fresh.doc)).toEqual(['x', 'y']);
    fresh.destroy();
    clients.length = 0;
    await server.close();
    server = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
