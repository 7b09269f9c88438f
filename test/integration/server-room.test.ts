/**
 * Rooms without sockets (in-memory connections): durability ordering, load queueing,
 * storage failure, awareness ownership, the opt-in `stored` message.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { RoomManager } from '../../server/rooms/roomManager.js';
import { createMemoryDocStores, type MemoryDocStores } from '../../server/storage/memoryDocs.js';
import { CloseCodes, MessageType } from '../../shared/protocol.js';
import { MemClient } from '../helpers/memClient.js';
import { freeText } from '../helpers/sops.js';

const config = {
  ...loadConfig({}),
  unloadDelayMs: 10,
  compactThreshold: 20,
  maxAwarenessBytes: 1000,
};

/** Resolves on the next turn after all pending immediates (batched writes) ran. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await settle();
  expect(cond()).toBe(true);
}

describe('room', () => {
  let rooms: RoomManager;
  let stores: MemoryDocStores;
  let storage: MemoryDocStores['docLog'];
  const make = () => {
    stores = createMemoryDocStores();
    storage = stores.docLog;
    rooms = new RoomManager({ ...stores, logger: silentLogger(), config });
    return rooms;
  };
  afterEach(async () => {
    await rooms?.closeAll();
  });

  it('stores an update before broadcasting it, and never broadcasts a failed write', async () => {
    make();
    const a = new MemClient();
    const b = new MemClient();
    await a.join(rooms, 'd');
    await b.join(rooms, 'd');
    await settle();
    let storedAtBroadcast = -1;
    b.doc.on('update', async () => {
      storedAtBroadcast = (await storage.load('d'))?.logLength ?? 0;
    });
    freeText(a.doc).insert(0, 'hello');
    await until(() => freeText(b.doc).toString() === 'hello');
    await settle();
    expect(storedAtBroadcast).toBeGreaterThan(0);

    stores.failWrites = true;
    freeText(a.doc).insert(5, ' lost');
    await until(() => a.closed !== null);
    expect(a.closed?.code).toBe(CloseCodes.storageFailed.code);
    expect(freeText(b.doc).toString()).toBe('hello');
  });

  it('queues messages while loading; the first answer already has the stored content', async () => {
    make();
    const seed = new Y.Doc();
    freeText(seed).insert(0, 'stored text');
    await storage.append([{ docId: 'q', update: Y.encodeStateAsUpdate(seed) }]);
    const c = new MemClient();
    await c.join(rooms, 'q'); // join right away: the room is still loading
    await until(() => freeText(c.doc).toString() === 'stored text');
  });

  it('sends `stored` only to opted-in connections, with the stored state vector', async () => {
    make();
    const plain = new MemClient(false);
    const opted = new MemClient(true);
    await plain.join(rooms, 's');
    await opted.join(rooms, 's');
    freeText(plain.doc).insert(0, 'x');
    // The first stored message (on join) is the baseline: nothing of `plain` yet.
    await until(() => opted.storedVectors.length > 0);
    expect(Y.decodeStateVector(opted.storedVectors[0]!).get(plain.doc.clientID)).toBeUndefined();
    const storedClock = () =>
      Y.decodeStateVector(opted.storedVectors.at(-1)!).get(plain.doc.clientID) ?? 0;
    await until(() => storedClock() === 1);
    expect(plain.storedVectors).toHaveLength(0);
  });

  it('a connection may publish awareness only for ids it introduced; removed on close', async () => {
    make();
    const a = new MemClient();
    const b = new MemClient();
    await a.join(rooms, 'aw');
    await b.join(rooms, 'aw');
    a.awareness.setLocalState({ user: 'a' });
    a.push(awarenessMsg(a.awareness, [a.doc.clientID]));
    await until(() => b.awareness.getStates().has(a.doc.clientID));
    // b introduces its own id, then tries to publish a's id.
    b.awareness.setLocalState({ user: 'b' });
    b.push(awarenessMsg(b.awareness, [b.doc.clientID]));
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = a.doc.clientID;
    fake.setLocalState({ user: 'spoof' });
    fake.setLocalState({ user: 'spoof2' });
    fake.setLocalState({ user: 'spoof3' });
    b.push(awarenessMsg(fake, [a.doc.clientID]));
    // The foreign entry is dropped (stock clients forward others' states), b stays.
    expect(b.closed).toBeNull();
    const room = a.room!;
    expect((room.awareness.getStates().get(a.doc.clientID) as { user: string }).user).toBe('a');
    expect((room.awareness.getStates().get(b.doc.clientID) as { user: string }).user).toBe('b');
    b.close(1000, 'bye');
    expect(room.awareness.getStates().has(b.doc.clientID)).toBe(false);
    a.close(1000, 'bye');
    expect(room.awareness.getStates().size).toBe(0);
  });

  it('a reconnect from the same address takes its awareness id over; another address may not', async () => {
    make();
    const old = new MemClient();
    await old.join(rooms, 'tk');
    old.awareness.setLocalState({ user: 'me' });
    old.push(awarenessMsg(old.awareness, [old.doc.clientID]));
    const room = old.room!;
    // Someone elsewhere introduces the same id first: refused.
    const intruder = new MemClient();
    intruder.remote = '10.0.0.66';
    await intruder.join(rooms, 'tk');
    intruder.push(awarenessMsg(old.awareness, [old.doc.clientID]));
    expect(intruder.closed).toBeNull();
    expect(room.ownerOf(old.doc.clientID)).not.toBe(intruder);
    // The same client reconnecting (old socket still half-open) takes the id over.
    const again = new MemClient();
    await again.join(rooms, 'tk');
    old.awareness.setLocalState({ user: 'me, again' });
    again.push(awarenessMsg(old.awareness, [old.doc.clientID]));
    expect(again.closed).toBeNull();
    // When the dead socket is finally dropped, the new presence stays.
    old.close(1006, '');
    expect(room.awareness.getStates().get(old.doc.clientID)).toEqual({ user: 'me, again' });
  });

  it('compacts past the threshold and on unload; reload has identical content', async () => {
    make();
    const a = new MemClient();
    await a.join(rooms, 'c');
    for (let i = 0; i < 60; i++) {
      freeText(a.doc).insert(i, String(i % 10));
      await settle();
    }
    // 60 stored updates with a threshold of 20: compaction must have run meanwhile.
    await until(() => a.room!.compactor.logLength < 20);
    const expected = freeText(a.doc).toString();
    a.close(1000, 'bye');
    await until(() => rooms.size === 0);
    const loaded = await storage.load('c');
    expect(loaded?.logLength).toBe(0);
    const b = new MemClient();
    await b.join(rooms, 'c');
    await until(() => freeText(b.doc).toString() === expected);
  });

  it('refuses an update that would grow the document past maxDocBytes', async () => {
    stores = createMemoryDocStores();
    storage = stores.docLog;
    rooms = new RoomManager({
      ...stores,
      logger: silentLogger(),
      config: { ...config, maxDocBytes: 2000 },
    });
    const a = new MemClient();
    const b = new MemClient();
    await a.join(rooms, 'big');
    await b.join(rooms, 'big');
    freeText(a.doc).insert(0, 'small');
    await until(() => freeText(b.doc).toString() === 'small');
    freeText(a.doc).insert(0, 'x'.repeat(3000));
    expect(a.closed?.code).toBe(CloseCodes.documentTooLarge.code);
    freeText(b.doc).insert(5, '!');
    await settle();
    expect(b.closed).toBeNull();
    expect(freeText(rooms.peek('big')!.doc).toString()).toBe('small!');
  });

  it('a connection without the write right is refused: nothing applied, stored or broadcast', async () => {
    make();
    const editor = new MemClient();
    const viewer = new MemClient(false, { role: 'viewer', canWrite: false });
    await editor.join(rooms, 'ro');
    await viewer.join(rooms, 'ro');
    freeText(editor.doc).insert(0, 'by editor');
    // The viewer still receives everything.
    await until(() => freeText(viewer.doc).toString() === 'by editor');
    const storedBefore = (await storage.load('ro'))?.logLength ?? 0;
    freeText(viewer.doc).insert(0, 'by viewer ');
    await until(() => viewer.closed !== null);
    // A stock client (no `access` feature) cannot be told: it is closed with 4403.
    expect(viewer.closed).toEqual(CloseCodes.readOnly);
    await settle();
    expect(freeText(rooms.peek('ro')!.doc).toString()).toBe('by editor');
    expect(freeText(editor.doc).toString()).toBe('by editor');
    expect((await storage.load('ro'))?.logLength ?? 0).toBe(storedBefore);

    // Susun's client (opted in to `access`) is told instead, and stays connected.
    const opted = new MemClient(false, { role: 'commenter', canWrite: false, wantsAccess: true });
    await opted.join(rooms, 'ro');
    await until(() => freeText(opted.doc).toString() === 'by editor');
    expect(opted.susunMessages[0]).toEqual({
      type: MessageType.access,
      json: { role: 'commenter', canWrite: false, locked: false },
    });
    freeText(opted.doc).insert(0, 'by commenter ');
    await until(() => opted.susunMessages.some((m) => m.type === MessageType.refused));
    expect(opted.susunMessages.find((m) => m.type === MessageType.refused)?.json).toMatchObject({
      reason: 'read-only',
    });
    expect(opted.closed).toBeNull();
    expect(freeText(rooms.peek('ro')!.doc).toString()).toBe('by editor');
  });

  it('REST-style changes go through the room and reach connected clients', async () => {
    make();
    const a = new MemClient();
    await a.join(rooms, 'r');
    await rooms.change('r', (doc) => freeText(doc).insert(0, 'from server'));
    expect((await storage.load('r'))?.logLength).toBe(1);
    await until(() => freeText(a.doc).toString() === 'from server');
  });
});

function awarenessMsg(aw: awarenessProtocol.Awareness, ids: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, ids));
  return encoding.toUint8Array(e);
}
