/**
 * ApplyBatch on its own (a fake target): a connection's burst is one transaction; the
 * failure rules of the one-by-one path hold — a refused or failing update closes only
 * its sender, the valid updates before it stay, and an update that failed halfway has
 * its queued pushes rolled back and the room told to drop its doc.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApplyBatch, type ApplyTarget } from '../../server/rooms/applyBatch.js';
import type { RoomConnection } from '../../server/rooms/connection.js';
import type { UpdateShape } from '../../server/rooms/validate.js';
import { CloseCodes } from '../../shared/protocol.js';

const EMPTY_SHAPE: UpdateShape = { items: [], gcs: [], deletes: [] };

function conn(id: string): RoomConnection {
  return {
    id,
    remote: 'memory',
    wantsStored: false,
    wantsAccess: false,
    access: { role: 'editor', canWrite: true, approver: false, userId: id },
    send: () => {},
    close: () => {},
  };
}

/** Successive updates of one client typing `parts` into text `t`. */
function typing(...parts: string[]): Uint8Array[] {
  const d = new Y.Doc();
  const out: Uint8Array[] = [];
  d.on('update', (u: Uint8Array) => out.push(u));
  for (const p of parts) d.getText('t').insert(d.getText('t').length, p);
  return out;
}

function setup(over: Partial<ApplyTarget> = {}) {
  const doc = new Y.Doc();
  const seen = {
    events: [] as unknown[],
    refuse: [] as Array<{ conn: string; code: number }>,
    refused: [] as string[],
    rollback: [] as number[],
    poisoned: 0,
  };
  // Stands for the durable queue: one push per doc update event.
  let position = 0;
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    position++;
    seen.events.push(origin);
  });
  const target: ApplyTarget = {
    doc,
    maxDocBytes: 1_000_000,
    storedBytes: () => 0,
    accepts: () => true,
    position: () => position,
    rollback: (p) => {
      seen.rollback.push(p);
      position = p;
    },
    refuse: (c, close) => seen.refuse.push({ conn: c.id, code: close.code }),
    guard: () => null,
    refused: (_c, v) => seen.refused.push(v.reason),
    poisoned: () => {
      seen.poisoned++;
    },
    ...over,
  };
  return { doc, batch: new ApplyBatch(target), seen, text: () => doc.getText('t').toString() };
}

describe('ApplyBatch', () => {
  it("applies a connection's burst in ONE transaction at the next microtask", async () => {
    const { batch, seen, text } = setup();
    const a = conn('a');
    for (const u of typing('x', 'y', 'z')) batch.add(a, u, EMPTY_SHAPE);
    expect(text()).toBe('');
    expect(batch.pendingBytes).toBeGreaterThan(0);
    await Promise.resolve();
    expect(text()).toBe('xyz');
    expect(seen.events).toEqual([a]); // one update event, the sender as origin
    expect(batch.pendingBytes).toBe(0);
  });

  it("another connection's update first applies the pending burst (order kept)", () => {
    const { batch, text } = setup();
    const [x, y] = typing('x', 'y');
    batch.add(conn('a'), x!, EMPTY_SHAPE);
    batch.add(conn('b'), y!, EMPTY_SHAPE);
    expect(text()).toBe('x');
    batch.flush();
    expect(text()).toBe('xy');
  });

  it('a guard refusal keeps the earlier updates and drops the refused one and the rest', () => {
    let n = 0;
    const { batch, seen, text } = setup({
      guard: () => (++n === 2 ? { reason: 'read-only', detail: 'no' } : null),
    });
    const a = conn('a');
    for (const u of typing('x', 'y', 'z')) batch.add(a, u, EMPTY_SHAPE);
    batch.flush();
    expect(text()).toBe('x');
    expect(seen.events).toHaveLength(1);
    expect(seen.refused).toEqual(['read-only']);
    expect(seen.poisoned).toBe(0);
  });

  it('an update past maxDocBytes closes its sender; the earlier ones stay', () => {
    const [x, y] = typing('x', 'y'.repeat(500));
    const { batch, seen, text } = setup({ maxDocBytes: x!.length + 10 });
    const a = conn('a');
    batch.add(a, x!, EMPTY_SHAPE);
    batch.add(a, y!, EMPTY_SHAPE);
    batch.flush();
    expect(text()).toBe('x');
    expect(seen.refuse).toEqual([{ conn: 'a', code: CloseCodes.documentTooLarge.code }]);
  });

  it('nothing is applied for a sender no longer accepted (left, or the room closes)', () => {
    const { batch, seen, text } = setup({ accepts: () => false });
    for (const u of typing('x')) batch.add(conn('a'), u, EMPTY_SHAPE);
    batch.flush();
    expect(text()).toBe('');
    expect(seen.events).toEqual([]);
  });

  it('an update that throws before changing anything closes its sender; the room stays', () => {
    const { batch, seen, text } = setup();
    const [x, y] = typing('x', 'y');
    const a = conn('a');
    batch.add(a, x!, EMPTY_SHAPE);
    batch.add(a, y!.slice(0, 4), EMPTY_SHAPE); // cut inside its structs
    batch.flush();
    expect(text()).toBe('x');
    expect(seen.refuse).toEqual([{ conn: 'a', code: CloseCodes.badUpdate.code }]);
    expect(seen.rollback).toEqual([]);
    expect(seen.poisoned).toBe(0);
  });

  it('an update that fails halfway: its pushes are rolled back and the room is told to drop its doc', () => {
    const { doc, batch, seen } = setup();
    for (const u of typing('before')) Y.applyUpdate(doc, u);
    const positionBefore = seen.events.length;
    const [x] = typing('x');
    // Its structs integrate, then its delete set is cut short: Yjs throws after changing the doc.
    const half = typing('half')[0]!;
    const a = conn('a');
    batch.add(a, x!, EMPTY_SHAPE);
    batch.add(a, half.slice(0, half.length - 1), EMPTY_SHAPE);
    batch.flush();
    expect(doc.getText('t').toString()).toContain('half'); // the doc holds part of it
    expect(seen.rollback).toEqual([positionBefore]); // nothing of the batch may be stored
    expect(seen.refuse).toEqual([{ conn: 'a', code: CloseCodes.badUpdate.code }]);
    expect(seen.poisoned).toBe(1);
  });

  it('discard forgets the queued burst', async () => {
    const { batch, text } = setup();
    for (const u of typing('x')) batch.add(conn('a'), u, EMPTY_SHAPE);
    batch.discard();
    await Promise.resolve();
    expect(text()).toBe('');
    expect(batch.pendingBytes).toBe(0);
  });
});
