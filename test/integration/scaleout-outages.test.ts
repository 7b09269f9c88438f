/**
 * Issue 13 — three processes on PostgreSQL and Redis, each outage in turn:
 * - Redis restarted mid-session: edits made meanwhile are stored; once Redis is back the
 *   processes catch up from storage and converge, fan-out resumes, nothing is lost.
 * - PostgreSQL unreachable for a while: clients stop being told "stored", nothing that
 *   was not stored is broadcast, and everything is stored once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes } from '../../shared/protocol.js';
import type { ChildServer } from '../helpers/childServer.js';
import { connectClient, waitForDoc, waitForSynced, waitUntil } from '../helpers/collab.js';
import { pgAvailable } from '../helpers/pg.js';
import { redisAvailable } from '../helpers/redisServer.js';
import {
  type Scaleout,
  type StoredClient,
  startScaleout,
  storedClient,
  waitForLog,
} from '../helpers/scaleout.js';
import { freeText, newSop } from '../helpers/sops.js';

const run = pgAvailable() && redisAvailable();

const textOf = (c: { doc: Y.Doc }) => freeText(c.doc).toString();

/** Whether everything `c` wrote so far is confirmed stored. */
const allStored = (c: StoredClient) =>
  (c.storedSv.get(c.doc.clientID) ?? 0) >= Y.getState(c.doc.store, c.doc.clientID);

/** Resolves when `check` holds, re-checked on doc updates and `stored` messages of `clients`. */
function until(clients: StoredClient[], check: () => boolean, what: string): Promise<void> {
  return waitUntil(
    check,
    (notify) => {
      for (const c of clients) {
        c.doc.on('update', notify);
        c.storedListeners.add(notify);
      }
      return () => {
        for (const c of clients) {
          c.doc.off('update', notify);
          c.storedListeners.delete(notify);
        }
      };
    },
    30_000,
    what,
  );
}

describe.skipIf(!run)('outages under three processes', () => {
  let s: Scaleout;
  const clients: StoredClient[] = [];
  const on = (p: ChildServer, id: string) => {
    const c = storedClient(p.wsUrl, s.token, id);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    s = await startScaleout(3);
  }, 60_000);
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await s?.close();
  });

  it('Redis restarted mid-session: edits stay stored, processes reconverge, fan-out resumes', async () => {
    const [p1, p2, p3] = s.procs as [ChildServer, ChildServer, ChildServer];
    const id = await newSop(p1, 'Redis mati');
    const c1 = on(p1, id);
    const c3 = on(p3, id);
    await Promise.all([waitForSynced(c1.provider), waitForSynced(c3.provider)]);
    freeText(c1.doc).insert(0, '[sebelum]');
    await waitForDoc(c3.doc, (d) => freeText(d).toString() === '[sebelum]', 'fan-out before');

    const since = [p1, p2, p3].map((p) => p.logs.length);
    await s.redis.kill();
    // Both keep editing while Redis is down: each edit is stored (confirmed to its writer).
    for (let i = 0; i < 20; i++) {
      freeText(c1.doc).insert(freeText(c1.doc).length, 'a');
      freeText(c3.doc).insert(0, 'b');
    }
    await until([c1, c3], () => allStored(c1) && allStored(c3), 'edits stored while Redis is down');
    await s.redis.start();
    await Promise.all(
      [p1, p2, p3].map((p, i) =>
        waitForLog(p, 'fan-out reconnected: documents catch up from storage', since[i] ?? 0),
      ),
    );
    // Reconverged: both hold every edit made on either side.
    await until(
      [c1, c3],
      () => textOf(c1) === textOf(c3) && textOf(c1).length === '[sebelum]'.length + 40,
      'processes reconverge after Redis is back',
    );
    // Fan-out resumed (no catch-up polling once the link is up): a new edit crosses at once.
    freeText(c3.doc).insert(0, '[sesudah]');
    await waitForDoc(
      c1.doc,
      (d) => freeText(d).toString().startsWith('[sesudah]'),
      'fan-out after',
    );
    // Nothing lost: a client on the third process loads all of it.
    const c2 = on(p2, id);
    await waitForSynced(c2.provider);
    await until([c1, c2], () => textOf(c2) === textOf(c1), 'p2 has everything');
    expect(textOf(c2)).toContain('[sebelum]');
    const typed = textOf(c2).replace('[sebelum]', '').replace('[sesudah]', '');
    expect(typed.match(/a/g)).toHaveLength(20);
    expect(typed.match(/b/g)).toHaveLength(20);
  });

  it('PostgreSQL unreachable: no "stored", nothing broadcast unstored, all stored once back', async () => {
    const [p1, p2] = s.procs as [ChildServer, ChildServer, ChildServer];
    const id = await newSop(p1, 'PG mati');
    const writer = on(p1, id);
    const observer = on(p2, id);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);
    freeText(writer.doc).insert(0, 'tersimpan');
    await until(
      [writer, observer],
      () => textOf(observer) === 'tersimpan' && allStored(writer),
      'first edit',
    );

    s.pgProxy.block();
    const closed = new Promise<number>((resolve) =>
      writer.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    freeText(writer.doc).insert(freeText(writer.doc).length, ' tertunda');
    // The append failed: the room dropped its unstored change and closed the socket (retried).
    const code = await closed;
    expect(code).toBe(CloseCodes.storageFailed.code);
    // Not confirmed as stored, and never shown to anyone.
    expect(allStored(writer)).toBe(false);
    expect(textOf(observer)).toBe('tersimpan');
    // Edits go on while the database is away (the client keeps them, retrying).
    freeText(writer.doc).insert(0, '>');
    expect(allStored(writer)).toBe(false);

    s.pgProxy.unblock();
    await until(
      [writer, observer],
      () => allStored(writer) && textOf(observer) === '>tersimpan tertunda',
      'stored and shown once PostgreSQL is back',
    );
    expect(textOf(writer)).toBe('>tersimpan tertunda');
    // And in the database: a fresh reader on the third process.
    const reader = connectClient(s.procs[2]!.wsUrl, id, { params: { token: s.token } });
    await waitForSynced(reader.provider);
    expect(freeText(reader.doc).toString()).toBe('>tersimpan tertunda');
    reader.destroy();
  });
});
