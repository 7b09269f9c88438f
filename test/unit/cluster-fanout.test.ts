/**
 * Issue 13 — several processes, in one test process: room managers on one shared store,
 * each with a {@link ClusterNode} on an in-memory broker whose messages a test can drop
 * or cut off. Rules checked: a group is fanned out only once stored, applied by the
 * other process without being stored again, and broadcast to its clients; a gap in the
 * links, a cut link, a dead peer each make the copy catch up from storage; presence
 * crosses processes and leaves with its process; access changes are relayed.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type AccessChange, AccessEvents } from '../../server/accounts/events.js';
import { relayAccessChanges } from '../../server/cluster/cluster.js';
import { ClusterNode } from '../../server/cluster/clusterNode.js';
import { MemoryBroker } from '../../server/cluster/memoryBroker.js';
import { decodeWire } from '../../server/cluster/wire.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { RoomManager } from '../../server/rooms/roomManager.js';
import type { DocLog } from '../../server/storage/docLog.js';
import { createMemoryDocStores } from '../../server/storage/memoryDocs.js';
import { MessageType } from '../../shared/protocol.js';
import { until } from '../helpers/deferredDocLog.js';
import { MemClient } from '../helpers/memClient.js';
import { freeText } from '../helpers/sops.js';

const config = { ...loadConfig({}), unloadDelayMs: 0, compactThreshold: 1000, fanoutGapMs: 5 };

interface Proc {
  id: string;
  node: ClusterNode;
  rooms: RoomManager;
  link: ReturnType<MemoryBroker['connect']>;
}

describe('fan-out between processes (in-memory broker)', () => {
  let broker: MemoryBroker;
  let store: ReturnType<typeof createMemoryDocStores>;
  let appends: number;
  const procs: Proc[] = [];

  function setup(n = 2, heartbeatMs = 60_000, fanoutGapMs = config.fanoutGapMs): Proc[] {
    broker = new MemoryBroker();
    store = createMemoryDocStores({ shared: true });
    appends = 0;
    const counted: DocLog = {
      ...store.docLog,
      append: (entries) => {
        appends += entries.length;
        return store.docLog.append(entries);
      },
    };
    for (let i = 0; i < n; i++) {
      const id = `p${i + 1}`;
      const node = new ClusterNode({ heartbeatMs, log: silentLogger(), processId: id });
      const link = broker.connect(node);
      const rooms = new RoomManager({
        docLog: counted,
        index: { updateMeta: async () => {} },
        logger: silentLogger(),
        config: { ...config, fanoutGapMs },
        fanout: node,
      });
      procs.push({ id, node, rooms, link });
    }
    return procs;
  }

  async function client(p: Proc, docId: string): Promise<MemClient> {
    const c = new MemClient(true);
    await c.join(p.rooms, docId);
    await c.room?.loaded;
    return c;
  }

  const text = (c: MemClient) => freeText(c.doc).toString();

  afterEach(async () => {
    for (const p of procs.splice(0)) {
      await p.rooms.closeAll();
      p.node.stop();
    }
  });

  it('a group reaches the other process once stored, is not stored again, and is broadcast there', async () => {
    const [a, b] = setup();
    const ca = await client(a!, 'd');
    const cb = await client(b!, 'd');
    freeText(ca.doc).insert(0, 'halo');
    await until(() => text(cb) === 'halo');
    // One append (process 1's), none by process 2 for what it received.
    expect(appends).toBe(1);
    const stored = await store.docLog.load('d');
    expect(stored?.logLength).toBe(1);
    // The other way, and concurrently: both converge.
    freeText(cb.doc).insert(4, ' dunia');
    freeText(ca.doc).insert(0, '>');
    await until(() => text(ca) === text(cb) && text(ca).length === 11);
    expect(b!.rooms.peek('d')?.replica?.watermark).toBe(stored!.lastSeq + 2);
  });

  it('a lost message leaves a gap in the links; the copy catches up from storage', async () => {
    const [a, b] = setup();
    const ca = await client(a!, 'g');
    const cb = await client(b!, 'g');
    let dropNext = true;
    broker.filter = (_ch, m) => {
      const w = decodeWire(m);
      if (w?.type === 'group' && dropNext) {
        dropNext = false;
        return false;
      }
      return true;
    };
    freeText(ca.doc).insert(0, 'lost');
    await until(() => !dropNext);
    // Not seen yet on process 2: its message was lost.
    await until(() => a!.rooms.peek('g')?.replica?.watermark !== 0);
    expect(text(cb)).toBe('');
    freeText(ca.doc).insert(4, '+found');
    await until(() => text(cb) === 'lost+found');
    expect(b!.rooms.peek('g')?.replica?.resyncs).toBeGreaterThan(0);
  });

  it('a cut link misses messages; once restored, the copy catches up and fan-out resumes', async () => {
    const [a, b] = setup();
    const ca = await client(a!, 'c');
    const cb = await client(b!, 'c');
    b!.link.cut();
    freeText(ca.doc).insert(0, 'while cut');
    await until(() => (a!.rooms.peek('c')?.replica?.watermark ?? 0) > 0);
    expect(text(cb)).toBe('');
    b!.link.restore();
    await until(() => text(cb) === 'while cut');
    freeText(cb.doc).insert(0, '>');
    await until(() => text(ca) === '>while cut');
  });

  it('a peer that stored a group and died before publishing it: caught up when it stops beating', async () => {
    const [a, b] = setup(2, 20);
    const ca = await client(a!, 'k');
    const cb = await client(b!, 'k');
    await a!.node.start();
    await b!.node.start();
    await until(() => b!.node.livePeers.includes('p1'), 2000);
    // Process 1 stores but its publish never leaves (killed right after the commit).
    broker.filter = (_ch, _m, from) => from !== a!.node;
    freeText(ca.doc).insert(0, 'last words');
    await until(() => (a!.rooms.peek('k')?.replica?.watermark ?? 0) > 0);
    a!.node.stop();
    broker.remove(a!.node);
    broker.filter = null;
    await until(() => text(cb) === 'last words', 2000);
    expect(b!.node.livePeers).not.toContain('p1');
  });

  it('a room that loads while the other process stores misses nothing (subscribed before the read)', async () => {
    const [a, b] = setup();
    const ca = await client(a!, 'l');
    const cb = new MemClient(true);
    const joining = cb.join(b!.rooms, 'l');
    for (let i = 0; i < 20; i++) freeText(ca.doc).insert(0, 'x');
    await joining;
    await cb.room?.loaded;
    for (let i = 0; i < 20; i++) freeText(ca.doc).insert(0, 'y');
    await until(() => text(cb).length === 40);
    expect(text(cb)).toBe(text(ca));
  });

  it('presence of a client on one process shows on the other, and leaves with it', async () => {
    const [a, b, c] = setup(3);
    const ca = await client(a!, 'p');
    const cb = await client(b!, 'p');
    setPresence(ca, { user: { name: 'Ani' } });
    await until(() => cb.awareness.getStates().get(ca.doc.clientID) !== undefined);
    expect(cb.awareness.getStates().get(ca.doc.clientID)).toEqual({ user: { name: 'Ani' } });
    // A process that opens the document later asks for the presence already there.
    const late = await client(c!, 'p');
    await until(() => late.awareness.getStates().has(ca.doc.clientID));
    ca.close(1000, 'bye');
    await until(() => !cb.awareness.getStates().has(ca.doc.clientID));
  });

  it("a peer's presence is removed when the peer goes away", async () => {
    const [a, b] = setup(2, 20);
    await a!.node.start();
    await b!.node.start();
    const ca = await client(a!, 'q');
    const cb = await client(b!, 'q');
    setPresence(ca, { user: { name: 'Budi' } });
    await until(() => cb.awareness.getStates().has(ca.doc.clientID));
    // Killed: no goodbye, no leave; the heartbeat expiry removes its entries.
    a!.node.stop();
    broker.remove(a!.node);
    await until(() => !cb.awareness.getStates().has(ca.doc.clientID), 2000);
  });

  it('compaction on one process keeps the rows only the other process saw', async () => {
    // A gap is not repaired here (long grace): process 1's doc lacks process 2's row.
    const [a, b] = setup(2, 60_000, 60_000);
    const ca = await client(a!, 'm');
    const cb = await client(b!, 'm');
    b!.link.cut();
    a!.link.cut();
    // Process 2's row first, then process 1's: rows ≤ process 1's seq include B's row.
    freeText(cb.doc).insert(0, 'B');
    await until(() => (b!.rooms.peek('m')?.replica?.watermark ?? 0) > 0);
    freeText(ca.doc).insert(0, 'A');
    await until(() => freeText(a!.rooms.peek('m')!.doc).toString() === 'A');
    await a!.rooms.peek('m')!.whenStored();
    expect(text(ca)).toBe('A');
    // Process 1 compacts without B's row in its doc: storage merges it in.
    await a!.rooms.peek('m')!.compact();
    const stored = await store.docLog.load('m');
    const d = new Y.Doc();
    for (const u of stored!.updates) Y.applyUpdate(d, u);
    expect(freeText(d).toString().split('').sort().join('')).toBe('AB');
  });

  it('access changes are relayed between processes, not echoed back', async () => {
    const [a, b] = setup();
    const evA = new AccessEvents();
    const evB = new AccessEvents();
    relayAccessChanges(evA, a!.node);
    relayAccessChanges(evB, b!.node);
    await a!.node.start();
    await b!.node.start();
    const heardB: AccessChange[] = [];
    const heardA: AccessChange[] = [];
    evB.on((c) => heardB.push(c));
    evA.on((c) => heardA.push(c));
    evA.emit({ kind: 'session', sessionHash: 'h1' });
    await until(() => heardB.length === 1);
    expect(heardB).toEqual([{ kind: 'session', sessionHash: 'h1' }]);
    // A round trip later: process 1 heard process 2's change, and no echo of its own.
    evB.emit({ kind: 'user', userId: 'u2' });
    await until(() => heardA.length === 2);
    expect(heardA).toEqual([
      { kind: 'session', sessionHash: 'h1' },
      { kind: 'user', userId: 'u2' },
    ]);
    expect(heardB).toHaveLength(2);
  });
});

function setPresence(c: MemClient, state: Record<string, unknown>): void {
  c.awareness.setLocalState(state);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(
    e,
    awarenessProtocol.encodeAwarenessUpdate(c.awareness, [c.doc.clientID]),
  );
  c.push(encoding.toUint8Array(e));
}
