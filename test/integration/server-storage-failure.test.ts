/**
 * Issue 2 §5 — a disk that fails a write: the connection is closed with
 * `storageFailed`, the update is not broadcast, the server stays up; once the disk
 * works again the client's edit is re-sent and stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStores } from '../../server/storage/stores.js';
import { CloseCodes } from '../../shared/protocol.js';
import { type TestClient, waitForDoc, waitForSynced, waitUntil } from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient, freeText, newSop } from '../helpers/sops.js';

describe('storage failure', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  });

  it('closes with storageFailed, does not broadcast, recovers when writes work again', async () => {
    const storage = createMemoryStores();
    server = await startTestServer({}, { stores: storage });
    const disk = await newSop(server, 'Disk rusak');
    const writer = adminClient(server, disk);
    const observer = adminClient(server, disk);
    clients.push(writer, observer);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);

    const codes: number[] = [];
    writer.provider.on('connection-close', (ev) => codes.push(ev?.code ?? -1));
    storage.failWrites = true;
    let observerSaw = false;
    observer.doc.on('update', () => {
      if (freeText(observer.doc).toString().includes('unsaved')) observerSaw = true;
    });
    freeText(writer.doc).insert(0, 'unsaved');
    await waitUntil(
      () => codes.includes(CloseCodes.storageFailed.code),
      (notify) => {
        writer.provider.on('connection-close', notify);
        return () => writer.provider.off('connection-close', notify);
      },
    );
    expect(observerSaw).toBe(false);
    // The server stays up and says honestly that it cannot store (issue 12 §10).
    const degraded = await fetch(`${server.url}/api/health`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toMatchObject({ status: 'degraded' });

    // The disk recovers: the provider reconnects (1011 is retried) and re-sends its edit.
    storage.failWrites = false;
    await waitForDoc(
      observer.doc,
      (d) => freeText(d).toString() === 'unsaved',
      'edit after recovery',
    );
    // Stored, not only relayed (the SOP's own content was stored at creation, so check the edit).
    const stored = new Y.Doc();
    for (const u of (await storage.docLog.load(disk))?.updates ?? []) Y.applyUpdate(stored, u);
    expect(freeText(stored).toString()).toBe('unsaved');
    // A write succeeded since: healthy again.
    const healthy = await fetch(`${server.url}/api/health`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({
      status: 'ok',
      storage: { writesFailingSince: null },
    });
  });
});
