/**
 * Text measurement and wrapping without a DOM, so the client (SVG), the
 * server (PDF) and tests compute the same line breaks. Widths are the
 * Helvetica / Helvetica-Bold AFM advance widths (per 1000 em) of ASCII 32..126,
 * the fonts pdfkit embeds as standard fonts; Arial has identical metrics, so the
 * browser renders within a hair of the PDF.
 */

const REGULAR =
  '278,278,355,556,556,889,667,222,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,222,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584';
const BOLD =
  '278,333,474,556,556,889,722,278,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,278,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584';

const regularWidths = REGULAR.split(',').map(Number);
const boldWidths = BOLD.split(',').map(Number);

/**
 * Most characters laid out per text cell. Longer text is cut and ends in
 * {@link ELLIPSIS}, so the truncation is visible; wrapping stays linear either
 * way, the cap only bounds the size of what is drawn (one step's text runs to
 * hundreds of lines long before this).
 */
export const MAX_CELL_CHARS = 10_000;
/** Marks text cut at {@link MAX_CELL_CHARS}. */
export const ELLIPSIS = '…';

/** Advance width of one code point in 1/1000 em. */
export type CharMeasure = (codePoint: number, bold: boolean) => number;

/** Helvetica advance width of a code point (non-ASCII counts as an average glyph). */
export const charUnits: CharMeasure = (code, bold) =>
  code >= 32 && code <= 126 ? ((bold ? boldWidths : regularWidths)[code - 32] ?? 556) : 556;

/** Width of `text` in points at `fontSize` (non-ASCII characters count as an average glyph). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charUnits(ch.codePointAt(0) ?? 32, bold);
  return (units * fontSize) / 1000;
}

/**
 * `text` cut to at most `max` characters (code points), the last of them an
 * ellipsis when anything was cut; unchanged when it is short enough.
 */
export function clampText(text: string, max = MAX_CELL_CHARS): string {
  if (text.length <= max) return text;
  let end = 0;
  let count = 0;
  while (end < text.length && count < max - 1) {
    end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    count++;
  }
  return end >= text.length ? text : `${text.slice(0, end)}${ELLIPSIS}`;
}

export interface WrapOptions {
  /** Per-character measure (default {@link charUnits}); tests pass a counting one. */
  measure?: CharMeasure;
  /** Cap on characters laid out (default {@link MAX_CELL_CHARS}); see {@link clampText}. */
  maxChars?: number;
}

/**
 * Greedy word wrap into lines no wider than `maxWidth`. Explicit newlines are
 * kept; a single word longer than the width is broken by characters so no
 * line ever overflows its cell.
 *
 * Linear in the text length: each character is measured once and widths are
 * kept as running sums of integer font units (a line's width is the sum of its
 * characters', so `(units * fontSize) / 1000` compares exactly as measuring the
 * joined string would). A word wider than the line is cut at the longest prefix
 * that fits, by a single forward scan.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  bold = false,
  options: WrapOptions = {},
): string[] {
  const measure = options.measure ?? charUnits;
  const fits = (units: number) => (units * fontSize) / 1000 <= maxWidth;
  const space = measure(32, bold);
  const lines: string[] = [];
  for (const paragraph of clampText(text, options.maxChars).split(/\r?\n/)) {
    const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
    let line = '';
    let lineUnits = 0;
    for (const word of words) {
      const widths: number[] = [];
      let wordUnits = 0;
      for (const ch of word) {
        const u = measure(ch.codePointAt(0) ?? 32, bold);
        widths.push(u);
        wordUnits += u;
      }
      const candidate = line ? lineUnits + space + wordUnits : wordUnits;
      if (fits(candidate)) {
        line = line ? `${line} ${word}` : word;
        lineUnits = candidate;
        continue;
      }
      if (line) lines.push(line);
      // Break the word into the longest prefixes that fit (at least one character each).
      const chars = widths.length === word.length ? null : Array.from(word);
      const piece = (from: number, to: number) =>
        chars ? chars.slice(from, to).join('') : word.slice(from, to);
      let start = 0;
      let restUnits = wordUnits;
      while (!fits(restUnits) && widths.length - start > 1) {
        let end = start;
        let units = 0;
        while (end < widths.length && fits(units + widths[end]!)) units += widths[end++]!;
        if (end === start) units = widths[end++]!;
        lines.push(piece(start, end));
        restUnits -= units;
        start = end;
      }
      line = piece(start, widths.length);
      lineUnits = restUnits;
    }
    lines.push(line);
  }
  // Drop trailing empty lines but keep one line for empty text so rows have a height.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * At most `maxLines` lines; when there were more, the last one kept ends in an
 * ellipsis (shortened until it fits `maxWidth` with it), so the cut shows.
 */
export function limitLines(
  lines: string[],
  maxLines: number,
  maxWidth: number,
  fontSize: number,
  bold = false,
): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  const chars = Array.from(kept[kept.length - 1] ?? '');
  const room = maxWidth - textWidth(ELLIPSIS, fontSize, bold);
  let width = textWidth(chars.join(''), fontSize, bold);
  while (chars.length > 0 && width > room) width -= textWidth(chars.pop() ?? '', fontSize, bold);
  kept[kept.length - 1] = `${chars.join('').trimEnd()}${ELLIPSIS}`;
  return kept;
}
