/**
 * WriteBatcher on its own, over the deferred fake store: what arrives in one turn is
 * one append; appends are serial; every source hears back about its own group (its
 * sequence number, or the failure), whatever another source's callback does.
 */
import { describe, expect, it } from 'vitest';
import { type BatchSource, WriteBatcher } from '../../server/rooms/writeBatcher.js';
import { DeferredDocLog, turn } from '../helpers/deferredDocLog.js';

const bytes = (...b: number[]) => new Uint8Array(b);

class Source implements BatchSource {
  pending: Uint8Array[] = [];
  stored: Array<{ group: Uint8Array[]; seq: number }> = [];
  failed: unknown[] = [];
  taken = 0;
  throwOnStored = false;
  constructor(readonly docId: string) {}
  takeGroup(): Uint8Array[] {
    this.taken++;
    const g = this.pending;
    this.pending = [];
    return g;
  }
  groupStored(group: Uint8Array[], seq: number): void {
    if (this.throwOnStored) throw new Error('callback bug');
    this.stored.push({ group, seq });
  }
  groupFailed(_group: Uint8Array[], error: unknown): void {
    this.failed.push(error);
  }
}

function setup() {
  const log = new DeferredDocLog();
  const errors: unknown[] = [];
  const batcher = new WriteBatcher(log, (e) => errors.push(e));
  const write = (s: Source, ...rows: Uint8Array[]) => {
    s.pending.push(...rows);
    batcher.schedule(s);
  };
  return { log, batcher, errors, write };
}

describe('WriteBatcher', () => {
  it('writes what every source scheduled in one turn as ONE append; each hears its own seq', async () => {
    const { log, write } = setup();
    const a = new Source('a');
    const b = new Source('b');
    write(a, bytes(1), bytes(2));
    write(b, bytes(3));
    write(a); // scheduling again in the same turn changes nothing
    const op = await log.next('append');
    expect(op.docIds).toEqual(['a', 'b']);
    expect(op.args).toHaveLength(3);
    await op.resolve();
    await turn();
    expect(a.stored.map((s) => s.group)).toEqual([[bytes(1), bytes(2)]]);
    expect(a.stored[0]?.seq).toBe(2);
    expect(b.stored[0]?.seq).toBe(3);
  });

  it('is serial: the next group is taken only once the previous append settled', async () => {
    const { log, write } = setup();
    const a = new Source('a');
    write(a, bytes(1));
    const first = await log.next('append');
    write(a, bytes(2));
    await turn();
    await turn();
    expect(a.taken).toBe(1);
    expect(log.count('append')).toBe(1);
    await first.resolve();
    const second = await log.next('append');
    expect(a.taken).toBe(2);
    await second.resolve();
    await turn();
    expect(a.stored.map((s) => s.seq)).toEqual([1, 2]); // heard back in order, seqs grow
  });

  it('a failed append fails every group in it and stores nothing', async () => {
    const { log, write } = setup();
    const a = new Source('a');
    const b = new Source('b');
    write(a, bytes(1));
    write(b, bytes(2));
    (await log.next('append')).reject(new Error('disk full'));
    await turn();
    expect(a.failed).toHaveLength(1);
    expect(b.failed).toHaveLength(1);
    expect(a.stored).toEqual([]);
    expect(await log.backing.load('a')).toBeNull();
  });

  it('a source with nothing to write (a closed room) is skipped; no empty append', async () => {
    const { log, batcher, write } = setup();
    const closed = new Source('closed');
    write(closed);
    await batcher.idle();
    expect(closed.taken).toBe(1);
    expect(log.count('append')).toBe(0);
    expect(closed.stored).toEqual([]);
    expect(closed.failed).toEqual([]);
  });

  it("one source's failing callback does not keep the others from hearing back", async () => {
    const { log, errors, write } = setup();
    log.auto.add('append');
    const a = new Source('a');
    const b = new Source('b');
    a.throwOnStored = true;
    write(a, bytes(1));
    write(b, bytes(2));
    await log.next('append');
    await turn();
    expect(errors).toHaveLength(1);
    expect(b.stored).toHaveLength(1);
  });

  it('a document missing from the append answer fails its group', async () => {
    const batcher = new WriteBatcher({
      append: async () => new Map([['other', { seq: 5, prevSeq: 0 }]]),
    });
    const a = new Source('a');
    a.pending.push(bytes(1));
    batcher.schedule(a);
    await batcher.idle();
    expect(a.failed).toHaveLength(1);
    expect(a.stored).toEqual([]);
  });

  it('idle resolves once every scheduled write has settled', async () => {
    const { log, batcher, write } = setup();
    const a = new Source('a');
    write(a, bytes(1));
    let idle = false;
    void batcher.idle().then(() => {
      idle = true;
    });
    const op = await log.next('append');
    await turn();
    expect(idle).toBe(false);
    await op.resolve();
    await turn();
    expect(idle).toBe(true);
  });
});
