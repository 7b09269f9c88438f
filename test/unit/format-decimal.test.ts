/** Written-out number and time formats (client/src/lib/format.ts) against Intl. */
import { describe, expect, it } from 'vitest';
import { formatDecimal, formatTime } from '../../client/src/lib/format';

describe('formatDecimal', () => {
  it('writes Indonesian and English decimals and grouping', () => {
    expect(formatDecimal(12.5, 'id')).toBe('12,5');
    expect(formatDecimal(12.5, 'en')).toBe('12.5');
    expect(formatDecimal(1234.56, 'id')).toBe('1.234,6');
    expect(formatDecimal(1234.56, 'en')).toBe('1,234.6');
    expect(formatDecimal(3, 'id')).toBe('3');
  });

  it('agrees with Intl.NumberFormat (one decimal) over a spread of values', () => {
    const values = [0, 0.04, 0.05, 0.25, 0.95, 0.96, 1, 9.95, 99.99, 999.95, 1000, 12345.65];
    let seed = 20261130; // a fixed LCG: the same values every run
    for (let i = 0; i < 400; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      values.push((seed % 1e7) / 100);
    }
    for (const v of [...values, ...values.map((x) => -x)]) {
      for (const [lang, locale] of [
        ['id', 'id-ID'],
        ['en', 'en-GB'],
      ] as const) {
        const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
        expect(formatDecimal(v, lang), `${v} (${lang})`).toBe(intl === '-0' ? '0' : intl);
      }
    }
  });

  it("formatTime agrees with Intl's short time style at every minute of a day", () => {
    for (const [lang, locale] of [
      ['id', 'id-ID'],
      ['en', 'en-GB'],
    ] as const) {
      const f = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
      for (let m = 0; m < 24 * 60; m++) {
        const d = new Date(2026, 10, 30, Math.floor(m / 60), m % 60, 30);
        expect(formatTime(d, lang), `${m} (${lang})`).toBe(f.format(d));
      }
    }
  });
});
