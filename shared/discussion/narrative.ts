/**
 * Narrative span anchors: Yjs relative positions into a content doc's
 * `narrative.<section>` Y.XmlFragment, stored base64-encoded on the thread.
 *
 * Offsets here are "flat text offsets": characters of the fragment's Y.XmlText
 * nodes in document order, without separators between blocks. The editor
 * converts to ProseMirror positions with y-tiptap (see
 * `client/src/discussion/narrativeHighlight.ts`); these helpers serve tests,
 * quotes and anchor creation outside ProseMirror.
 */

import * as Y from 'yjs';
import type { NarrativeAnchor } from './types';
import { base64ToBytes, bytesToBase64 } from './util';

/** Encodes a relative position for storage on a thread. */
export function encodeRelPos(rp: Y.RelativePosition): string {
  return bytesToBase64(Y.encodeRelativePosition(rp));
}

/** Decodes a stored relative position; null when the string is not one. */
export function decodeRelPos(s: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(base64ToBytes(s));
  } catch {
    return null;
  }
}

interface TextRun {
  node: Y.XmlText;
  offset: number;
  text: string;
}

function plainText(t: Y.XmlText): string {
  let out = '';
  for (const op of t.toDelta() as Array<{ insert?: unknown }>) {
    out += typeof op.insert === 'string' ? op.insert : '\uFFFC';
  }
  return out;
}

/** The fragment's text nodes in document order with their flat offsets. */
function textRuns(fragment: Y.XmlFragment): TextRun[] {
  const runs: TextRun[] = [];
  let offset = 0;
  const walk = (el: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) {
        const text = plainText(child);
        runs.push({ node: child, offset, text });
        offset += text.length;
      } else if (child instanceof Y.XmlElement) {
        walk(child);
      }
    }
  };
  walk(fragment);
  return runs;
}

/** Plain text of the whole fragment, as flat offsets count it. */
export function fragmentPlainText(fragment: Y.XmlFragment): string {
  return textRuns(fragment)
    .map((r) => r.text)
    .join('');
}

/**
 * Builds a narrative anchor for flat offsets [start, end) of `fragment`.
 * The start sticks to the first character of the span and the end to the
 * last one (assoc -1), so text typed just before or just after the span
 * stays outside it, and text typed inside it extends it.
 */
export function narrativeAnchorFromOffsets(
  fragment: Y.XmlFragment,
  section: string,
  start: number,
  end: number,
): NarrativeAnchor {
  const runs = textRuns(fragment);
  const startRun = runs.find((r) => start >= r.offset && start < r.offset + r.text.length);
  const endRun = runs.find((r) => end > r.offset && end <= r.offset + r.text.length);
  if (!startRun || !endRun || end <= start) {
    throw new RangeError(`no text span [${start}, ${end}) in narrative section ${section}`);
  }
  const rs = Y.createRelativePositionFromTypeIndex(startRun.node, start - startRun.offset, 0);
  const re = Y.createRelativePositionFromTypeIndex(endRun.node, end - endRun.offset, -1);
  const quote = runs
    .map((r) => r.text)
    .join('')
    .slice(start, end);
  return { kind: 'narrative', section, start: encodeRelPos(rs), end: encodeRelPos(re), quote };
}

/** A narrative anchor located in the current content. */
export interface ResolvedSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Resolves a narrative anchor to flat offsets in `fragment`; null when the
 * span's text is gone (both ends collapsed onto each other or deleted).
 */
export function resolveNarrativeSpan(
  anchor: NarrativeAnchor,
  fragment: Y.XmlFragment,
): ResolvedSpan | null {
  const doc = fragment.doc;
  const rs = decodeRelPos(anchor.start);
  const re = decodeRelPos(anchor.end);
  if (!doc || !rs || !re) return null;
  const as = Y.createAbsolutePositionFromRelativePosition(rs, doc);
  const ae = Y.createAbsolutePositionFromRelativePosition(re, doc);
  if (!as || !ae) return null;
  const runs = textRuns(fragment);
  const rStart = runs.find((r) => r.node === as.type);
  const rEnd = runs.find((r) => r.node === ae.type);
  if (!rStart || !rEnd) return null;
  const start = rStart.offset + as.index;
  const end = rEnd.offset + ae.index;
  if (end <= start) return null;
  const text = runs
    .map((r) => r.text)
    .join('')
    .slice(start, end);
  return { start, end, text };
}

/**
 * Replaces flat offsets [start, end) of `fragment` with `text` (suggestions, issue 16):
 * the span's characters are deleted from every text node they cover and `text` is
 * inserted where the span began, taking the formatting of the text before it. Block
 * structure is kept: a span over two paragraphs leaves both, the second one shortened.
 * Call inside a transaction.
 */
export function replaceFlatRange(
  fragment: Y.XmlFragment,
  start: number,
  end: number,
  text: string,
): void {
  const runs = textRuns(fragment);
  const first = runs.find((r) => start >= r.offset && start < r.offset + r.text.length);
  if (!first || end <= start) throw new RangeError(`no text span [${start}, ${end})`);
  for (const r of runs) {
    const a = Math.max(start, r.offset);
    const b = Math.min(end, r.offset + r.text.length);
    if (b > a) r.node.delete(a - r.offset, b - a);
  }
  if (text) first.node.insert(start - first.offset, text);
}
