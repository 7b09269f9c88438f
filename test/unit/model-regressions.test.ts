/**
 * Once-failing convergence cases, kept as named tests (rule: "once-failing
 * seeds stay as named regression tests").
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Origin, SopDoc, toSnapshot } from '../../shared/model/index.js';
import { root } from '../../shared/model/layout.js';
import { runFuzz, syncPair } from './model-fuzzNet.js';
import { rng } from './model-fuzzOps.js';

describe('convergence regressions', () => {
  /*
   * Seeds 1 and 2 (first network model) crashed in fractional-indexing: a
   * replica saw a step without `order`. Cause: an update whose structs waited
   * for a dropped earlier update still applied its delete set, deleting the
   * old `order` value while the new one was pending. Then an `insertAfter`
   * that step fell back to a constant key ('a0'), duplicating keys.
   */
  it('regression seed 2: a step transiently without order key can still be used as a reference', () => {
    const a = new SopDoc(new Y.Doc(), { random: rng(11) });
    const x = a.steps.insertAfter(null, { activity: 'X' });
    const y = a.steps.insertAfter(x, { activity: 'Y' });
    const c = new SopDoc(new Y.Doc(), { random: rng(12) });
    syncPair(a.doc, c.doc);
    const updates: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => updates.push(u));
    a.steps.set(y, 'notes', 'dropped update'); // u0, never delivered
    a.steps.move(x, { after: y }); // u1: new order item (pending on c) + delete of the old one
    Y.applyUpdate(c.doc, updates[1] as Uint8Array, Origin.remote);
    expect(root.steps(c.doc).get(x)?.get('order')).toBeUndefined();
    expect(c.doc.store.pendingStructs).not.toBeNull();
    const z = c.steps.insertAfter(x, { activity: 'Z' });
    c.steps.move(y, { before: x });
    syncPair(a.doc, c.doc);
    expect(toSnapshot(a.doc)).toEqual(toSnapshot(c.doc));
    expect(a.steps.ids()).toHaveLength(3);
    expect(a.steps.ids()).toContain(z);
    const keys = [...root.steps(a.doc).values()].map((m) => m.get('order'));
    expect(new Set(keys).size).toBe(3);
  });

  it('regression seed 1: 5 replicas × 1000 ops converge', () => {
    const r = runFuzz(1, 1000, 5);
    const snap = JSON.stringify(toSnapshot(r.replicas[0]!.doc));
    for (const x of r.replicas) expect(JSON.stringify(toSnapshot(x.doc))).toBe(snap);
  });
});
