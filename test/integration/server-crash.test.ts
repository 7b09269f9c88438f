/**
 * Issue 2 — kill -9: once an observer has received an update, it survives a SIGKILL of
 * the server (stored before broadcast). Also: SIGTERM shuts down gracefully.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/protocol.js';
import { type ChildServer, startChildServer } from '../helpers/childServer.js';
import { type TestClient, waitForDoc, waitForSynced } from '../helpers/collab.js';
import { makeTempDir, startTestServer } from '../helpers/server.js';
import { addListItem, adminClient, freeText, listTexts, newSop } from '../helpers/sops.js';

describe('crash safety (child process)', () => {
  const clients: TestClient[] = [];
  let child: ChildServer | null = null;
  let dataDir = '';
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await child?.kill('SIGKILL');
    child = null;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an update an observer has seen survives kill -9', async () => {
    dataDir = makeTempDir();
    child = await startChildServer({ DATA_DIR: dataDir });
    const id = await newSop(child, 'Uji crash');
    const writer = adminClient(child, id);
    const observer = adminClient(child, id);
    clients.push(writer, observer);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);
    for (let i = 0; i < 20; i++) freeText(writer.doc).insert(0, 'a');
    addListItem(writer.doc, 'seen');
    await waitForDoc(observer.doc, (d) => listTexts(d).includes('seen'), 'observer saw the update');
    const expected = freeText(observer.doc).toString();
    const { signal } = await child.kill('SIGKILL');
    expect(signal).toBe('SIGKILL');
    for (const c of clients.splice(0)) c.destroy();

    // Restart in-process on the same data dir (the log is replayed, no compaction ran).
    const server = await startTestServer({ dataDir });
    try {
      const fresh = adminClient(server, id);
      clients.push(fresh);
      await waitForSynced(fresh.provider);
      expect(listTexts(fresh.doc)).toEqual(['seen']);
      expect(freeText(fresh.doc).toString()).toBe(expected);
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
    }
  });

  it('SIGTERM: clients are closed with "server restarting" and the process exits 0', async () => {
    dataDir = makeTempDir();
    child = await startChildServer({ DATA_DIR: dataDir });
    const id = await newSop(child, 'Uji SIGTERM');
    const c = adminClient(child, id);
    clients.push(c);
    await waitForSynced(c.provider);
    freeText(c.doc).insert(0, 'bye');
    const closed = new Promise<number>((resolve) => {
      c.provider.on('connection-close', (ev) => resolve(ev?.code ?? -1));
    });
    const exit = child.kill('SIGTERM');
    expect(await closed).toBe(CloseCodes.serverRestarting.code);
    expect((await exit).code).toBe(0);
    expect(fs.existsSync(`${dataDir}/susun.db`)).toBe(true);
    for (const x of clients.splice(0)) x.destroy();
    const server = await startTestServer({ dataDir });
    try {
      const fresh = adminClient(server, id);
      clients.push(fresh);
      await waitForSynced(fresh.provider);
      expect(freeText(fresh.doc).toString()).toBe('bye');
    } finally {
      for (const x of clients.splice(0)) x.destroy();
      await server.close();
    }
  });
});
