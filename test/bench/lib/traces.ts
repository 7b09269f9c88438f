/**
 * Editing traces turned into Yjs updates before any timing starts (scenario c), and the large
 * stored documents of scenario (d). Traces are read in place from the shared data directory.
 * The text is the SOP field `identity.agency` (lib/sopShape.ts), not a root of its own: Susun
 * refuses roots its SOP model does not read, and every server gets the same updates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { benchText } from './sopShape.js';

export const TRACES_DIR = path.resolve(
  import.meta.dirname,
  '../../../../shared/data/editing-traces',
);
export const AUTOMERGE_PAPER = path.join(TRACES_DIR, 'sequential_traces/automerge-paper.json.gz');
export const CONCURRENT_TRACES = ['friendsforever', 'clownschool'].map((n) => ({
  name: n,
  file: path.join(TRACES_DIR, `concurrent_traces/${n}.json.gz`),
}));

type Patch = [number, number, string];
interface SequentialTrace {
  endContent: string;
  txns: { patches: Patch[] }[];
}
interface ConcurrentTrace {
  endContent: string;
  numAgents: number;
  txns: { parents: number[]; agent: number; patches: Patch[] }[];
}

/** Updates in send order, each tagged with the author (client index) that sends it. */
export interface EncodedTrace {
  name: string;
  authors: number;
  updates: Uint8Array[];
  authorOf: Uint8Array;
  endContent: string;
  /** [clientID, clock] pairs of the final state: the observer is done when it has all of them. */
  finalSv: [number, number][];
  /**
   * Per update, `authors` clocks: what its author must have received from each author (client
   * id = index + 1) before sending it, as a live client would have. Empty for one author.
   */
  required: Uint32Array;
}

function readJsonGz<T>(file: string): T {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
}

function applyPatches(text: Y.Text, patches: readonly Patch[]): void {
  for (const [pos, del, ins] of patches) {
    if (del > 0) text.delete(pos, del);
    if (ins.length > 0) text.insert(pos, ins);
  }
}

function finalSv(doc: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()];
}

/** One update per transaction of a sequential trace; `limit` keeps only a prefix (quick mode). */
export function encodeSequential(
  file: string,
  limit = Number.POSITIVE_INFINITY,
): EncodedTrace & { state: Uint8Array } {
  const trace = readJsonGz<SequentialTrace>(file);
  const doc = new Y.Doc();
  doc.clientID = 1;
  const text = benchText(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const n = Math.min(limit, trace.txns.length);
  for (let i = 0; i < n; i++) doc.transact(() => applyPatches(text, trace.txns[i]?.patches ?? []));
  const endContent = text.toString();
  if (n === trace.txns.length && endContent !== trace.endContent)
    throw new Error('trace replay mismatch');
  return {
    name: path.basename(file, '.json.gz'),
    authors: 1,
    updates,
    authorOf: new Uint8Array(updates.length),
    endContent,
    finalSv: finalSv(doc),
    required: new Uint32Array(0),
    state: Y.encodeStateAsUpdate(doc),
  };
}

/**
 * A concurrent trace as its authors' own update streams. Each author is a Y.Doc (clientID =
 * agent + 1); before an author's transaction its doc is brought to exactly the merge of the
 * transaction's parents by applying the other authors' earlier updates. Since each author's
 * transactions are totally ordered, "which of author b's transactions are in the history" is a
 * prefix length, so a version vector per transaction (max over parents) is exact.
 */
export function encodeConcurrent(
  name: string,
  file: string,
  limit = Number.POSITIVE_INFINITY,
): EncodedTrace {
  const trace = readJsonGz<ConcurrentTrace>(file);
  const full = limit >= trace.txns.length;
  trace.txns = trace.txns.slice(0, limit);
  const agents = trace.numAgents;
  const docs = Array.from({ length: agents }, (_, a) => {
    const d = new Y.Doc();
    d.clientID = a + 1;
    return d;
  });
  const applied = docs.map(() => new Array<number>(agents).fill(0));
  const own: { seq: number; u: Uint8Array }[][] = docs.map(() => []);
  const versions: number[][] = [];
  const updates: Uint8Array[] = [];
  const authors: number[] = [];
  const required: number[] = [];
  for (const txn of trace.txns) {
    const a = txn.agent;
    const doc = docs[a] as Y.Doc;
    const target = new Array<number>(agents).fill(0);
    for (const p of txn.parents) {
      const v = versions[p] ?? [];
      for (let b = 0; b < agents; b++) target[b] = Math.max(target[b] ?? 0, v[b] ?? 0);
    }
    const mine = applied[a] as number[];
    // Apply the missing updates in their original order: out-of-order updates would sit in
    // Yjs's pending queue and be retried on every apply (quadratic).
    const missing: { seq: number; u: Uint8Array }[] = [];
    for (let b = 0; b < agents; b++) {
      if (b === a) continue;
      while ((mine[b] ?? 0) < (target[b] ?? 0)) {
        missing.push(own[b]?.[mine[b] ?? 0] as { seq: number; u: Uint8Array });
        mine[b] = (mine[b] ?? 0) + 1;
      }
    }
    missing.sort((x, y) => x.seq - y.seq);
    for (const m of missing) Y.applyUpdate(doc, m.u, 'merge');
    const needs = docs.map((_, b) => (b === a ? 0 : Y.getState(doc.store, b + 1)));
    let captured: Uint8Array | null = null;
    const onUpdate = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'merge') captured = captured ? Y.mergeUpdates([captured, u]) : u;
    };
    doc.on('update', onUpdate);
    doc.transact(() => applyPatches(benchText(doc), txn.patches));
    doc.off('update', onUpdate);
    target[a] = (target[a] ?? 0) + 1;
    versions.push(target);
    if (captured) {
      (own[a] as { seq: number; u: Uint8Array }[]).push({ seq: versions.length, u: captured });
      mine[a] = (mine[a] ?? 0) + 1;
      updates.push(captured);
      authors.push(a);
      required.push(...needs);
    } else {
      // No-op transaction (the last one may have no patches): keep the version vector in step.
      (own[a] as { seq: number; u: Uint8Array }[]).push({
        seq: versions.length,
        u: Y.encodeStateAsUpdate(new Y.Doc()),
      });
      mine[a] = (mine[a] ?? 0) + 1;
    }
  }
  const check = new Y.Doc();
  for (const u of updates) Y.applyUpdate(check, u);
  const endContent = benchText(check).toString();
  if (full && endContent !== trace.endContent)
    throw new Error(`${name}: replay does not reach endContent`);
  return {
    name,
    authors: agents,
    updates,
    authorOf: Uint8Array.from(authors),
    endContent,
    finalSv: finalSv(check),
    required: Uint32Array.from(required),
  };
}

/** Writes updates as [u32 count] then per update [u8 author][u32 length][bytes]. */
export function writeUpdatesFile(
  file: string,
  updates: readonly Uint8Array[],
  authorOf?: Uint8Array,
): void {
  const total = updates.reduce((s, u) => s + u.length + 5, 4);
  const buf = Buffer.alloc(total);
  let off = buf.writeUInt32LE(updates.length, 0);
  updates.forEach((u, i) => {
    off = buf.writeUInt8(authorOf?.[i] ?? 0, off);
    off = buf.writeUInt32LE(u.length, off);
    buf.set(u, off);
    off += u.length;
  });
  writeFileSync(file, buf);
}

export function readUpdatesFile(file: string): { updates: Uint8Array[]; authorOf: Uint8Array } {
  const buf = readFileSync(file);
  const count = buf.readUInt32LE(0);
  const updates: Uint8Array[] = [];
  const authorOf = new Uint8Array(count);
  let off = 4;
  for (let i = 0; i < count; i++) {
    authorOf[i] = buf.readUInt8(off);
    const len = buf.readUInt32LE(off + 1);
    updates.push(new Uint8Array(buf.buffer, buf.byteOffset + off + 5, len));
    off += 5 + len;
  }
  return { updates, authorOf };
}
