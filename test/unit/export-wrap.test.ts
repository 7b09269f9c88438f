/**
 * Issue 12 item 3: text wrapping is linear in the text length. A long unbroken word is
 * broken into lines that each fit, every character survives (or the cut is marked with
 * an ellipsis at MAX_CELL_CHARS), the number of character measurements is bounded by the
 * text length, and normal text wraps exactly as the original (quadratic) algorithm did.
 */
import { describe, expect, it } from 'vitest';
import {
  type CharMeasure,
  charUnits,
  clampText,
  ELLIPSIS,
  MAX_CELL_CHARS,
  textWidth,
  wrapText,
} from '../../shared/flowchart/textMetrics';

/** The wrapping algorithm before issue 12, kept as the reference for normal input. */
function referenceWrap(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
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
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function counting(): { measure: CharMeasure; calls: () => number } {
  let n = 0;
  return {
    measure: (c, b) => {
      n++;
      return charUnits(c, b);
    },
    calls: () => n,
  };
}

/** Small seeded PRNG (mulberry32) so failures are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WIDTH = 150 - 7; // the Kegiatan column minus padding
const SIZE = 7.5;

describe('wrapText on a long unbroken word (issue 12 item 3)', () => {
  for (const n of [6_000, 100_000]) {
    it(`wraps a ${n.toLocaleString('en')}-character word with O(n) measurements`, () => {
      const word = Array.from({ length: n }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]).join(
        '',
      );
      const m = counting();
      const lines = wrapText(word, WIDTH, SIZE, false, { measure: m.measure });
      for (const line of lines) expect(textWidth(line, SIZE)).toBeLessThanOrEqual(WIDTH);
      const joined = lines.join('');
      if (n <= MAX_CELL_CHARS) {
        expect(joined).toBe(word);
      } else {
        // Cut visibly: the first MAX_CELL_CHARS - 1 characters, then the ellipsis.
        expect(joined).toBe(word.slice(0, MAX_CELL_CHARS - 1) + ELLIPSIS);
      }
      // One measurement per laid-out character plus the space: linear, not quadratic.
      expect(m.calls()).toBeLessThanOrEqual(Math.min(n, MAX_CELL_CHARS) + 1);
    });
  }

  it('measures a 100,000-character text of words linearly too', () => {
    const text = 'kata '.repeat(20_000);
    const m = counting();
    const lines = wrapText(text, WIDTH, SIZE, true, { measure: m.measure, maxChars: 200_000 });
    expect(lines.join(' ').split(' ').length).toBe(20_000);
    expect(m.calls()).toBeLessThanOrEqual(text.length + 1);
  });

  it('keeps astral characters whole when breaking a word', () => {
    const word = '😀'.repeat(500);
    const lines = wrapText(word, 40, SIZE);
    expect(lines.join('')).toBe(word);
    // No line starts or ends inside a surrogate pair.
    for (const line of lines) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(line)).toBe(false);
  });
});

describe('clampText', () => {
  it('leaves short text alone and ends cut text with an ellipsis', () => {
    expect(clampText('abc', 5)).toBe('abc');
    expect(clampText('abcde', 5)).toBe('abcde');
    expect(clampText('abcdef', 5)).toBe(`abcd${ELLIPSIS}`);
    expect(Array.from(clampText('😀'.repeat(10), 5))).toHaveLength(5);
  });
});

describe('wrapText matches the original algorithm on normal input', () => {
  it('gives identical lines for 2,000 random texts', () => {
    const rand = rng(12);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:-()/éñ';
    for (let k = 0; k < 2000; k++) {
      const words = Array.from({ length: Math.floor(rand() * 40) }, () => {
        const len = 1 + Math.floor(rand() * (rand() < 0.1 ? 60 : 12));
        return Array.from(
          { length: len },
          () => alphabet[Math.floor(rand() * alphabet.length)],
        ).join('');
      });
      const seps = [' ', ' ', ' ', '  ', '\n', '\r\n', '\t'];
      const text = words
        .map((w, i) => (i ? seps[Math.floor(rand() * seps.length)] : '') + w)
        .join('');
      const width = 4 + rand() * 200;
      const bold = rand() < 0.3;
      expect(wrapText(text, width, SIZE, bold), `seed 12 case ${k}`).toEqual(
        referenceWrap(text, width, SIZE, bold),
      );
    }
  });
});
