/** Generator side of scenario (d): store a large document, then time a cold connect. */
import * as Y from 'yjs';
import { nowMs } from '../lib/clock.js';
import { readUpdatesFile } from '../lib/traces.js';
import { type BenchClient, connectClient, type Target } from './clients.js';

function totalLength(doc: Y.Doc, roots: number): number {
  let n = 0;
  for (let i = 0; i < roots; i++) n += doc.getText(i === 0 ? 'text' : `text${i}`).length;
  return n;
}

function whenLength(client: BenchClient, roots: number, length: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (totalLength(client.doc, roots) >= length) {
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
   * Sends the document's parts (one update per root text) through a normal client, then waits
   * until a second client holds all of it and, for Susun, until the server confirmed it stored.
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
    await writer.synced;
    for (const u of updates) writer.sendUpdate(u);
    const reader = connectClient(args.target, args.docName);
    await reader.synced;
    await whenLength(reader, updates.length, args.length);
    if (args.stored) {
      const want = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
      const covered = () => [...want].every(([c, clock]) => (storedSv.get(c) ?? 0) >= clock);
      await new Promise<void>((resolve) => {
        onStoredChange = () => covered() && resolve();
        onStoredChange();
      });
    }
    writer.destroy();
    reader.destroy();
  },

  /** Connect → synced and connect → whole content present, for a client of a freshly started server. */
  async 'cold.load'(args: {
    target: Target;
    docName: string;
    roots: number;
    length: number;
  }): Promise<{ syncedMs: number; contentMs: number; length: number }> {
    const t0 = nowMs();
    const c = connectClient(args.target, args.docName);
    const content = whenLength(c, args.roots, args.length);
    await c.synced;
    const tSynced = nowMs();
    const tContent = await Promise.race([
      content,
      new Promise<number>((r) => setTimeout(() => r(Number.NaN), 60_000)),
    ]);
    const length = totalLength(c.doc, args.roots);
    c.destroy();
    return { syncedMs: tSynced - t0, contentMs: tContent - t0, length };
  },
};
