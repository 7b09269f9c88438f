/**
 * Text handed to pdfkit's own line wrapper (identity page, forms) made safe to
 * wrap: capped at MAX_CELL_CHARS (cut visibly with an ellipsis), and every word
 * wider than a few lines of the box pre-broken into pieces that fit, one per line.
 *
 * pdfkit breaks an over-wide word by re-measuring the whole rest of the word
 * after every line, which is quadratic: a 99,000-character word pinned a core
 * for minutes. Pre-broken pieces never take that path. Other text (all normal
 * text) is returned unchanged, so its layout is pdfkit's as before.
 */

import {
  type CharMeasure,
  charUnits,
  clampText,
  wrapText,
} from '../../shared/flowchart/textMetrics';

/** Widest Helvetica glyph (1/1000 em): a word shorter than (room / this) never needs measuring. */
const WIDEST = 1015;
/**
 * Words up to this many box widths are left to pdfkit (its quadratic cost is nil
 * there, and label words slightly wider than a narrow column keep pdfkit's break).
 */
const LEAVE = 3;
/** Pieces are cut this much narrower than the box, for pdfkit's kerning and own rounding. */
const FIT = 0.9;
/**
 * Our metrics know ASCII only; WinAnsi letters beyond it are up to 1000 wide in
 * Helvetica, so they are counted as such here (a piece may end up a bit short).
 */
export const pdfUnits: CharMeasure = (code, bold) =>
  code >= 32 && code <= 126 ? charUnits(code, bold) : 1000;

/** `text` capped and with very wide words pre-broken for a box `width` points wide. */
export function pdfText(text: string, width: number, fontSize: number, bold = false): string {
  const room = Math.max(1, width);
  const cheap = (LEAVE * room * 1000) / (WIDEST * fontSize);
  const units = (word: string) => {
    let u = 0;
    for (const ch of word) u += pdfUnits(ch.codePointAt(0) ?? 32, bold);
    return (u * fontSize) / 1000;
  };
  return clampText(text).replace(/\S+/g, (word) =>
    word.length <= cheap || units(word) <= LEAVE * room
      ? word
      : wrapText(word, room * FIT, fontSize, bold, { measure: pdfUnits }).join('\n'),
  );
}

/**
 * `text` wrapped into lines no wider than `width` in pdfkit's Helvetica at `fontSize`
 * (capped at MAX_CELL_CHARS, cut visibly), for text drawn line by line: such a cell
 * can grow, or continue on the next page, a line at a time.
 */
export function pdfLines(text: string, width: number, fontSize: number, bold = false): string[] {
  return wrapText(text, Math.max(1, width), fontSize, bold, { measure: pdfUnits });
}
