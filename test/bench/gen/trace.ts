/** Generator side of scenario (c): a trace's authors send pre-encoded updates; one observer checks the result. */
import * as Y from 'yjs';
import { nowMs } from '../lib/clock.js';
import { benchText } from '../lib/sopShape.js';
import { readUpdatesFile } from '../lib/traces.js';
import { type BenchClient, connectClient, frameUpdate, type Target } from './clients.js';

let observer: { client: BenchClient; done: Promise<{ doneAt: number; equal: boolean }> } | null =
  null;
let fail: ((e: Error) => void) | null = null;

export const traceHandlers = {
  /**
   * Connects the observer. It is done once it holds every [client, clock] of the final state
   * vector and its text has the final length; then the text is compared with endContent.
   */
  async 'trace.observe'(args: {
    target: Target;
    docName: string;
    endContent: string;
    finalSv: [number, number][];
  }): Promise<void> {
    const client = connectClient(args.target, args.docName);
    const text = benchText(client.doc);
    const done = new Promise<{ doneAt: number; equal: boolean }>((resolve, reject) => {
      fail = reject;
      const check = () => {
        if (text.length !== args.endContent.length) return;
        for (const [c, clock] of args.finalSv) if (Y.getState(client.doc.store, c) < clock) return;
        const doneAt = nowMs();
        client.doc.off('update', check);
        resolve({ doneAt, equal: text.toString() === args.endContent });
      };
      client.doc.on('update', check);
    });
    await client.synced;
    observer = { client, done };
  },

  async 'trace.wait'(args: {
    timeoutMs: number;
  }): Promise<{ doneAt: number; equal: boolean; length: number }> {
    const obs = observer;
    if (!obs) throw new Error('no observer');
    const timer = setTimeout(
      () => fail?.(new Error(`observer not done after ${args.timeoutMs} ms`)),
      args.timeoutMs,
    );
    try {
      const r = await obs.done;
      return { ...r, length: benchText(obs.client.doc).length };
    } catch {
      return { doneAt: Number.NaN, equal: false, length: benchText(obs.client.doc).length };
    } finally {
      clearTimeout(timer);
      obs.client.destroy();
      observer = null;
    }
  },

  /**
   * Connects one client per author, frames every update beforehand, then sends them all in
   * trace order as fast as the sockets take them. With several authors, an update is held
   * until its author's client has received what the update was made on top of (`required`),
   * as a live client would be: so the server sees causally ordered input per connection.
   * Returns when the last one was handed to ws.
   */
  async 'trace.send'(args: {
    target: Target;
    docName: string;
    file: string;
    authors: number;
    required: Uint32Array;
  }): Promise<{ t0: number; tSent: number; waits: number }> {
    const { updates, authorOf } = readUpdatesFile(args.file);
    const clients = Array.from({ length: args.authors }, () =>
      connectClient(args.target, args.docName),
    );
    await Promise.all(clients.map((c) => c.synced));
    const framed = updates.map((u) => frameUpdate(args.target.protocol, args.docName, u));
    let waits = 0;
    const t0 = nowMs();
    for (let i = 0; i < framed.length; i++) {
      const author = authorOf[i] ?? 0;
      const client = clients[author] as BenchClient;
      if (args.required.length > 0) {
        const need = args.required.subarray(i * args.authors, (i + 1) * args.authors);
        if (!hasAll(client.doc, need)) {
          waits++;
          await new Promise<void>((resolve) => {
            const check = () => {
              if (!hasAll(client.doc, need)) return;
              client.doc.off('update', check);
              resolve();
            };
            client.doc.on('update', check);
          });
        }
      }
      // A live author's doc holds its own edits: others' later edits build on them.
      if (args.authors > 1) client.applyOwn(updates[i] as Uint8Array);
      client.sendRaw(framed[i] as Uint8Array);
      // Yield now and then so the socket writes drain instead of queueing the whole trace.
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
    }
    const tSent = nowMs();
    // Keep the authors connected until the observer is done; they are closed by trace.closeAuthors.
    authorsOpen.push(...clients);
    return { t0, tSent, waits };
  },

  async 'trace.closeAuthors'(): Promise<void> {
    for (const c of authorsOpen.splice(0)) c.destroy();
  },
};

const authorsOpen: BenchClient[] = [];

function hasAll(doc: Y.Doc, need: Uint32Array): boolean {
  for (let b = 0; b < need.length; b++)
    if (Y.getState(doc.store, b + 1) < (need[b] ?? 0)) return false;
  return true;
}
