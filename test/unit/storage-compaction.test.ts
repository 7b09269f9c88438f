/**
 * Issue 2 §5 — compaction (apply the log to a Y.Doc, encode its state) keeps content
 * identical, on a long multi-client log with deletes, through the real Room path.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { RoomManager } from '../../server/rooms/roomManager.js';
import { createMemoryDocStores } from '../../server/storage/memoryDocs.js';
import { createSop, SopDoc } from '../../shared/model/index.js';

function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('compaction', () => {
  it('a 3000-update log from 3 replicas compacts to identical content', async () => {
    const rand = seeded(7);
    const replicas = [1, 2, 3].map((id) => {
      const d = new Y.Doc();
      d.clientID = id;
      return d;
    });
    const log: Uint8Array[] = [];
    for (const d of replicas) d.on('update', (u: Uint8Array) => log.push(u));
    for (let i = 0; i < 3000; i++) {
      const d = replicas[Math.floor(rand() * 3)]!;
      const t = d.getText('t');
      const r = rand();
      if (r < 0.6 || t.length === 0)
        t.insert(Math.floor(rand() * (t.length + 1)), String.fromCharCode(97 + (i % 26)));
      else if (r < 0.8) t.delete(Math.floor(rand() * t.length), 1);
      else if (r < 0.9) d.getMap('m').set(`k${i % 17}`, i);
      else d.getArray('a').push([i]);
      // Occasionally exchange state so edits interleave.
      if (i % 50 === 0) {
        for (const a of replicas)
          for (const b of replicas)
            if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      }
    }
    const reference = new Y.Doc();
    for (const u of log) Y.applyUpdate(reference, u);

    const stores = createMemoryDocStores();
    const storage = stores.docLog;
    await storage.append(log.map((update) => ({ docId: 'long', update })));
    const config = { ...loadConfig({}), compactThreshold: 100, unloadDelayMs: 0 };
    const rooms = new RoomManager({ ...stores, logger: silentLogger(), config });
    const { room, release } = await rooms.acquire('long');
    await room.loaded;
    await room.compact();
    release();
    const after = await storage.load('long');
    expect(after?.logLength).toBe(0);
    expect(after?.updates).toHaveLength(1);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, after!.updates[0]!);
    expect(rebuilt.getText('t').toString()).toBe(reference.getText('t').toString());
    expect(rebuilt.getMap('m').toJSON()).toEqual(reference.getMap('m').toJSON());
    expect(rebuilt.getArray('a').toJSON()).toEqual(reference.getArray('a').toJSON());
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(reference));
    await rooms.closeAll();
  });

  it('an SOP edited through the model compacts to the same snapshot', async () => {
    const doc = createSop('sample', { now: new Date('2026-01-01T00:00:00Z') });
    const log: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
    doc.on('update', (u: Uint8Array) => log.push(u));
    const sop = new SopDoc(doc);
    const ids = sop.steps.ids();
    for (let i = 0; i < 40; i++) sop.steps.set(ids[i % ids.length]!, 'activity', `Kegiatan ${i}`);
    sop.steps.move(ids[0]!, { before: null });
    sop.identity.set('name', 'Nama setelah diedit');
    const expected = sop.toSnapshot();
    sop.destroy();

    const stores = createMemoryDocStores();
    const storage = stores.docLog;
    await storage.append(log.map((update) => ({ docId: 'sop', update })));
    const rooms = new RoomManager({
      ...stores,
      logger: silentLogger(),
      config: { ...loadConfig({}), unloadDelayMs: 0 },
    });
    const { room, release } = await rooms.acquire('sop');
    await room.loaded;
    await room.compact();
    release();
    const rebuilt = new Y.Doc();
    for (const u of (await storage.load('sop'))!.updates) Y.applyUpdate(rebuilt, u);
    const again = new SopDoc(rebuilt);
    expect(again.toSnapshot()).toEqual(expected);
    again.destroy();
    await rooms.closeAll();
  });
});
