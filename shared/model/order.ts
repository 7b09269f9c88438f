/**
 * Order keys and ids for concurrently reorderable collections (steps, actors,
 * list-box items, narrative sections).
 *
 * Why not Y.Array positions: a move is delete+insert, and two users moving the
 * same row at once would each re-insert it (a duplicate). Instead every entry
 * lives in a Y.Map under a stable id and carries an `order` string; a move just
 * overwrites `order` (last writer wins → still one row).
 *
 * Why jitter: `generateKeyBetween` is deterministic, so two replicas inserting
 * at the same place would pick the same key. A random suffix makes equal keys
 * practically impossible; sorting by `(order, id)` keeps even that case
 * deterministic, and `placeKey` re-keys a colliding run when someone inserts
 * into it.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** Source of randomness in [0, 1). Injectable so tests are seeded. */
export type Random = () => number;

export const defaultRandom: Random = () => {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return (buf[0] ?? 0) / 2 ** 32;
};

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new stable id, e.g. `s_k3j9x0a2m1qz`. */
export function newId(prefix: string, random: Random): string {
  let s = `${prefix}_`;
  for (let i = 0; i < 12; i++) s += B36[Math.floor(random() * 36)] ?? '0';
  return s;
}

function jitter(random: Random): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += B62[Math.floor(random() * 62)] ?? '1';
  // fractional-indexing rejects keys whose fraction ends in '0'
  return s.endsWith('0') ? `${s.slice(0, -1)}1` : s;
}

/** A key strictly between `a` and `b` (null = open end), with a random suffix. */
export function keyBetween(a: string | null, b: string | null, random: Random): string {
  let k = generateKeyBetween(a, b);
  for (let i = 0; i < 4; i++) {
    const candidate = k + jitter(random);
    if (b === null || candidate < b) return candidate;
    // `k` was a prefix of `b`; step closer to b and retry
    k = generateKeyBetween(k, b);
  }
  return k;
}

/** An entry of an ordered collection. */
export interface OrderedEntry {
  id: string;
  order: string;
}

/** Deterministic total order: by key, then by id (plain code-unit comparison). */
export function compareOrdered(x: OrderedEntry, y: OrderedEntry): number {
  if (x.order !== y.order) return x.order < y.order ? -1 : 1;
  if (x.id === y.id) return 0;
  return x.id < y.id ? -1 : 1;
}

/** `{after: id}` / `{before: id}`; `{after: null}` = first, `{before: null}` = last. */
export type Position = { after: string | null } | { before: string | null };

/** Index at which to insert into `sorted` (which must not contain the moving entry). */
export function indexForPosition(
  sorted: readonly OrderedEntry[],
  pos: Position,
): number | undefined {
  if ('after' in pos) {
    if (pos.after === null) return 0;
    const i = sorted.findIndex((e) => e.id === pos.after);
    return i < 0 ? undefined : i + 1;
  }
  if (pos.before === null) return sorted.length;
  const i = sorted.findIndex((e) => e.id === pos.before);
  return i < 0 ? undefined : i;
}

/**
 * The key for a new/moved entry at `index` of `sorted`, plus re-keys for
 * neighbours when they share one key (only after a collision).
 */
export function placeKey(
  sorted: readonly OrderedEntry[],
  index: number,
  random: Random,
): { key: string; rekeys: Array<{ id: string; order: string }> } {
  const prev = sorted[index - 1];
  const next = sorted[index];
  if (!prev || !next || prev.order < next.order) {
    return { key: keyBetween(prev?.order ?? null, next?.order ?? null, random), rekeys: [] };
  }
  // prev.order === next.order: spread the whole run of equal keys again.
  const same = prev.order;
  let start = index - 1;
  while (start > 0 && sorted[start - 1]?.order === same) start--;
  let end = index;
  while (end < sorted.length - 1 && sorted[end + 1]?.order === same) end++;
  const lo = sorted[start - 1]?.order ?? null;
  const hi = sorted[end + 1]?.order ?? null;
  const keys = generateNKeysBetween(lo, hi, end - start + 2);
  const rekeys: Array<{ id: string; order: string }> = [];
  let key = '';
  let k = 0;
  for (let i = start; i <= end + 1; i++) {
    const newKey = keys[k++] ?? '';
    if (i === index) key = newKey;
    const entry = sorted[i < index ? i : i - 1];
    if (i !== index && entry) rekeys.push({ id: entry.id, order: newKey });
  }
  return { key, rekeys };
}
