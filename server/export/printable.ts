/**
 * What reaches a printed page: every string of the SOP passed through `printSafe`
 * (no bidi overrides, controls, NUL or zero-width characters — a NUL would even make
 * the .docx XML invalid), and for the PDF also through {@link winAnsi}: the PDF's
 * built-in Helvetica covers Windows-1252 (Latin scripts, Indonesian included), so any
 * other character prints as a visible "?" instead of mojibake.
 */
import { printSafe } from '../../shared/model/text.js';
import type { SopSnapshot } from '../../shared/model/types.js';

/** Windows-1252's characters above U+00FF (the rest is U+0020–U+007E and U+00A0–U+00FF). */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ\u2018\u2019\u201C\u201D•–—˜™š›œžŸ'.split(''));

/** Characters outside Windows-1252 become "?" (one per code point). */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const ok =
      c === 0x0a ||
      c === 0x09 ||
      (c >= 0x20 && c <= 0x7e) ||
      (c >= 0xa0 && c <= 0xff) ||
      CP1252_EXTRA.has(ch);
    out += ok ? ch : '?';
  }
  return out;
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out as T;
  }
  return value;
}

/** The snapshot as the given output can print it. */
export function printable(snapshot: SopSnapshot, kind: 'pdf' | 'docx' | 'forms'): SopSnapshot {
  return mapStrings(snapshot, kind === 'docx' ? printSafe : (s) => winAnsi(printSafe(s)));
}
