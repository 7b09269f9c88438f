/**
 * Issue 12 item 10 in the exports: bidi overrides, NUL, zero-width characters and
 * characters the PDF font cannot show never reach a printed page as mojibake — they
 * are removed, or (outside Windows-1252, in the PDF) replaced by a visible "?"; the
 * Word file stays valid XML.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import runExport from '../../server/export/exportTask';
import { printable, winAnsi } from '../../server/export/printable';
import { bigSop } from '../helpers/bigSop';

const HOSTILE = 'Arsip\u0000 \u202Ekiri\u202C\u200B ke kanan — عربى 😀 café';

describe('printable text', () => {
  it('keeps Latin text and Windows-1252 punctuation, marks the rest visibly', () => {
    expect(winAnsi('café — “kutip” €5')).toBe('café — “kutip” €5');
    expect(winAnsi('عربى 😀')).toBe('???? ?');
  });

  it('cleans every string of the snapshot, differently for PDF and Word', () => {
    const s = bigSop({ steps: 2, actors: 2 });
    s.identity.name = HOSTILE;
    const first = s.steps[0];
    if (first) first.activity = HOSTILE;
    for (const kind of ['pdf', 'docx'] as const) {
      const out = printable(s, kind);
      for (const text of [out.identity.name, out.steps[0]?.activity ?? '']) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
        expect(text).not.toMatch(/[\u0000\u202E\u202C\u200B]/);
        expect(text).toContain('kiri ke kanan — ');
        expect(text).toContain(kind === 'pdf' ? '???? ?' : 'عربى 😀');
      }
    }
  });

  it('a Word file of such an SOP is valid XML with no control characters', async () => {
    const s = bigSop({ steps: 3, actors: 2 });
    s.identity.name = HOSTILE;
    const { body } = await runExport({ kind: 'docx', snapshot: s });
    const xml = strFromU8(unzipSync(body)['word/document.xml'] as Uint8Array);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(xml).not.toMatch(/[\u0000-\u0008\u202E]/);
    expect(xml).toContain('kiri ke kanan');
  });
});
