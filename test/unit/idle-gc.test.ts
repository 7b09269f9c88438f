/**
 * The idle collector's decision (server/idleGc.ts): a full collection only when the
 * server was quiet for the last tick and the heap grew well past the last floor.
 */
import { describe, expect, it } from 'vitest';
import { createIdleCollector } from '../../server/idleGc';

const MB = 1024 * 1024;

function harness(startHeap: number) {
  const state = { heap: startHeap, busy: false, collections: 0, garbage: 0, docs: 0 };
  const collector = createIdleCollector({
    gc: () => {
      state.collections++;
      state.heap -= state.garbage;
      state.garbage = 0;
    },
    heapUsed: () => state.heap,
    busy: () => state.busy,
    docsOpen: () => state.docs,
    growthBytes: 8 * MB,
  });
  const allocate = (live: number, garbage: number) => {
    state.heap += live + garbage;
    state.garbage += garbage;
  };
  return { state, collector, allocate };
}

describe('idle collector', () => {
  it('collects once when quiet after a burst, then not again until the heap grows anew', () => {
    const { state, collector, allocate } = harness(14 * MB);
    allocate(1 * MB, 26 * MB);
    state.busy = true;
    expect(collector.tick()).toBe(false);
    state.busy = false;
    expect(collector.tick()).toBe(true);
    expect(state.heap).toBe(15 * MB);
    expect(collector.tick()).toBe(false);
    expect(state.collections).toBe(1);
    allocate(0, 9 * MB);
    expect(collector.tick()).toBe(true);
    expect(state.collections).toBe(2);
  });

  it('leaves small growth alone', () => {
    const { state, collector, allocate } = harness(14 * MB);
    allocate(0, 7 * MB);
    expect(collector.tick()).toBe(false);
    expect(state.collections).toBe(0);
  });

  it('asks for growth of half the floor on a large heap', () => {
    const { state, collector, allocate } = harness(100 * MB);
    allocate(0, 40 * MB);
    expect(collector.tick()).toBe(false);
    allocate(0, 11 * MB);
    expect(collector.tick()).toBe(true);
    expect(state.heap).toBe(100 * MB);
  });

  it('collects when most of the documents held were unloaded, though the heap did not grow', () => {
    const { state, collector } = harness(60 * MB);
    state.docs = 1000;
    state.busy = true;
    expect(collector.tick()).toBe(false);
    state.busy = false;
    // 400 of 1,000 unloaded: not yet.
    state.docs = 600;
    expect(collector.tick()).toBe(false);
    state.docs = 0;
    state.garbage = 45 * MB;
    expect(collector.tick()).toBe(true);
    expect(state.heap).toBe(15 * MB);
    // A few documents opening and closing afterwards ask for nothing.
    state.docs = 5;
    expect(collector.tick()).toBe(false);
    state.docs = 0;
    expect(collector.tick()).toBe(false);
    expect(state.collections).toBe(1);
  });

  it('takes a collection V8 ran on its own as the new floor', () => {
    const { state, collector, allocate } = harness(30 * MB);
    allocate(0, 20 * MB);
    state.busy = true;
    collector.tick();
    // V8 collected by itself while busy: the heap is back below the old floor.
    state.heap = 20 * MB;
    state.garbage = 0;
    state.busy = false;
    expect(collector.tick()).toBe(false);
    // Back at the old floor: grown by half the new one.
    allocate(0, 10 * MB);
    expect(collector.tick()).toBe(true);
  });
});
