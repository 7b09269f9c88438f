/**
 * How a letterhead (kop) prints, the same on the print view, the PDF and Word: centred
 * lines, the agency lines bold (the agency's own the largest), the rest (address,
 * contacts) regular and smaller, a thick and a thin rule under them.
 */

import type { Letterhead } from '../model/official';
import { printSafe } from '../model/text';

/** One letterhead line as printed. */
export interface KopLine {
  text: string;
  bold: boolean;
  /** Font size, points. */
  size: number;
  /** The line naming the agency (printed largest). */
  agency: boolean;
}

/**
 * Letterhead lines as printed: the lines down to the one naming the agency are the
 * agency lines (government, agency), the rest regular and smaller. When no line names
 * the agency, capitalised lines are taken as the agency lines and the second of them
 * as the agency's. No lines but an agency name: the name alone.
 */
export function kopLines(letterhead: Pick<Letterhead, 'agencyName' | 'lines'> | null): KopLine[] {
  if (!letterhead) return [];
  const name = printSafe(letterhead.agencyName).trim();
  const lines = letterhead.lines.map((l) => printSafe(l).trim()).filter(Boolean);
  if (lines.length === 0)
    return name ? [{ text: name.toUpperCase(), bold: true, size: 12.5, agency: true }] : [];
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  const agencyAt = name ? lines.findIndex((l) => key(l) === key(name)) : -1;
  const upper = lines.map((t) => /\p{L}/u.test(t) && t === t.toUpperCase());
  const boldCount = upper.filter(Boolean).length;
  return lines.map((text, i) => {
    const bold = agencyAt >= 0 ? i <= agencyAt : upper[i]!;
    const agency = agencyAt >= 0 ? i === agencyAt : bold && (boldCount === 1 || i === 1);
    return { text, bold, size: agency ? 12.5 : bold ? 11 : 8, agency };
  });
}
