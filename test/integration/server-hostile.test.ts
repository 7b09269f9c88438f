/**
 * Issue 2 §6 — hostile input: each bad message closes only the offending connection
 * with a shared close code; a well-behaved client on the same doc keeps syncing and
 * the server stays up.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes, MessageType } from '../../shared/protocol.js';
import { type TestClient, waitForDoc, waitForSynced } from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  addListItem,
  adminClient,
  adminRaw,
  freeText,
  listTexts,
  newSop,
} from '../helpers/sops.js';

function msg(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);

/** A sync "update" message carrying `update`. */
const updateMsg = (update: Uint8Array) => msg(uint(MessageType.sync), uint(2), bytes(update));

/** Run-length-style bomb: one client claiming 2^31 structs in a few bytes (yjs #687 shape). */
const structBomb = msg(uint(1), uint(2 ** 31), uint(7), uint(0), raw(new Uint8Array([0, 5])));

/** A valid update whose content refers to an unknown content ref. */
function badContentRef(): Uint8Array {
  return msg(uint(1), uint(1), uint(99), uint(0), raw(new Uint8Array([0x1f])), uint(1), (e) =>
    encoding.writeVarString(e, 'x'),
  );
}

const CASES: Array<{ name: string; data: Uint8Array | string; code: number }> = [
  {
    name: 'random bytes',
    data: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x7f]),
    code: CloseCodes.malformedMessage.code,
  },
  {
    name: 'truncated sync message',
    data: msg(uint(MessageType.sync), uint(0), uint(50), raw(new Uint8Array([1, 2, 3]))),
    code: CloseCodes.malformedMessage.code,
  },
  {
    name: 'zero-length update',
    data: updateMsg(new Uint8Array(0)),
    code: CloseCodes.badUpdate.code,
  },
  {
    name: 'garbage update (yjs #479)',
    data: updateMsg(new Uint8Array(Buffer.from('garbagedoc', 'base64'))),
    code: CloseCodes.badUpdate.code,
  },
  {
    name: 'struct-count bomb (yjs #687)',
    data: updateMsg(structBomb),
    code: CloseCodes.badUpdate.code,
  },
  {
    name: 'unknown content ref',
    data: updateMsg(badContentRef()),
    code: CloseCodes.badUpdate.code,
  },
  {
    name: 'unknown message type',
    data: msg(uint(42), uint(0)),
    code: CloseCodes.unknownMessageType.code,
  },
  {
    name: 'stored type sent by a client',
    data: msg(uint(MessageType.stored), bytes(new Uint8Array([0]))),
    code: CloseCodes.unknownMessageType.code,
  },
  { name: 'empty frame', data: new Uint8Array(0), code: CloseCodes.malformedMessage.code },
  { name: 'text frame', data: 'hello', code: CloseCodes.malformedMessage.code },
  {
    name: 'awareness that is not JSON',
    data: msg(
      uint(MessageType.awareness),
      bytes(msg(uint(1), uint(5), uint(1), (e) => encoding.writeVarString(e, '{nope'))),
    ),
    code: CloseCodes.malformedMessage.code,
  },
  {
    name: 'oversize awareness state',
    data: msg(
      uint(MessageType.awareness),
      bytes(
        msg(uint(1), uint(5), uint(1), (e) =>
          encoding.writeVarString(e, JSON.stringify({ x: 'y'.repeat(5000) })),
        ),
      ),
    ),
    code: CloseCodes.awarenessTooLarge.code,
  },
];

describe('hostile input', () => {
  let server: TestServer;
  let good: TestClient;
  let watcher: TestClient;
  let round = 0;
  /** The SOP every hostile socket goes to. */
  let target: string;
  /** Root types the SOP had before the test (what a stored bad update would add to). */
  let rootsBefore: string[];

  beforeAll(async () => {
    server = await startTestServer({ maxMessageBytes: 64 * 1024, maxAwarenessBytes: 1024 });
    target = await newSop(server, 'Sasaran');
    good = adminClient(server, target);
    watcher = adminClient(server, target);
    await Promise.all([waitForSynced(good.provider), waitForSynced(watcher.provider)]);
    rootsBefore = [...watcher.doc.share.keys()];
  });
  afterAll(async () => {
    good.destroy();
    watcher.destroy();
    await server.close();
  });

  /** The well-behaved pair still syncs and the server answers health. */
  async function stillHealthy(): Promise<void> {
    round++;
    addListItem(good.doc, `round ${round}`, 'records');
    await waitForDoc(
      watcher.doc,
      (d) => listTexts(d, 'records').includes(`round ${round}`),
      `round ${round}`,
    );
    expect(good.provider.wsconnected).toBe(true);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }

  for (const c of CASES) {
    it(`${c.name} closes only that connection`, async () => {
      const bad = adminRaw(server, target);
      await bad.opened;
      bad.ws.send(c.data);
      const closed = await bad.closed;
      expect(closed.code).toBe(c.code);
      expect(closed.reason.length).toBeGreaterThan(0);
      await stillHealthy();
    });
  }

  it('an oversize frame is refused by ws (1009) without killing the server', async () => {
    const bad = adminRaw(server, target);
    await bad.opened;
    const big = new Uint8Array(128 * 1024);
    big[0] = 0;
    bad.ws.send(big);
    expect((await bad.closed).code).toBe(1009);
    await stillHealthy();
  });

  it('a bad document id is refused with a clear close reason', async () => {
    for (const id of ['bad%20id', 'bad!id', 'a'.repeat(200), 'x%2Fy', 'a/b', '%E0%A4%A']) {
      const bad = adminRaw(server, id);
      const closed = await bad.closed;
      expect(closed.code).toBe(CloseCodes.invalidDocId.code);
      expect(closed.reason).toBe(CloseCodes.invalidDocId.reason);
    }
    await stillHealthy();
  });

  it('the bad updates were never stored', async () => {
    const fresh = adminClient(server, target);
    await waitForSynced(fresh.provider);
    // Read the roots before the model API opens every root of the SOP locally.
    expect([...fresh.doc.share.keys()].sort()).toEqual(
      [...new Set([...rootsBefore, 'list.records'])].sort(),
    );
    expect(listTexts(fresh.doc, 'records')).toHaveLength(round);
    fresh.destroy();
  });

  it('a burst of valid updates then a bad one: only the sender is closed, the valid ones are kept', async () => {
    // Updates of one connection are applied in one transaction per burst: a failing
    // update must not take the valid ones before it down with it, nor be stored itself.
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (u: Uint8Array) => updates.push(u));
    freeText(author).insert(0, 'a');
    freeText(author).insert(1, 'b');
    const burst = await newSop(server, 'Beruntun');
    const bad = adminRaw(server, burst);
    await bad.opened;
    for (const u of updates) bad.ws.send(updateMsg(u));
    bad.ws.send(updateMsg(new Uint8Array(0)));
    expect((await bad.closed).code).toBe(CloseCodes.badUpdate.code);
    const reader = adminClient(server, burst);
    await waitForSynced(reader.provider);
    await waitForDoc(reader.doc, (d) => freeText(d).length === 2, 'both valid updates');
    expect(freeText(reader.doc).toString()).toBe('ab');
    reader.destroy();
    await stillHealthy();
  });

  it('seeded random frames (printed seed) never take the server down', async () => {
    const seed = 20261128;
    let x = seed;
    const rand = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x / 2 ** 31;
    };
    const allowed = new Set<number>(Object.values(CloseCodes).map((c) => c.code));
    for (let i = 0; i < 25; i++) {
      const frame = new Uint8Array(1 + Math.floor(rand() * 64));
      for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(rand() * 256);
      // Keep the first byte a y-websocket type half of the time to reach deeper decoders.
      if (i % 2 === 0) frame[0] = Math.floor(rand() * 4);
      const bad = adminRaw(server, target);
      await bad.opened;
      bad.ws.send(frame);
      // Valid-looking frames may be accepted (e.g. a harmless sync step 1): then close ourselves.
      bad.ws.send(new Uint8Array([0xff, 0xff, 0xff]));
      const closed = await bad.closed;
      expect(allowed.has(closed.code), `seed ${seed} frame ${i}: code ${closed.code}`).toBe(true);
    }
    await stillHealthy();
  });
});
