import type * as Y from 'yjs';

/**
 * Make `ytext` read `value` with a minimal edit (common prefix/suffix kept).
 * Why: a controlled input hands us the whole new string; replacing the whole
 * Y.Text would erase what a collaborator typed concurrently in the same cell.
 * Must be called inside a transaction by the caller when grouping matters.
 */
export function setTextMinimal(ytext: Y.Text, value: string): void {
  const old = ytext.toString();
  if (old === value) return;
  let start = 0;
  const max = Math.min(old.length, value.length);
  while (start < max && old.charCodeAt(start) === value.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = value.length;
  while (
    endOld > start &&
    endNew > start &&
    old.charCodeAt(endOld - 1) === value.charCodeAt(endNew - 1)
  ) {
    endOld--;
    endNew--;
  }
  // do not split a surrogate pair
  if (start > 0 && isHighSurrogate(old.charCodeAt(start - 1))) start--;
  if (endOld < old.length && isLowSurrogate(old.charCodeAt(endOld))) {
    endOld++;
    endNew++;
  }
  if (endOld > start) ytext.delete(start, endOld - start);
  if (endNew > start) ytext.insert(start, value.slice(start, endNew));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
