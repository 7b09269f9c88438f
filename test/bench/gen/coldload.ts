/**
 * Generator side of scenario (d): store a large document, then time a cold connect. The
 * document's content is the texts of the entries of the SOP list box `list.records`
 * (lib/sopShape.ts; until issue 12 it was root texts `text`, `text1`, ...).
 */
import * as Y from 'yjs';
import { nowMs } from '../lib/clock.js';
import { recordsLength } from '../lib/sopShape.js';
import { readUpdatesFile } from '../lib/traces.js';
import { type BenchClient, connectClient, type Target } from './clients.js';

/** Storing the 100× document through Susun's update guard takes minutes on 2 shared cores. */
const PREPARE_TIMEOUT_MS = 15 * 60_000;

/** Resolves true once `client` holds every clock of `sv`, false at `deadline`. */
function whenHolds(
  client: BenchClient,
  sv: Map<number, number>,
  deadline: number,
): Promise<boolean> {
  const holds = () => [...sv].every(([c, clock]) => Y.getState(client.doc.store, c) >= clock);
  return new Promise((resolve) => {
    const done = (v: boolean) => {
      clearTimeout(timer);
      client.doc.off('update', check);
      resolve(v);
    };
    const check = () => holds() && done(true);
    const timer = setTimeout(() => done(false), Math.max(0, deadline - nowMs()));
    client.doc.on('update', check);
    check();
  });
}

function whenLength(client: BenchClient, length: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (recordsLength(client.doc) >= length) {
        client.doc.off('update', check);
        resolve(nowMs());
      }
    };
    client.doc.on('update', check);
    check();
  });
}

export const coldLoadHandlers = {
  /**
   * Sends the document's parts (the list entries, then one update per copy of the text)
   * through a normal client, each once a second client holds the previous one, then waits
   * for Susun to confirm it all stored. Paced because Susun inspects each update before
   * applying it, in time that grows with the square of its item count (about 1 s per copy
   * here, server/rooms/updateInspector.ts): 100 parts sent at once kept its event loop busy
   * for over a minute, the writer's socket was dropped meanwhile (a 30 s heartbeat or
   * y-websocket's 30 s silence watchdog) and a quarter of the parts were never applied.
   */
  async 'cold.prepare'(args: {
    target: Target;
    docName: string;
    file: string;
    length: number;
    stored: boolean;
  }): Promise<void> {
    const { updates } = readUpdatesFile(args.file);
    let storedSv = new Map<number, number>();
    let onStoredChange: (() => void) | null = null;
    const writer = connectClient(args.target, args.docName, {
      stored: args.stored,
      onStored: (sv) => {
        storedSv = sv;
        onStoredChange?.();
      },
    });
    const reader = connectClient(args.target, args.docName);
    try {
      await Promise.all([writer.synced, reader.synced]);
      const deadline = nowMs() + PREPARE_TIMEOUT_MS;
      for (const u of updates) {
        writer.sendUpdate(u);
        const sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(u));
        // Bounded: a refused part (the generator's stderr says why) must fail, not hang, the run.
        if (!(await whenHolds(reader, sv, deadline)))
          throw new Error(`${args.docName}: not stored completely within ${PREPARE_TIMEOUT_MS} ms`);
      }
      if (recordsLength(reader.doc) !== args.length)
        throw new Error(`${args.docName}: holds ${recordsLength(reader.doc)} of ${args.length}`);
      if (args.stored) {
        const want = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
        const covered = () => [...want].every(([c, clock]) => (storedSv.get(c) ?? 0) >= clock);
        await new Promise<void>((resolve) => {
          onStoredChange = () => covered() && resolve();
          onStoredChange();
        });
      }
    } finally {
      writer.destroy();
      reader.destroy();
    }
  },

  /** Connect → synced and connect → whole content present, for a client of a freshly started server. */
  async 'cold.load'(args: {
    target: Target;
    docName: string;
    length: number;
  }): Promise<{ syncedMs: number; contentMs: number; length: number }> {
    const t0 = nowMs();
    const c = connectClient(args.target, args.docName);
    const content = whenLength(c, args.length);
    await c.synced;
    const tSynced = nowMs();
    const tContent = await Promise.race([
      content,
      new Promise<number>((r) => setTimeout(() => r(Number.NaN), 60_000)),
    ]);
    const length = recordsLength(c.doc);
    c.destroy();
    return { syncedMs: tSynced - t0, contentMs: tContent - t0, length };
  },
};
