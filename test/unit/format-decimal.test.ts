/** The total time's hours (TotalTime): one decimal at most, in the UI language's style. */
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../client/src/lib/format';

describe('formatDecimal', () => {
  it('writes Indonesian and English decimals and grouping', () => {
    expect(formatDecimal(12.5, 'id')).toBe('12,5');
    expect(formatDecimal(12.5, 'en')).toBe('12.5');
    expect(formatDecimal(1234.56, 'id')).toBe('1.234,6');
    expect(formatDecimal(1234.56, 'en')).toBe('1,234.6');
    expect(formatDecimal(3, 'id')).toBe('3');
  });
});
