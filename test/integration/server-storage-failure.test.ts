/**
 * Issue 2 §5 — a disk that fails a write: the connection is closed with
 * `storageFailed`, the update is not broadcast, the server stays up; once the disk
 * works again the client's edit is re-sent and stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/storage/memoryStore.js';
import { CloseCodes } from '../../shared/protocol.js';
import {
  connectClient,
  type TestClient,
  waitForDoc,
  waitForSynced,
  waitUntil,
} from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('storage failure', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  });

  it('closes with storageFailed, does not broadcast, recovers when writes work again', async () => {
    const storage = createMemoryStore();
    server = await startTestServer({}, { storage });
    const writer = connectClient(server.wsUrl, 'disk');
    const observer = connectClient(server.wsUrl, 'disk');
    clients.push(writer, observer);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);

    const codes: number[] = [];
    writer.provider.on('connection-close', (ev) => codes.push(ev?.code ?? -1));
    storage.failWrites = true;
    let observerSaw = false;
    observer.doc.on('update', () => {
      if (observer.doc.getText('t').toString().includes('unsaved')) observerSaw = true;
    });
    writer.doc.getText('t').insert(0, 'unsaved');
    await waitUntil(
      () => codes.includes(CloseCodes.storageFailed.code),
      (notify) => {
        writer.provider.on('connection-close', notify);
        return () => writer.provider.off('connection-close', notify);
      },
    );
    expect(observerSaw).toBe(false);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    // The disk recovers: the provider reconnects (1011 is retried) and re-sends its edit.
    storage.failWrites = false;
    await waitForDoc(
      observer.doc,
      (d) => d.getText('t').toString() === 'unsaved',
      'edit after recovery',
    );
    expect((await storage.load('disk'))?.updates.length).toBeGreaterThan(0);
  });
});
