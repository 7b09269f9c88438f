/** In-memory network of replicas for the convergence simulation (not a test file itself). */
import * as Y from 'yjs';
import { ModelError, Origin, SopDoc } from '../../shared/model/index.js';
import { randomOp, rng } from './model-fuzzOps.js';

interface Replica {
  doc: Y.Doc;
  sop: SopDoc;
  online: boolean;
}

export interface FuzzResult {
  replicas: Replica[];
  created: Set<string>;
  deleted: Set<string>;
}

export function syncPair(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), Origin.remote);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), Origin.remote);
}

/**
 * Network model: one FIFO queue per directed link (like a socket), links
 * interleaved at random; a dropped message breaks its link until a later
 * resync (state-vector exchange, as a provider does on reconnect); replicas go
 * offline (nothing sent or received) and resync with everyone on reconnect.
 */
export function runFuzz(seed: number, ops: number, n = 4): FuzzResult {
  const rand = rng(seed);
  const created = new Set<string>();
  const deleted = new Set<string>();
  const links = new Map<string, Uint8Array[]>();
  const broken = new Set<string>();
  const replicas: Replica[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    doc.clientID = seed * 10 + i + 1;
    const sop = new SopDoc(doc, { random: rng(seed * 7919 + i) });
    const r: Replica = { doc, sop, online: true };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === Origin.remote || !r.online) return;
      for (let j = 0; j < n; j++) {
        const key = `${i}>${j}`;
        if (j === i || broken.has(key)) continue;
        links.set(key, [...(links.get(key) ?? []), update]);
      }
    });
    replicas.push(r);
  }
  const at = (i: number) => replicas[i] as Replica;
  const resync = (key: string) => {
    const [i, j] = key.split('>').map(Number) as [number, number];
    if (!at(i).online || !at(j).online) return;
    broken.delete(key);
    broken.delete(`${j}>${i}`);
    syncPair(at(i).doc, at(j).doc);
  };
  const deliver = () => {
    const busy = [...links.entries()].filter(([, q]) => q.length > 0);
    const pickd = busy[Math.floor(rand() * busy.length)];
    if (!pickd) return;
    const [key, queue] = pickd;
    const update = queue.shift() as Uint8Array;
    const to = at(Number(key.split('>')[1]));
    if (!to.online) return;
    if (rand() < 0.01) {
      // lost: the link is out of sync until a resync
      broken.add(key);
      links.set(key, []);
      return;
    }
    Y.applyUpdate(to.doc, update, Origin.remote);
  };
  for (let step = 0; step < ops; step++) {
    const ri = Math.floor(rand() * n);
    const r = at(ri);
    if (rand() < 0.02) {
      r.online = !r.online;
      if (!r.online) {
        for (const k of links.keys()) {
          if (k.startsWith(`${ri}>`) || k.endsWith(`>${ri}`)) links.set(k, []);
        }
      } else {
        for (let j = 0; j < n; j++) if (j !== ri) resync(`${ri}>${j}`);
      }
      continue;
    }
    try {
      randomOp(r.sop, rand, { created, deleted });
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
    }
    const deliveries = Math.floor(rand() * 5);
    for (let d = 0; d < deliveries; d++) deliver();
    if (broken.size > 0 && rand() < 0.05) resync([...broken][0] as string);
  }
  for (const r of replicas) r.online = true;
  for (let guard = 0; guard < 100_000 && [...links.values()].some((q) => q.length); guard++)
    deliver();
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) syncPair(at(i).doc, at(j).doc);
  }
  return { replicas, created, deleted };
}
