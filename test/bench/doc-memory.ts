/**
 * Memory cost of a loaded document per stored megabyte (issue 12: the default of
 * MAX_DOC_BYTES). The stored state of a real keystroke history (the automerge-paper
 * trace, 260k edits) is copied 1×, 4× and 16× under other client ids and root names
 * into one update, as scenario (d) builds its large documents; each is loaded into a
 * fresh Y.Doc (what a room does on load) and the heap and RSS it takes are measured.
 * Run: `node --expose-gc --import tsx test/bench/doc-memory.ts`.
 */
import * as Y from 'yjs';
import { rewriteTextUpdate } from './lib/rewrite.js';
import { AUTOMERGE_PAPER, encodeSequential } from './lib/traces.js';

const MB = 1024 * 1024;
const base = encodeSequential(AUTOMERGE_PAPER).state;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const rows: Array<Record<string, string>> = [];
for (const copies of [1, 4, 16]) {
  const parts = Array.from({ length: copies }, (_, i) =>
    i === 0 ? base : rewriteTextUpdate(base, (c) => c + 1000 * i, { root: `text${i}` }),
  );
  const state = Y.mergeUpdates(parts);
  gc();
  const before = process.memoryUsage();
  const docs: Y.Doc[] = [];
  for (let i = 0; i < 2; i++) {
    const d = new Y.Doc();
    Y.applyUpdate(d, state);
    docs.push(d);
  }
  gc();
  const after = process.memoryUsage();
  const stored = state.length / MB;
  const heap = (after.heapUsed - before.heapUsed) / 2 / MB;
  const rss = (after.rss - before.rss) / 2 / MB;
  rows.push({
    'stored MB': stored.toFixed(2),
    'heap MB per loaded doc': heap.toFixed(1),
    'heap MB per stored MB': (heap / stored).toFixed(1),
    'RSS MB per loaded doc': rss.toFixed(1),
  });
  for (const d of docs) d.destroy();
}
console.table(rows);
