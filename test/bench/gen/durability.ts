/**
 * Generator side of scenario (e): a writer pushing index k at a fixed rate, an observer that
 * records which k it has seen, and (Susun only) the times at which the server confirmed each
 * edit as stored. An edit k is confirmed once the stored state vector's clock for the writer
 * reaches the writer's clock right after k was made. Index k is appended as `k;` to the SOP
 * text field the benchmarks write (lib/sopShape.ts; until issue 12 it was pushed onto a root
 * array `e`, which Susun now refuses).
 */
import * as Y from 'yjs';
import { nowMs } from '../lib/clock.js';
import { appendIndex, benchText, indicesIn, observeIndices } from '../lib/sopShape.js';
import { type BenchClient, connectClient, type Target } from './clients.js';

interface Run {
  writer: BenchClient;
  observer: BenchClient;
  timer: NodeJS.Timeout | null;
  sentAt: number[];
  clockAfter: number[];
  confirmedAt: number[];
  seen: Set<number>;
}
let run: Run | null = null;

export interface DurabilityResult {
  sentAt: number[];
  confirmedAt: number[];
  seen: number[];
}

export const durabilityHandlers = {
  async 'dur.start'(args: {
    target: Target;
    docName: string;
    rateHz: number;
    stored: boolean;
    /** Where the observer connects (scenario f: another process); default `target`. */
    observerTarget?: Target;
  }): Promise<void> {
    const sentAt: number[] = [];
    const clockAfter: number[] = [];
    const confirmedAt: number[] = [];
    let firstUnconfirmed = 0;
    const writer = connectClient(args.target, args.docName, {
      stored: args.stored,
      onStored: (sv) => {
        const t = nowMs();
        const stored = sv.get(writer.doc.clientID) ?? 0;
        while (
          firstUnconfirmed < clockAfter.length &&
          (clockAfter[firstUnconfirmed] ?? 0) <= stored
        ) {
          confirmedAt[firstUnconfirmed++] = t;
        }
      },
    });
    const observer = connectClient(args.observerTarget ?? args.target, args.docName);
    const seen = new Set<number>();
    observeIndices(benchText(observer.doc), (ks) => {
      for (const k of ks) seen.add(k);
    });
    await Promise.all([writer.synced, observer.synced]);
    const text = benchText(writer.doc);
    const interval = 1000 / args.rateHz;
    const t0 = nowMs();
    const r: Run = { writer, observer, timer: null, sentAt, clockAfter, confirmedAt, seen };
    const tick = () => {
      const k = sentAt.length;
      sentAt.push(nowMs());
      appendIndex(text, k);
      clockAfter.push(Y.getState(writer.doc.store, writer.doc.clientID));
      confirmedAt.push(Number.NaN);
      r.timer = setTimeout(tick, Math.max(0, t0 + (k + 1) * interval - nowMs()));
    };
    tick();
    run = r;
  },

  /** Called right after the server was killed: stop writing, drop the clients, report. */
  async 'dur.stop'(): Promise<DurabilityResult> {
    const r = run;
    if (!r) throw new Error('no durability run');
    if (r.timer) clearTimeout(r.timer);
    r.writer.destroy();
    r.observer.destroy();
    run = null;
    return { sentAt: r.sentAt, confirmedAt: r.confirmedAt, seen: [...r.seen] };
  },

  /** A fresh client after the restart: which k survived. */
  async 'dur.verify'(args: { target: Target; docName: string }): Promise<number[]> {
    const c = connectClient(args.target, args.docName);
    await c.synced;
    const present = indicesIn(benchText(c.doc).toString());
    c.destroy();
    return present;
  },
};
