/**
 * Issue 14 — Indonesian dates in the client (`client/src/lib/dates.ts`): typed as
 * dd/mm/yyyy (or "30 Nov 2026", Indonesian or English month names), shown as
 * "30 November 2026" with month names in the UI language, stored as ISO; impossible
 * dates and ambiguous forms are refused; the calendar's arithmetic.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  formatFullDate,
  formatLongDate,
  formatTypedDate,
  monthGrid,
  monthNames,
  parseDateInput,
  weekdayNames,
} from '../../client/src/lib/dates';

describe('parsing typed dates', () => {
  it.each([
    ['30/11/2026', '2026-11-30'],
    ['3/2/2026', '2026-02-03'],
    ['03-02-2026', '2026-02-03'],
    ['03.02.2026', '2026-02-03'],
    [' 29/02/2028 ', '2028-02-29'],
    ['2026-11-30', '2026-11-30'],
    ['30 November 2026', '2026-11-30'],
    ['30 Nov 2026', '2026-11-30'],
    ['17 Agustus 1945', '1945-08-17'],
    ['17 agu 1945', '1945-08-17'],
    ['1 Mei 2026', '2026-05-01'],
    ['1 May 2026', '2026-05-01'],
    ['9 Desember 2026', '2026-12-09'],
    ['9 December, 2026', '2026-12-09'],
  ])('%s → %s (day first)', (typed, iso) => {
    expect(parseDateInput(typed)).toEqual({ ok: true, iso });
  });

  it('empty text is no date', () => {
    expect(parseDateInput('  ')).toEqual({ ok: true, iso: '' });
  });

  it.each([
    ['31/11/2026', 'invalid'],
    ['29/02/2026', 'invalid'],
    ['00/01/2026', 'invalid'],
    ['12/13/2026', 'invalid'],
    ['30/11/26', 'format'],
    ['11/30', 'format'],
    ['besok', 'format'],
    ['30 Movember 2026', 'format'],
    ['2026/11/30', 'format'],
  ])('%s is refused (%s)', (typed, error) => {
    expect(parseDateInput(typed)).toEqual({ ok: false, error });
  });
});

describe('showing dates', () => {
  it('long form with month names in the UI language', () => {
    expect(formatLongDate('2026-11-30', 'id')).toBe('30 November 2026');
    expect(formatLongDate('2026-11-30', 'en')).toBe('30 November 2026');
    expect(formatLongDate('2026-08-17', 'id')).toBe('17 Agustus 2026');
    expect(formatLongDate('2026-08-17', 'en')).toBe('17 August 2026');
    expect(formatLongDate('2026-02-03', 'id')).toBe('3 Februari 2026');
    expect(formatLongDate('', 'id')).toBe('');
  });

  it('the written-out month names are the ones Intl gives, in both languages', () => {
    for (const [lang, locale] of [
      ['id', 'id-ID'],
      ['en', 'en-GB'],
    ] as const) {
      const f = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
      const intl = Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2026, i, 1))));
      expect(monthNames(lang)).toEqual(intl);
    }
  });

  it('typed form dd/mm/yyyy round-trips', () => {
    expect(formatTypedDate('2026-02-03')).toBe('03/02/2026');
    for (const iso of ['2026-01-01', '2024-02-29', '1999-12-31'])
      expect(parseDateInput(formatTypedDate(iso))).toEqual({ ok: true, iso });
    for (const iso of ['2026-01-01', '2024-02-29', '1999-12-31'])
      expect(parseDateInput(formatLongDate(iso, 'id'))).toEqual({ ok: true, iso });
  });

  it('weekday names start on Monday; a full date names its weekday', () => {
    expect(weekdayNames('id')[0]).toMatch(/^Sen/);
    expect(weekdayNames('en')[6]).toMatch(/^Sun/);
    expect(formatFullDate('2026-11-30', 'id')).toBe('Senin, 30 November 2026');
  });
});

describe('calendar arithmetic', () => {
  it('moves by days and months, clamping the day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-05-15', 12)).toBe('2027-05-15');
  });

  it('a month grid is 6 weeks from the Monday on or before the 1st', () => {
    const g = monthGrid('2026-11-30');
    expect(g).toHaveLength(42);
    expect(g[0]?.iso).toBe('2026-10-26');
    expect(g.filter((d) => d.inMonth)).toHaveLength(30);
    expect(g.find((d) => d.inMonth)?.iso).toBe('2026-11-01');
  });
});
