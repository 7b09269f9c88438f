/**
 * The building blocks of the structural diff (diff.ts): a word-level text diff (jsdiff's
 * `diffWordsWithSpace`, so the parts always rebuild both texts exactly), an item-level
 * list diff, and which ids of a reorderable collection moved.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';

/** One run of a diff: kept (`eq`), inserted (`ins`) or deleted (`del`). */
export interface DiffPart {
  op: 'eq' | 'ins' | 'del';
  text: string;
}

/**
 * Past this many edits the diff gives up and reports "all of it replaced": a pasted
 * page against another costs O(N·D) otherwise, and a reader gains nothing from it.
 */
const MAX_EDIT_LENGTH = 2000;

function replaced(a: string, b: string): DiffPart[] {
  const out: DiffPart[] = [];
  if (a) out.push({ op: 'del', text: a });
  if (b) out.push({ op: 'ins', text: b });
  return out;
}

/**
 * Word-level diff of two texts: each word, punctuation mark, newline and run of spaces
 * is a token. Joining the `eq` and `del` parts gives `a`; the `eq` and `ins` parts, `b`.
 */
export function wordDiff(a: string, b: string): DiffPart[] {
  if (a === b) return a ? [{ op: 'eq', text: a }] : [];
  if (!a || !b) return replaced(a, b);
  const changes = diffWordsWithSpace(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return replaced(a, b);
  return changes
    .filter((c) => c.value !== '')
    .map((c) => ({ op: c.added ? 'ins' : c.removed ? 'del' : 'eq', text: c.value }));
}

/** The text on one side of a diff: `from` (eq + del) or `to` (eq + ins). */
export function sideOf(parts: readonly DiffPart[], side: 'from' | 'to'): string {
  const skip = side === 'from' ? 'ins' : 'del';
  return parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join('');
}

/** Item-level diff of two lists of strings (each part is one item). */
export function listDiff(a: readonly string[], b: readonly string[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const c of diffArrays([...a], [...b])) {
    const op = c.added ? 'ins' : c.removed ? 'del' : 'eq';
    for (const text of c.value) out.push({ op, text });
  }
  return out;
}

/**
 * The ids present in both orders that moved: those outside one longest common
 * subsequence of the two orders (restricted to the common ids). Moving one row from
 * position 2 to 9 is then one move, not seven rows shifted up. The common ids are a
 * permutation of each other, so the LCS is a longest increasing subsequence of their
 * old positions taken in the new order: O(n log n).
 */
export function movedIds(from: readonly string[], to: readonly string[]): Set<string> {
  const oldIndex = new Map(from.map((id, i) => [id, i]));
  const common = to.filter((id) => oldIndex.has(id));
  const seq = common.map((id) => oldIndex.get(id) as number);
  // tails[k]: index in `seq` of the smallest tail of an increasing run of length k+1
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const kept = new Set<string>();
  for (let i = tails.length ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] ?? -1)
    kept.add(common[i] as string);
  return new Set(common.filter((id) => !kept.has(id)));
}

/** For each id of `ids`, the id before it in `order` (null: first). */
export function anchorsIn(
  order: readonly string[],
  ids: Iterable<string>,
): Record<string, string | null> {
  const pos = new Map(order.map((id, i) => [id, i]));
  const out: Record<string, string | null> = {};
  for (const id of ids) {
    const i = pos.get(id);
    if (i === undefined) continue;
    out[id] = i > 0 ? (order[i - 1] as string) : null;
  }
  return out;
}
