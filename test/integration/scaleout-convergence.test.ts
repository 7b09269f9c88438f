/**
 * Issue 13 — three Susun processes (child processes, ports 0) on one PostgreSQL database
 * and one Redis: stock `WebsocketProvider` clients spread over them converge; a client on
 * process 1 sees a client on process 3 type, and their presence; an access change made
 * through process 1 reaches a socket held by process 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCodes } from '../../shared/protocol.js';
import type { ChildServer } from '../helpers/childServer.js';
import {
  connectClient,
  type TestClient,
  waitForDoc,
  waitForSynced,
  waitUntil,
} from '../helpers/collab.js';
import { pgAvailable } from '../helpers/pg.js';
import { redisAvailable } from '../helpers/redisServer.js';
import { type Scaleout, startScaleout } from '../helpers/scaleout.js';
import { freeText, newSop } from '../helpers/sops.js';

const run = pgAvailable() && redisAvailable();

describe.skipIf(!run)('three processes on PostgreSQL and Redis', () => {
  let s: Scaleout;
  const clients: TestClient[] = [];
  const on = (p: ChildServer, id: string, token = s.token) => {
    const c = connectClient(p.wsUrl, id, { params: { token } });
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

  it('stock clients on three processes converge; process 1 sees process 3 type', async () => {
    const [p1, p2, p3] = s.procs as [ChildServer, ChildServer, ChildServer];
    const id = await newSop(p1, 'Tiga proses');
    const c1 = on(p1, id);
    const c2 = on(p2, id);
    const c3 = on(p3, id);
    await Promise.all([c1, c2, c3].map((c) => waitForSynced(c.provider)));
    freeText(c3.doc).insert(0, 'dari proses tiga');
    await waitForDoc(c1.doc, (d) => freeText(d).toString() === 'dari proses tiga', 'p1 sees p3');
    // Concurrent typing on all three.
    for (let i = 0; i < 30; i++) {
      for (const [k, c] of [c1, c2, c3].entries()) {
        const t = freeText(c.doc);
        t.insert((i * 7 + k) % (t.length + 1), String.fromCharCode(97 + k));
      }
    }
    const expectedLength = 'dari proses tiga'.length + 90;
    const same = () =>
      [c1, c2, c3].every(
        (c) =>
          freeText(c.doc).length === expectedLength &&
          freeText(c.doc).toString() === freeText(c1.doc).toString(),
      );
    await waitUntil(
      same,
      (notify) => {
        for (const c of [c1, c2, c3]) c.doc.on('update', notify);
        return () => {
          for (const c of [c1, c2, c3]) c.doc.off('update', notify);
        };
      },
      20_000,
      'three clients converge',
    );
    // A newcomer on any process loads the same text (it is stored).
    const late = on(p2, id);
    await waitForSynced(late.provider);
    expect(freeText(late.doc).toString()).toBe(freeText(c1.doc).toString());
  });

  it('presence of a person on process 3 shows on process 1, and leaves with them', async () => {
    const [p1, , p3] = s.procs as [ChildServer, ChildServer, ChildServer];
    const id = await newSop(p1, 'Kehadiran');
    const c1 = on(p1, id);
    const c3 = on(p3, id);
    await Promise.all([waitForSynced(c1.provider), waitForSynced(c3.provider)]);
    c3.provider.awareness.setLocalStateField('user', { name: 'Tiga' });
    const who = c3.doc.clientID;
    const seen = (present: boolean) =>
      waitUntil(
        () =>
          present
            ? (c1.provider.awareness.getStates().get(who) as { user?: { name: string } })?.user
                ?.name === 'Tiga'
            : !c1.provider.awareness.getStates().has(who),
        (notify) => {
          c1.provider.awareness.on('change', notify);
          return () => c1.provider.awareness.off('change', notify);
        },
        10_000,
        present ? 'presence shown' : 'presence removed',
      );
    await seen(true);
    c3.provider.destroy();
    await seen(false);
  });

  it('revoking a share through process 1 closes the socket on process 3', async () => {
    const [p1, , p3] = s.procs as [ChildServer, ChildServer, ChildServer];
    const id = await newSop(p1, 'Dicabut lintas proses');
    const email = `lintas.${Date.now()}@susun.test`;
    const password = 'sandi-lintas-123';
    const created = await p1.api('/api/users', { json: { email, name: 'Lintas', password } });
    expect(created.status).toBe(201);
    const userId = ((await created.json()) as { id: string }).id;
    const shared = await p1.api(`/api/sops/${id}/members/${userId}`, {
      method: 'PUT',
      json: { role: 'editor' },
    });
    expect(shared.status).toBe(200);
    const token = await tokenFor(p3, email, password);
    const c = on(p3, id, token);
    await waitForSynced(c.provider);
    const closed = new Promise<number>((resolve) =>
      c.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)),
    );
    const del = await p1.api(`/api/sops/${id}/members/${userId}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await closed).toBe(CloseCodes.forbidden.code);
  });
});

/** Signs in on `p` and returns an API token for the account. */
async function tokenFor(p: ChildServer, email: string, password: string): Promise<string> {
  const login = await fetch(`${p.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: p.url },
    body: JSON.stringify({ email, password }),
  });
  const cookie = /susun_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const t = await fetch(`${p.url}/api/tokens`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: p.url },
    body: JSON.stringify({ name: 'lintas' }),
  });
  return ((await t.json()) as { token: string }).token;
}
