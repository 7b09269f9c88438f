/**
 * Issue 12: what one client can make the server hold, compute or send is bounded.
 * Each case sends well-formed input that used to lock, stall or bloat the server and
 * asserts the bound it now hits (messages answered, bytes fanned out, what is held) —
 * never a wall-clock time.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LIMITS } from '../../server/rooms/connLimits.js';
import { CloseCodes, MessageType } from '../../shared/protocol.js';
import { connectClient, openRaw, type RawSocket, waitForSynced } from '../helpers/collab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let sopId: string;

beforeAll(async () => {
  srv = await startTestServer({ maxConnectionsPerUser: 6 });
  const res = await srv.api('/api/sops', { json: { template: 'sample' } });
  sopId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => {
  await srv.close();
});

function syncStep1(sv: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, sv);
  return encoding.toUint8Array(e);
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

async function raw(): Promise<RawSocket> {
  const s = openRaw(`${srv.wsUrl}/${sopId}?token=${srv.admin.token}`);
  await s.opened;
  return s;
}

describe('bounds per connection', () => {
  it('an update whose dependencies never arrive is refused, not held', async () => {
    const s = await raw();
    s.ws.send(syncStep1(new Uint8Array([0])));
    // An item whose left origin is a struct nobody has: Yjs would keep it pending forever.
    const orphan = new Y.Doc();
    orphan.clientID = 424242;
    const t = orphan.getText('identity.name');
    t.insert(0, 'aaaa');
    const sv = Y.encodeStateVector(orphan);
    t.insert(4, 'bbbb');
    const missingDeps = Y.encodeStateAsUpdate(orphan, sv); // the second insert alone
    for (let i = 0; i < 50; i++) s.ws.send(syncUpdate(missingDeps));
    const closed = await s.closed;
    expect(closed.code).toBe(CloseCodes.badUpdate.code);
    // An honest client sees none of it, and its sync answer holds nothing of client 424242.
    const c = connectClient(srv.wsUrl, sopId, { params: { token: srv.admin.token } });
    await waitForSynced(c.provider);
    expect(Y.decodeStateVector(Y.encodeStateVector(c.doc)).has(424242)).toBe(false);
    c.destroy();
  });

  it('sync step 1 requests beyond the rate close the connection; answers are bounded', async () => {
    const s = await raw();
    for (let i = 0; i < 40; i++) s.ws.send(syncStep1(new Uint8Array([0])));
    const closed = await s.closed;
    expect(closed.code).toBe(CloseCodes.tooManyRequests.code);
    const answers = s.messages.filter((m) => m[0] === MessageType.sync && m[1] === 1);
    expect(answers.length).toBeLessThanOrEqual(LIMITS.sync.burst + 1);
  });

  it('an awareness flood is dropped, then the sender is closed; readers get a fraction', async () => {
    const readers = await Promise.all([raw(), raw(), raw()]);
    for (const r of readers) r.ws.send(syncStep1(new Uint8Array([0])));
    const sender = await raw();
    sender.ws.send(syncStep1(new Uint8Array([0])));
    const doc = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(doc);
    const big = 'x'.repeat(10_000);
    let sent = 0;
    for (let i = 0; i < 1500; i++) {
      aw.setLocalState({ user: { name: 'banjir' }, i, big });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.awareness);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]));
      const msg = encoding.toUint8Array(e);
      sent += msg.length;
      if (sender.ws.readyState !== sender.ws.OPEN) break;
      sender.ws.send(msg);
    }
    const closed = await sender.closed;
    expect(closed.code).toBe(CloseCodes.tooManyRequests.code);
    for (const r of readers) {
      const got = r.messages
        .filter((m) => m[0] === MessageType.awareness)
        .reduce((n, m) => n + m.length, 0);
      // The burst plus what the rate allowed while it ran: a small share of the flood.
      expect(got).toBeLessThan(sent / 5);
      r.ws.close();
    }
    aw.destroy();
  });

  it('awareness queries beyond the rate are ignored', async () => {
    const s = await raw();
    s.ws.send(syncStep1(new Uint8Array([0])));
    const other = connectClient(srv.wsUrl, sopId, { params: { token: srv.admin.token } });
    other.provider.awareness.setLocalState({ user: { name: 'hadir' } });
    await waitForSynced(other.provider);
    const before = s.messages.length;
    for (let i = 0; i < 2000; i++) s.ws.send(new Uint8Array([MessageType.queryAwareness]));
    // A final sync request we can wait for: everything before it has been handled.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (s.messages.some((m, i) => i >= before && m[0] === 0 && m[1] === 1)) resolve();
        else setTimeout(check, 10);
      };
      s.ws.send(syncStep1(Y.encodeStateVector(other.doc)));
      check();
    });
    const answers = s.messages.slice(before).filter((m) => m[0] === MessageType.awareness).length;
    // The burst (and maybe one refill, plus the other client's own presence updates).
    expect(answers).toBeLessThanOrEqual(LIMITS.queries.burst + 3);
    s.ws.close();
    other.destroy();
  });
});

describe('squatting', () => {
  it('a socket that does not ask to sync in time is closed (4408)', async () => {
    // Its own server: the deadline is short here, and this test process also runs the
    // server (a busy test loop would delay the server's reads past a short deadline).
    const own = await startTestServer({ syncTimeoutMs: 300 });
    try {
      const res = await own.api('/api/sops', { json: { template: 'sop-ap' } });
      const { id } = (await res.json()) as { id: string };
      const idle = openRaw(`${own.wsUrl}/${id}?token=${own.admin.token}`);
      await idle.opened;
      const unauthenticated = openRaw(`${own.wsUrl}/${id}`);
      expect((await idle.closed).code).toBe(CloseCodes.syncTimeout.code);
      expect((await unauthenticated.closed).code).toBe(CloseCodes.unauthorized.code);
    } finally {
      await own.close();
    }
  });

  it('one account cannot hold more than its socket allowance', async () => {
    const u = await srv.createUser({ name: 'Penimbun' });
    await srv.api(`/api/sops/${sopId}/members/${u.id}`, {
      method: 'PUT',
      json: { role: 'viewer' },
    });
    const socks: RawSocket[] = [];
    for (let i = 0; i < 6; i++) {
      const s = openRaw(`${srv.wsUrl}/${sopId}?token=${u.token}`);
      await s.opened;
      s.ws.send(syncStep1(new Uint8Array([0])));
      socks.push(s);
    }
    const extra = openRaw(`${srv.wsUrl}/${sopId}?token=${u.token}`);
    expect((await extra.closed).code).toBe(CloseCodes.tooManyConnections.code);
    // Someone else is not locked out by it.
    const c = connectClient(srv.wsUrl, sopId, { params: { token: srv.admin.token } });
    await waitForSynced(c.provider);
    c.destroy();
    for (const s of socks) s.ws.close();
  });
});
