/**
 * Issue 16 "Bad input and faults" across processes: two processes on one PostgreSQL and
 * one Redis, each holding its own copy of the SOP. Accepting the same suggestion through
 * both at once applies it once (one 200, the rest 409), and two restores racing through
 * both end in exactly one of the two versions: the server's changes are serialised across
 * processes (cluster/docLocks.ts), each starting from what the previous one stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopSnapshot } from '../../shared/model/types.js';
import type { ChildServer } from '../helpers/childServer.js';
import { pgAvailable } from '../helpers/pg.js';
import { redisAvailable } from '../helpers/redisServer.js';
import { type Scaleout, startScaleout } from '../helpers/scaleout.js';
import { newSop } from '../helpers/sops.js';

const run = pgAvailable() && redisAvailable();

interface Compare {
  steps: { added: string[]; removed: string[]; moved: string[]; changed: unknown[] };
}

describe.skipIf(!run)('server changes on two processes, one at a time', () => {
  let s: Scaleout;
  let p1: ChildServer;
  let p2: ChildServer;
  let sopId: string;

  const json = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  };
  const snapshot = (p: ChildServer) => p.api(`/api/sops/${sopId}`).then(json<SopSnapshot>);
  const suggestStep = async (p: ChildServer, activity: string, after: string) =>
    (
      await json<{ id: string }>(
        await p.api(`/api/sops/${sopId}/suggestions`, {
          json: { kind: 'insertStep', afterStepId: after, step: { activity, actorId: null } },
        }),
        201,
      )
    ).id;
  const version = async (p: ChildServer, label: string) =>
    (
      await json<{ id: string }>(
        await p.api(`/api/sops/${sopId}/versions`, { json: { label, kind: 'manual' } }),
        201,
      )
    ).id;

  beforeAll(async () => {
    s = await startScaleout(2);
    [p1, p2] = s.procs as [ChildServer, ChildServer];
    sopId = await newSop(p1, 'SOP Lintas Proses', 'sample');
    // Both processes hold the SOP's documents (a load each).
    await snapshot(p1);
    await snapshot(p2);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('the same suggestion accepted through both processes at once applies once', async () => {
    const first = (await snapshot(p1)).steps[0]?.id as string;
    for (let round = 0; round < 4; round++) {
      const activity = `Langkah lintas proses ${round}`;
      const id = await suggestStep(p1, activity, first);
      const answers = await Promise.all(
        [p1, p2, p1, p2].map((p) =>
          p.api(`/api/sops/${sopId}/suggestions/${id}/accept`, { json: {} }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409]);
      // (the other process's copy follows through Redis: polled, not slept)
      for (const p of [p1, p2])
        await expect
          .poll(
            async () => (await snapshot(p)).steps.filter((st) => st.activity === activity).length,
            { message: `process ${p === p1 ? 1 : 2}, round ${round}` },
          )
          .toBe(1);
    }
  });

  it('two restores racing through both processes end in one of the two versions', async () => {
    const first = (await snapshot(p1)).steps[0]?.id as string;
    const a = await version(p1, 'Versi A');
    const id = await suggestStep(p2, 'Langkah hanya di versi B', first);
    await json(await p2.api(`/api/sops/${sopId}/suggestions/${id}/accept`, { json: {} }));
    const b = await version(p2, 'Versi B');
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        p1.api(`/api/sops/${sopId}/versions/${a}/restore`, { json: {} }),
        p2.api(`/api/sops/${sopId}/versions/${b}/restore`, { json: {} }),
      ]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      const same = async (p: ChildServer, v: string) => {
        const d = await json<Compare>(
          await p.api(`/api/sops/${sopId}/compare?from=${v}&to=current`),
        );
        return (
          d.steps.added.length + d.steps.removed.length + d.steps.moved.length === 0 &&
          d.steps.changed.length === 0
        );
      };
      const asA = await same(p1, a);
      const asB = await same(p1, b);
      expect(asA !== asB, `round ${round}: exactly one of A, B`).toBe(true);
      // The other process holds the same state.
      await expect.poll(() => same(p2, asA ? a : b)).toBe(true);
    }
  });
});
