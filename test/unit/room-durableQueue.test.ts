/**
 * DurableQueue on its own (the test plays the batcher): groups, "stored before seen"
 * waiters, rollback, the stored state handed to compaction, and what a closed queue
 * does (writes nothing more, waits only for the group already in flight).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DurableQueue, type StoredGroup } from '../../server/rooms/durableQueue.js';
import type { BatchSource } from '../../server/rooms/writeBatcher.js';

function setup(loadedSeq = 7) {
  const doc = new Y.Doc();
  const scheduled: BatchSource[] = [];
  const stored: StoredGroup[] = [];
  const failed: unknown[] = [];
  const queue = new DurableQueue(
    'd',
    { schedule: (s) => scheduled.push(s) },
    {
      stateVector: () => Y.encodeStateVector(doc),
      encodeState: () => Y.encodeStateAsUpdate(doc),
      stored: (g) => stored.push(g),
      failed: (e) => failed.push(e),
    },
    loadedSeq,
  );
  doc.on('update', (u: Uint8Array, origin: unknown) => queue.push(u, origin));
  const type = (s: string) => doc.getText('t').insert(doc.getText('t').length, s);
  return { doc, queue, scheduled, stored, failed, type };
}

const textOf = (state: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return d.getText('t').toString();
};

/** Records whether a promise settled, and how. */
function watch<T>(p: Promise<T>) {
  const w = { done: false, failed: false, value: undefined as T | undefined };
  p.then(
    (v) => {
      w.done = true;
      w.value = v;
    },
    () => {
      w.failed = true;
    },
  );
  return w;
}
const microtasks = () => new Promise<void>((r) => setImmediate(r));

describe('DurableQueue', () => {
  it('asks the batcher once per run of pushes and merges the run into one stored row', () => {
    const { queue, scheduled, stored, type } = setup();
    type('a');
    type('b');
    type('c');
    expect(scheduled).toEqual([queue]);
    const rows = queue.takeGroup();
    expect(rows).toHaveLength(1);
    expect(queue.settled).toBe(false);
    queue.groupStored(rows, 12);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.items).toHaveLength(3);
    expect(stored[0]?.seq).toBe(12);
    expect(queue.storedSeq).toBe(12);
    expect(queue.settled).toBe(true);
    expect(queue.takeGroup()).toEqual([]); // nothing pending: nothing to write
  });

  it('whenStored and afterStored wait for what was pushed before them, not after', async () => {
    const { queue, type } = setup();
    type('a');
    const first = watch(queue.whenStored());
    const g1 = queue.takeGroup();
    type('b');
    const second = watch(queue.whenStored());
    let after = false;
    queue.afterStored(() => {
      after = true;
    });
    queue.groupStored(g1, 8);
    await microtasks();
    expect(first.done).toBe(true);
    expect(second.done).toBe(false);
    expect(after).toBe(false);
    queue.groupStored(queue.takeGroup(), 9);
    await microtasks();
    expect(second.done).toBe(true);
    expect(after).toBe(true);
    let now = false;
    queue.afterStored(() => {
      now = true;
    });
    expect(now).toBe(true); // settled: at once
  });

  it('rollback forgets the updates pushed after a position', () => {
    const { queue, type } = setup();
    type('a');
    const position = queue.position;
    type('b');
    type('c');
    expect(queue.rollback(position)).toBe(2);
    const rows = queue.takeGroup();
    expect(textOf(rows[0]!)).toBe('a');
  });

  it('storedState with nothing pending or in flight is the doc now, at the last stored seq', async () => {
    const { queue, type } = setup(7);
    expect((await queue.storedState()).seq).toBe(7);
    type('a');
    queue.groupStored(queue.takeGroup(), 11);
    const s = await queue.storedState();
    expect(s.seq).toBe(11);
    expect(textOf(s.state)).toBe('a');
  });

  it('storedState asked with updates pending is sealed with the next group and handed out once it is stored', async () => {
    const { queue, type } = setup();
    type('a');
    const s = watch(queue.storedState());
    const rows = queue.takeGroup(); // the snapshot is taken here
    type('b'); // after the seal: not in the snapshot
    await microtasks();
    expect(s.done).toBe(false);
    queue.groupStored(rows, 20);
    await microtasks();
    expect(s.value?.seq).toBe(20);
    expect(textOf(s.value!.state)).toBe('a');
  });

  it('storedState asked while a group is in flight and nothing is pending: handed out when it is stored', async () => {
    const { queue, type } = setup();
    type('a');
    const rows = queue.takeGroup();
    const s = watch(queue.storedState());
    queue.groupStored(rows, 30);
    await microtasks();
    expect(s.value?.seq).toBe(30);
    expect(textOf(s.value!.state)).toBe('a');
  });

  it('a failed group rejects its snapshot and every waiter, reports the failure, and stores nothing more', async () => {
    const { queue, stored, failed, type } = setup();
    type('a');
    const s = watch(queue.storedState());
    const w = watch(queue.whenStored());
    const rows = queue.takeGroup();
    type('b');
    queue.groupFailed(rows, new Error('disk full'));
    await microtasks();
    expect(s.failed).toBe(true);
    expect(w.failed).toBe(true);
    expect(failed).toHaveLength(1);
    expect(stored).toEqual([]);
    expect(queue.closed).toBe(true);
    expect(queue.takeGroup()).toEqual([]); // 'b' depends on the failed group: never written
  });

  it('abandon drops pending updates, rejects waiters, ignores the group in flight; drained waits for it', async () => {
    const { queue, stored, type } = setup();
    type('a');
    const inFlight = queue.takeGroup();
    type('b');
    const w = watch(queue.whenStored());
    const s = watch(queue.storedState());
    queue.abandon('room closed');
    const drained = watch(queue.drained());
    await microtasks();
    expect(w.failed).toBe(true);
    expect(s.failed).toBe(true);
    expect(drained.done).toBe(false); // 'a' may still commit
    expect(queue.takeGroup()).toEqual([]);
    type('c');
    expect(queue.takeGroup()).toEqual([]);
    queue.groupStored(inFlight, 40);
    await microtasks();
    expect(drained.done).toBe(true);
    expect(stored).toEqual([]); // a closed room broadcasts nothing
    expect((await Promise.allSettled([queue.storedState()]))[0]?.status).toBe('rejected');
  });
});
