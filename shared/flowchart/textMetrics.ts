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

/** Width of `text` in points at `fontSize` (non-ASCII characters count as an average glyph). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? boldWidths : regularWidths;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 32;
    units += code >= 32 && code <= 126 ? (table[code - 32] ?? 556) : 556;
  }
  return (units * fontSize) / 1000;
}

/**
 * Greedy word wrap into lines no wider than `maxWidth`. Explicit newlines are
 * kept; a single word longer than the width is broken by characters so no
 * line ever overflows its cell.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, fontSize, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (textWidth(rest, fontSize, bold) > maxWidth && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), fontSize, bold) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  // Drop trailing empty lines but keep one line for empty text so rows have a height.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
