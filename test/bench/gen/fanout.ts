/** Generator side of scenario (a): observers that timestamp each update, and the editor. */
import type * as Y from 'yjs';
import { nowMs } from '../lib/clock.js';
import { appendIndex, benchText, observeIndices } from '../lib/sopShape.js';
import { type BenchClient, connectClient, type Target, withConcurrency } from './clients.js';

interface Observer {
  client: BenchClient;
  recv: Map<number, number>;
}

let observers: Observer[] = [];
let editor: { client: BenchClient; text: Y.Text } | null = null;

/**
 * Updates carry their sender's index k: the editor appends `k;` to the SOP text field the
 * benchmarks write (lib/sopShape.ts; until issue 12 it pushed k onto a root array `fanout`).
 */
function observe(target: Target, docName: string): Observer {
  const client = connectClient(target, docName);
  const recv = new Map<number, number>();
  observeIndices(benchText(client.doc), (ks) => {
    const t = nowMs();
    for (const k of ks) recv.set(k, t);
  });
  return { client, recv };
}

export const fanoutHandlers = {
  async 'fanout.observe'(args: {
    target: Target;
    docName: string;
    count: number;
  }): Promise<number> {
    const ids = Array.from({ length: args.count }, (_, i) => i);
    await withConcurrency(ids, 25, async () => {
      const o = observe(args.target, args.docName);
      observers.push(o);
      await o.client.synced;
    });
    return observers.length;
  },

  /** Receive times for indices [from, to) per observer (NaN = not received), after all arrived or timeout. */
  async 'fanout.collect'(args: {
    from: number;
    to: number;
    timeoutMs: number;
  }): Promise<Float64Array> {
    const deadline = nowMs() + args.timeoutMs;
    const complete = () =>
      observers.every((o) => o.recv.has(args.to - 1) && o.recv.size >= args.to - args.from);
    while (!complete() && nowMs() < deadline) await new Promise((r) => setTimeout(r, 20));
    const n = args.to - args.from;
    const out = new Float64Array(observers.length * n);
    observers.forEach((o, i) => {
      for (let k = args.from; k < args.to; k++)
        out[i * n + (k - args.from)] = o.recv.get(k) ?? Number.NaN;
    });
    return out;
  },

  async 'fanout.closeObservers'(): Promise<void> {
    for (const o of observers) o.client.destroy();
    observers = [];
  },

  async 'fanout.editor'(args: { target: Target; docName: string }): Promise<void> {
    const client = connectClient(args.target, args.docName);
    await client.synced;
    editor = { client, text: benchText(client.doc) };
  },

  /**
   * Sends indices [from, from+count): at `rateHz` on an absolute schedule (no drift), or, with
   * rateHz = 0, back to back in one tick (burst). Returns each update's send time.
   */
  async 'fanout.send'(args: {
    from: number;
    count: number;
    rateHz: number;
  }): Promise<Float64Array> {
    const ed = editor;
    if (!ed) throw new Error('no editor');
    const sent = new Float64Array(args.count);
    const push = (i: number) => {
      sent[i] = nowMs();
      appendIndex(ed.text, args.from + i);
    };
    if (args.rateHz <= 0) {
      for (let i = 0; i < args.count; i++) push(i);
      return sent;
    }
    const interval = 1000 / args.rateHz;
    const t0 = nowMs();
    for (let i = 0; i < args.count; i++) {
      const wait = t0 + i * interval - nowMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      push(i);
    }
    return sent;
  },

  async 'fanout.closeEditor'(): Promise<void> {
    editor?.client.destroy();
    editor = null;
  },
};
