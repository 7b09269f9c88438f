/**
 * A full garbage collection when the server falls quiet after a burst (issue 19).
 *
 * V8 collects its old generation when allocation pushes it to a limit, not when a process
 * goes idle. After a burst — 1,000 SOPs created through REST, an import, a meeting's worth of
 * edits — the garbage of the burst stays in the heap until the next burst: the idle server
 * measured 119 MB of RSS with 41 MB of heap where a full collection leaves 14 MB. So once the
 * event loop has been nearly idle for a tick, and the heap has grown well past what the last
 * collection left or many documents were unloaded, this runs one full collection (tens of
 * milliseconds for such a heap, at a moment nothing waits for it) and V8 hands the freed
 * pages back to the system.
 *
 * The collector needs V8's `gc` function: the server runs with `--expose-gc`
 * (scripts/server-flags.mjs). Without it (tests, `tsx server/main.ts`) nothing is started.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

export interface IdleCollectorDeps {
  /** Runs a full collection. */
  gc: () => void;
  /** Bytes of heap in use now. */
  heapUsed: () => number;
  /** Whether the server did real work since the previous tick. */
  busy: () => boolean;
  /**
   * Documents loaded now. Unloading frees memory without growing the heap, so a fall to at
   * most half of the most held since the last collection (by at least ten) asks for one too.
   */
  docsOpen: () => number;
  /**
   * Growth of the heap past the last collection's floor that is worth a collection: at
   * least this many bytes, and at least half the floor — a full collection stops the
   * process for about a millisecond per megabyte of live heap, so a server holding many
   * open documents collects only after a proportionally larger burst.
   */
  growthBytes: number;
}

/**
 * The decision, apart from timers: `tick()` collects (and says so) when the last interval
 * was quiet and the heap grew or documents were unloaded.
 */
export function createIdleCollector(deps: IdleCollectorDeps): { tick(): boolean } {
  // What the heap held after the last collection (ours or V8's own).
  let floor = deps.heapUsed();
  let peakDocs = deps.docsOpen();
  return {
    tick(): boolean {
      const used = deps.heapUsed();
      if (used < floor) floor = used;
      const docs = deps.docsOpen();
      peakDocs = Math.max(peakDocs, docs);
      // `busy` is read every tick, so it always covers exactly the last interval.
      const busy = deps.busy();
      const grown = used - floor >= Math.max(deps.growthBytes, floor / 2);
      const released = peakDocs - docs >= Math.max(10, peakDocs / 2);
      if (busy || !(grown || released)) return false;
      deps.gc();
      floor = deps.heapUsed();
      peakDocs = docs;
      return true;
    },
  };
}

/**
 * Event-loop utilisation under which a tick counts as quiet: 1 %. One editor's updates
 * fanned out to 50 observers keep the loop ~5 % busy, and a collection must not land in
 * the middle of such a session.
 */
const QUIET_UTILIZATION = 0.01;
/** A quarter second: a burst's garbage goes within half a second of the server falling quiet. */
const TICK_MS = 250;
const GROWTH_BYTES = 8 * 1024 * 1024;

/**
 * Starts the idle collector when V8's `gc` is exposed; returns its stop function (a no-op
 * when not started). The timer never keeps the process alive.
 */
export function startIdleCollector(
  docsOpen: () => number,
  onCollect?: (info: { before: number; after: number }) => void,
): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return () => {};
  let last = performance.eventLoopUtilization();
  const heapUsed = () => v8.getHeapStatistics().used_heap_size;
  const collector = createIdleCollector({
    gc: () => {
      const before = heapUsed();
      // The first collection frees the garbage; the second finds the emptied pages and
      // returns them (after one alone the heap's committed size barely moved: 49 → 46 MB,
      // after the second 26 MB).
      gc();
      gc();
      onCollect?.({ before, after: heapUsed() });
    },
    heapUsed,
    busy: () => {
      const now = performance.eventLoopUtilization();
      const delta = performance.eventLoopUtilization(now, last);
      last = now;
      return delta.utilization > QUIET_UTILIZATION;
    },
    docsOpen,
    growthBytes: GROWTH_BYTES,
  });
  const timer = setInterval(() => collector.tick(), TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
