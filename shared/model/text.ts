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

/**
 * Bidirectional formatting controls: embeddings and overrides (U+202A–U+202E) and
 * isolates (U+2066–U+2069). One U+202E (right-to-left override) pasted into a cell
 * shows the rest of it reversed ("Trojan source"); none is needed for Arabic or Hebrew
 * text, whose direction comes from its letters.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` as it may be displayed anywhere (editor views, flowchart, exports): bidi
 * embedding/override/isolate controls removed, so text reads in its natural order.
 * Everything else is kept (right-to-left letters still display right to left).
 */
export function displaySafe(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Characters a printed page (PDF) or a Word file cannot carry or would show as a box
 * or mojibake: C0/C1 controls except tab and line feed (NUL among them; XML 1.0 forbids
 * most of them, so a .docx holding one is corrupt), zero-width and other invisible
 * format characters (U+200B–U+200F, U+2060–U+2064, U+FEFF, U+061C, U+180E), the soft
 * hyphen, noncharacters U+FFFE/U+FFFF and unpaired surrogates.
 */
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2060-\u2064\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` for the PDF and Word exports: {@link displaySafe}, then CR LF / CR become LF and
 * the characters in {@link UNPRINTABLE} are removed (an unpaired surrogate becomes
 * U+FFFD, visibly). Idempotent.
 */
export function printSafe(text: string): string {
  return displaySafe(text)
    .replace(/\r\n?/g, '\n')
    .replace(UNPRINTABLE, (c) =>
      c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : '',
    );
}
