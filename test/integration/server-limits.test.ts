/**
 * Issue 2 §5/§6 — opt-in `stored` message, connection limits, heartbeat, awareness cleanup.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCodes, MessageType } from '../../shared/protocol.js';
import {
  type RawSocket,
  type TestClient,
  waitForDoc,
  waitForSynced,
  waitUntil,
} from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { adminClient, adminRaw, freeText, newSop } from '../helpers/sops.js';

const typeOf = (m: Uint8Array) => decoding.readVarUint(decoding.createDecoder(m));

function onMessage(sock: RawSocket, check: () => boolean): Promise<void> {
  return waitUntil(check, (notify) => {
    sock.ws.on('message', notify);
    return () => sock.ws.off('message', notify);
  });
}

describe('stored message, limits, heartbeat', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  const socks: RawSocket[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of socks.splice(0)) s.ws.terminate();
    await server?.close();
    server = null;
  });

  it('only clients that opted in with ?features=stored receive type 100 with the stored state vector', async () => {
    server = await startTestServer();
    const st = await newSop(server, 'Tersimpan');
    const opted = adminRaw(server, st, 'features=stored');
    const plain = adminRaw(server, st);
    socks.push(opted, plain);
    await Promise.all([opted.opened, plain.opened]);
    const writer = adminClient(server, st);
    clients.push(writer);
    await waitForSynced(writer.provider);
    freeText(writer.doc).insert(0, 'abc');
    const storedVectors = () =>
      opted.messages
        .filter((m) => typeOf(m) === MessageType.stored)
        .map((m) => {
          const d = decoding.createDecoder(m);
          decoding.readVarUint(d);
          return Y.decodeStateVector(decoding.readVarUint8Array(d));
        });
    await onMessage(opted, () => storedVectors().some((sv) => sv.get(writer.doc.clientID) === 3));
    // plain got the update broadcast (sync update [0, 2]; the join brought it sync steps
    // 1 and 2 only) — by then any stored message would have been sent too.
    await onMessage(plain, () =>
      plain.messages.some((m) => m[0] === MessageType.sync && m[1] === 2),
    );
    expect(plain.messages.some((m) => typeOf(m) === MessageType.stored)).toBe(false);
    // The baseline (sent on join) came first and did not yet include the writer.
    expect(storedVectors()[0]?.get(writer.doc.clientID)).toBeUndefined();
  });

  it('a stock provider may pass features=stored via params and keeps syncing', async () => {
    server = await startTestServer();
    const p = await newSop(server, 'Params');
    const a = adminClient(server, p, { features: 'stored' });
    const b = adminClient(server, p);
    clients.push(a, b);
    await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
    freeText(a.doc).insert(0, 'x');
    await waitForDoc(b.doc, (d) => freeText(d).toString() === 'x');
  });

  it('limits connections per document and per address', async () => {
    server = await startTestServer({ maxConnectionsPerDoc: 2, maxConnectionsPerIp: 3 });
    const [lim, other, third] = [
      await newSop(server, 'Batas'),
      await newSop(server, 'Lain'),
      await newSop(server, 'Ketiga'),
    ];
    const a = adminRaw(server, lim);
    const b = adminRaw(server, lim);
    socks.push(a, b);
    await Promise.all([a.opened, b.opened]);
    // Wait until both are in the room (each got the server's sync step 1).
    await Promise.all([
      onMessage(a, () => a.messages.length > 0),
      onMessage(b, () => b.messages.length > 0),
    ]);
    const c = adminRaw(server, lim);
    socks.push(c);
    expect((await c.closed).code).toBe(CloseCodes.tooManyConnections.code);
    const d = adminRaw(server, other);
    socks.push(d);
    await d.opened;
    const e = adminRaw(server, third);
    socks.push(e);
    expect((await e.closed).code).toBe(CloseCodes.tooManyConnections.code);
  });

  it('drops a connection that stops answering pings', async () => {
    server = await startTestServer({ heartbeatMs: 100 });
    const hb = await newSop(server, 'Detak');
    // autoPong: false — this client never answers the server's pings.
    const s = adminRaw(server, hb, '', { autoPong: false });
    socks.push(s);
    await s.opened;
    const closed = await s.closed;
    // 1006: cut without a close frame (terminated), not refused (4401/4404 are clean closes).
    expect(closed.code).toBe(1006);
  });

  it('a client that disconnects loses its awareness state for the others', async () => {
    server = await startTestServer();
    const aw = await newSop(server, 'Kehadiran');
    const a = adminClient(server, aw);
    const b = adminClient(server, aw);
    clients.push(a, b);
    await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    const aId = a.doc.clientID;
    const states = () => b.provider.awareness.getStates();
    const sub = (notify: () => void) => {
      b.provider.awareness.on('change', notify);
      return () => b.provider.awareness.off('change', notify);
    };
    await waitUntil(() => states().has(aId), sub);
    // Kill a's socket without a goodbye: the server must remove a's presence itself.
    (a.provider.ws as unknown as { terminate(): void }).terminate();
    a.provider.shouldConnect = false;
    await waitUntil(() => !states().has(aId), sub);
  });

  it('answers sync step 1 with everything the document holds, once stored', async () => {
    server = await startTestServer();
    const s2 = await newSop(server, 'Langkah satu');
    // The room is loaded first: a socket arriving while it loads is sent the stored snapshot
    // early and its first sync step 1 is then answered with nothing (see Room.missingFor).
    const holder = adminClient(server, s2);
    clients.push(holder);
    await waitForSynced(holder.provider);
    const s = adminRaw(server, s2);
    socks.push(s);
    await s.opened;
    const doc = new Y.Doc();
    freeText(doc).insert(0, 'q');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    s.ws.send(encoding.toUint8Array(e));
    const f = encoding.createEncoder();
    encoding.writeVarUint(f, MessageType.sync);
    syncProtocol.writeSyncStep1(f, new Y.Doc());
    s.ws.send(encoding.toUint8Array(f));
    // The server never echoes a sender's own update: 'q' can only come back in the answer.
    const reader = new Y.Doc();
    let read = 0;
    await onMessage(s, () => {
      for (; read < s.messages.length; read++) {
        const d = decoding.createDecoder(s.messages[read]!);
        if (decoding.readVarUint(d) !== MessageType.sync) continue;
        syncProtocol.readSyncMessage(d, encoding.createEncoder(), reader, null);
      }
      return freeText(reader).toString() === 'q';
    });
    expect(freeText(reader).toString()).toBe('q');
    // ... together with everything else the document holds (the SOP's own content).
    // (the number the server assigned at creation, issue 14)
    expect(freeText(reader, 'number').toString()).toMatch(/^SOP\/\d{4}\/\d{3}$/);
    expect(reader.getText('identity.name').toString()).toBe('Langkah satu');
  });
});
