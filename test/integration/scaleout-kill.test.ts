/**
 * Issue 13 — kill -9 of one of three processes in the middle of a burst: no update that
 * any client was shown, or confirmed as stored (Susun's `stored` message), is lost; the
 * killed process's clients reconnect (through the round-robin balancer, as behind nginx
 * or HAProxy) to another process and carry on.
 *
 * Two kinds of writer on the victim: "witnesses" are dropped with it (they never re-send,
 * so what survives of their edits is what the server stored), the others carry on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ChildServer } from '../helpers/childServer.js';
import { connectClient, waitForSynced, waitUntil } from '../helpers/collab.js';
import { pgAvailable } from '../helpers/pg.js';
import { redisAvailable } from '../helpers/redisServer.js';
import {
  type Scaleout,
  type StoredClient,
  startScaleout,
  storedClient,
} from '../helpers/scaleout.js';
import { freeText, newSop } from '../helpers/sops.js';

const run = pgAvailable() && redisAvailable();

interface Writer {
  name: string;
  c: StoredClient;
  /** The writer's clock right after token k. */
  clockAfter: number[];
}

const tokensOf = (doc: Y.Doc): Set<string> =>
  new Set(
    freeText(doc)
      .toString()
      .split(';')
      .filter((t) => t !== ''),
  );

describe.skipIf(!run)('kill -9 of one of three processes mid-burst', () => {
  let s: Scaleout;
  beforeAll(async () => {
    s = await startScaleout(3);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('loses nothing shown or confirmed; its clients carry on on another process', async () => {
    const [p1, p2, p3] = s.procs as [ChildServer, ChildServer, ChildServer];
    const id = await newSop(p1, 'Kill -9');
    // Connected one after the other: the balancer's round robin puts client i on process
    // i % 3: process 2 (the victim) gets W1, B, W2 and O2.
    const roles = ['A', 'W1', 'O3', 'O1', 'B', 'C', 'O4', 'W2', 'O5', 'O6', 'O2'] as const;
    const clients = new Map<string, StoredClient>();
    for (const r of roles) {
      const c = storedClient(s.balancerWsUrl, s.token, id);
      clients.set(r, c);
      await waitForSynced(c.provider);
    }
    expect(s.balancer.routed).toEqual([4, 4, 3]);
    const get = (r: string) => clients.get(r) as StoredClient;
    const writers: Writer[] = ['A', 'B', 'C', 'W1', 'W2'].map((name) => ({
      name,
      c: get(name),
      clockAfter: [],
    }));
    const witnesses = writers.filter((w) => w.name.startsWith('W'));
    const observers = ['O1', 'O2', 'O3', 'O4', 'O5', 'O6'].map(get);
    const confirmed = (w: Writer) => {
      const stored = w.c.storedSv.get(w.c.doc.clientID) ?? 0;
      return w.clockAfter.filter((clock) => clock <= stored).length;
    };

    // The witnesses go down with process 2: what they were confirmed is recorded then.
    const witnessConfirmed = new Map<string, number>();
    const witnessesDown = witnesses.map(
      (w) =>
        new Promise<void>((resolve) =>
          w.c.provider.on('connection-close', () => {
            if (witnessConfirmed.has(w.name)) return;
            witnessConfirmed.set(w.name, confirmed(w));
            // Before its reconnect timer: it never reaches another process.
            queueMicrotask(() => w.c.provider.destroy());
            resolve();
          }),
        ),
    );

    const write = (w: Writer) => {
      if (!w.c.provider.shouldConnect) return;
      const k = w.clockAfter.length;
      const t = freeText(w.c.doc);
      t.insert(t.length, `${w.name}${k};`);
      w.clockAfter.push(Y.getState(w.c.doc.store, w.c.doc.clientID));
    };
    // The burst: every writer edits every 5 ms (the pace of a load generator, not a wait).
    let killed: Promise<unknown> | null = null;
    let after = 0;
    for (let round = 0; round < 4000 && after < 100; round++) {
      for (const w of writers) write(w);
      // Mid-burst, once the witnesses have some edits confirmed as stored.
      if (killed) after++;
      else if (round >= 40 && witnesses.every((w) => confirmed(w) > 0)) killed = p2.kill('SIGKILL');
      await new Promise<void>((r) => setTimeout(r, 5));
    }
    expect(killed).not.toBeNull();
    await killed;
    await Promise.all(witnessesDown);
    for (const w of witnesses) expect(witnessConfirmed.get(w.name) ?? 0).toBeGreaterThan(0);

    // Everyone left converges, and every carrying-on writer gets all its edits confirmed.
    const live = [...clients.values()].filter((c) => c.provider.shouldConnect);
    const carryOn = writers.filter((w) => !witnesses.includes(w));
    const done = () => {
      const first = freeText(live[0]!.doc).toString();
      return (
        live.every((c) => freeText(c.doc).toString() === first) &&
        carryOn.every((w) => confirmed(w) === w.clockAfter.length)
      );
    };
    await waitUntil(
      done,
      (notify) => {
        for (const c of live) {
          c.doc.on('update', notify);
          c.storedListeners.add(notify);
        }
        return () => {
          for (const c of live) {
            c.doc.off('update', notify);
            c.storedListeners.delete(notify);
          }
        };
      },
      30_000,
      'survivors converge, carry-on edits all stored',
    );
    // The victim's own carrying-on clients now sit on another process and still write.
    const b = writers.find((w) => w.name === 'B')!;
    write(b);
    const lastB = `B${b.clockAfter.length - 1}`;
    await waitUntil(
      () => tokensOf(get('O1').doc).has(lastB),
      (notify) => {
        get('O1').doc.on('update', notify);
        return () => get('O1').doc.off('update', notify);
      },
      10_000,
      'B writes after the kill',
    );
    // What must have survived: the witnesses' confirmed edits and whatever any client was shown.
    const mustSurvive = new Set<string>();
    for (const w of witnesses)
      for (let k = 0; k < (witnessConfirmed.get(w.name) ?? 0); k++)
        mustSurvive.add(`${w.name}${k}`);
    for (const o of observers) for (const t of tokensOf(o.doc)) mustSurvive.add(t);
    for (const w of carryOn)
      for (let k = 0; k < w.clockAfter.length; k++) mustSurvive.add(`${w.name}${k}`);
    await waitUntil(
      () => carryOn.every((w) => confirmed(w) === w.clockAfter.length),
      (notify) => {
        b.c.storedListeners.add(notify);
        return () => b.c.storedListeners.delete(notify);
      },
      10_000,
      'last edit stored',
    );

    // The storage check: kill every survivor too, start a fresh process, read it back.
    for (const c of clients.values()) c.provider.destroy();
    await Promise.all([p1.kill('SIGKILL'), p3.kill('SIGKILL')]);
    const fresh = await s.addProcess();
    const reader = connectClient(fresh.wsUrl, id, { params: { token: fresh.admin.token } });
    await waitForSynced(reader.provider);
    const stored = tokensOf(reader.doc);
    const lost = [...mustSurvive].filter((t) => !stored.has(t));
    expect(lost).toEqual([]);
    reader.destroy();
    for (const c of clients.values()) c.doc.destroy();
  }, 90_000);
});
