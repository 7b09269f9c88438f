/**
 * Rule (issue 12 §10): text is shown in its natural order and printed without
 * mojibake. `displaySafe` removes bidi embedding/override/isolate controls (a U+202E
 * would show the rest of a cell reversed); `printSafe` (PDF, Word) also removes NUL and
 * other controls, zero-width and invisible format characters, and marks unpaired
 * surrogates visibly.
 */
import { describe, expect, it } from 'vitest';
import { displaySafe, printSafe } from '../../shared/model/index.js';

describe('displaySafe / printSafe', () => {
  it('removes every bidi embedding, override and isolate, keeps right-to-left letters', () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    const s = `Arsip ${controls.map((c) => String.fromCharCode(c)).join('')}vital \u0627\u0644\u0623\u0631\u0634\u064a\u0641`;
    expect(displaySafe(s)).toBe('Arsip vital \u0627\u0644\u0623\u0631\u0634\u064a\u0641');
    expect(displaySafe('\u202Eevitca')).toBe('evitca');
  });

  it('prints no NUL, control, zero-width or invisible characters; keeps tabs, newlines and emoji', () => {
    const s = 'a\u0000b\u0007c\u200Bd\u200De\uFEFFf\u2060g\u00ADh\r\ni\rj\tk\u{1F600}\u202E!';
    expect(printSafe(s)).toBe('abcdefgh\ni\nj\tk\u{1F600}!');
    expect(printSafe(printSafe(s))).toBe(printSafe(s));
  });

  it('marks an unpaired surrogate instead of printing garbage', () => {
    expect(printSafe('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
  });
});
