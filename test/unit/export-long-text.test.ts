/**
 * Issue 12 item 3 through the renderers: an SOP with a 6,000- or 100,000-character word
 * (in a step, the SOP name and a pelaksana name) renders as PDF and Word with the work
 * linear in the text (pdfkit's measurements are counted, never timed), the procedure
 * cell showing the word's start and a visible ellipsis (a cell is capped at
 * MAX_ROW_LINES so its row fits a page), and Word carrying every character up to
 * MAX_CELL_CHARS, then an ellipsis.
 */
import { unzipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDocx } from '../../server/export/docx';
import { renderPdf } from '../../server/export/pdf';
import { pdfText } from '../../server/export/pdfText';
import { layoutProcedure } from '../../shared/flowchart/layout';
import { MAX_HEADER_LINES, MAX_ROW_LINES } from '../../shared/flowchart/table';
import {
  ELLIPSIS,
  limitLines,
  MAX_CELL_CHARS,
  textWidth,
} from '../../shared/flowchart/textMetrics';
import { bigSop } from '../helpers/bigSop';

const word = (n: number) =>
  Array.from({ length: n }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]).join('');

function longSop(n: number) {
  const s = bigSop({ steps: 8, actors: 3, longText: word(n) });
  s.identity.name = word(n);
  s.actors[1]!.name = word(n);
  return s;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each([6_000, 100_000])('a %i-character word', (n) => {
  const laidOut = Math.min(n, MAX_CELL_CHARS);

  it('is laid out in capped cells whose lines fit, ending in an ellipsis', () => {
    const layout = layoutProcedure(longSop(n));
    const row = layout.pages.flatMap((p) => p.rows).find((r) => r.index === 4)!;
    const cell = row.cells.find((c) => c.key === 'activity')!;
    expect(cell.lines).toHaveLength(MAX_ROW_LINES);
    const text = cell.lines.join('');
    expect(text.endsWith(ELLIPSIS)).toBe(true);
    expect(word(n).startsWith(text.slice(0, -1))).toBe(true);
    for (const line of cell.lines) expect(textWidth(line, 7.5)).toBeLessThanOrEqual(cell.w - 7);
    const header = layout.pages[0]!.header.find((h) => h.lines.join('').startsWith('abc'))!;
    expect(header.lines).toHaveLength(MAX_HEADER_LINES);
  });

  it('costs pdfkit a linear number of measured characters', async () => {
    let chars = 0;
    type Measure = (this: unknown, s: string, o?: object) => number;
    const proto = PDFDocument.prototype as unknown as { widthOfString: Measure };
    const measure = proto.widthOfString;
    vi.spyOn(proto, 'widthOfString').mockImplementation(function (this: unknown, s, o) {
      chars += s.length;
      return measure.call(this, s, o);
    });
    const pdf = await renderPdf(longSop(n), { parts: ['identity', 'procedure', 'forms'] });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Before issue 12 a 6,000-character word alone cost ~2.6 million (quadratic).
    expect(chars).toBeGreaterThan(laidOut); // the spy sees pdfkit's measuring
    expect(chars).toBeLessThanOrEqual(20 * laidOut);
  });

  it('reaches Word whole up to MAX_CELL_CHARS, then cut with an ellipsis', async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(longSop(n))));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    const expected = n <= MAX_CELL_CHARS ? word(n) : word(MAX_CELL_CHARS - 1) + ELLIPSIS;
    expect(xml).toContain(`>${expected}<`);
  });
});

describe('pdfText', () => {
  it('leaves words of up to a few lines to pdfkit', () => {
    for (const t of ['Paraf Penilai', "Assessor's initials", 'a b c', word(12)])
      expect(pdfText(t, 33, 8.5)).toBe(t);
  });

  it('pre-breaks a very long word into pieces that fit, keeping every character', () => {
    const broken = pdfText(word(5000), 100, 9).split('\n');
    expect(broken.join('')).toBe(word(5000));
    for (const piece of broken) expect(textWidth(piece, 9)).toBeLessThanOrEqual(100);
  });
});

describe('limitLines', () => {
  it('keeps short text and marks a cut with an ellipsis that fits', () => {
    expect(limitLines(['a', 'b'], 2, 50, 7.5)).toEqual(['a', 'b']);
    const cut = limitLines(['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'], 2, 38, 7.5);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith(ELLIPSIS)).toBe(true);
    expect(textWidth(cut[1]!, 7.5)).toBeLessThanOrEqual(38);
  });
});
