/** One edit turning `oldValue` into `newValue`: delete `remove` chars at `index`, then insert `insert`. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * Minimal single-range edit from `oldValue` to `newValue`, using the caret
 * position after the edit as a hint: typing "a" into "aa" at the start is an
 * insert at 0, not at 2 (a plain prefix/suffix diff would guess wrong and
 * move a collaborator's concurrent insert to the wrong side).
 */
export function diffText(
  oldValue: string,
  newValue: string,
  caret?: number | null,
): TextEdit | null {
  if (oldValue === newValue) return null;
  const delta = newValue.length - oldValue.length;
  if (caret != null && caret >= 0 && caret <= newValue.length) {
    if (delta > 0) {
      const start = caret - delta;
      if (
        start >= 0 &&
        oldValue.slice(0, start) === newValue.slice(0, start) &&
        oldValue.slice(start) === newValue.slice(caret)
      ) {
        return { index: start, remove: 0, insert: newValue.slice(start, caret) };
      }
    } else if (delta < 0) {
      if (
        oldValue.slice(0, caret) === newValue.slice(0, caret) &&
        oldValue.slice(caret - delta) === newValue.slice(caret)
      ) {
        return { index: caret, remove: -delta, insert: '' };
      }
    }
  }
  let start = 0;
  const max = Math.min(oldValue.length, newValue.length);
  while (start < max && oldValue.charCodeAt(start) === newValue.charCodeAt(start)) start++;
  let endOld = oldValue.length;
  let endNew = newValue.length;
  while (
    endOld > start &&
    endNew > start &&
    oldValue.charCodeAt(endOld - 1) === newValue.charCodeAt(endNew - 1)
  ) {
    endOld--;
    endNew--;
  }
  return { index: start, remove: endOld - start, insert: newValue.slice(start, endNew) };
}

/** A Yjs-style delta op (as in `YTextEvent.delta`). */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/**
 * Where a caret at `pos` ends up after a remote `delta`: inserts before it push
 * it right, deletes before it pull it left. An insert exactly at the caret does
 * not move it, so the local user's next keystrokes stay together instead of
 * interleaving with a collaborator typing at the same spot.
 */
export function transformPosition(pos: number, delta: readonly DeltaOp[]): number {
  let oldIndex = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldIndex >= pos) break;
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, pos - oldIndex);
      oldIndex += op.delete;
    }
  }
  return Math.max(0, pos + shift);
}
