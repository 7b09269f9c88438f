/**
 * Dates as Indonesian offices write them (issue 14): typed as dd/mm/yyyy, shown as
 * "30 November 2026" (month names in the UI language), stored as ISO `yyyy-mm-dd`.
 * Pure functions (no time zones: a date is a calendar day, computed in UTC).
 */

import { MONTH_NAMES } from '@shared/flowchart/months';
import { localeOf } from './format';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of an ISO date, or null when it is not a real one. */
export function isoParts(iso: string): { y: number; m: number; d: number } | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isRealDate(y, mo, d) ? { y, m: mo, d } : null;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toIso(y: number, m: number, d: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(m)}-${p(d)}`;
}

/** Today in the browser's local time. */
export function todayIso(now: Date = new Date()): string {
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * The full month names of the two UI languages, by locale: written out (shared with the
 * printed SOP), not asked of Intl. The editor shows its first dates while it loads, and the
 * page's first `Intl.DateTimeFormat` costs ~20 ms there (loading the locale's date data);
 * test/unit/dates-ui.test.ts holds them equal to Intl's.
 */
const LONG_MONTHS: Record<string, readonly string[]> = {
  'id-ID': MONTH_NAMES.id,
  'en-GB': MONTH_NAMES.en,
};

const months = new Map<string, readonly string[]>();

/**
 * Month names of the UI language, January first. Made once per language and style:
 * every date field shows a date through them, and a formatter costs its making.
 */
export function monthNames(lang: string, style: 'long' | 'short' = 'long'): readonly string[] {
  const locale = localeOf(lang);
  if (style === 'long') {
    const written = LONG_MONTHS[locale];
    if (written) return written;
  }
  const key = `${locale} ${style}`;
  let names = months.get(key);
  if (!names) {
    const f = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
    names = Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2026, i, 1))));
    months.set(key, names);
  }
  return names;
}

/** Short weekday names, Monday first (the Indonesian week starts on Senin). */
export function weekdayNames(lang: string, style: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(localeOf(lang), { weekday: style, timeZone: 'UTC' });
  // 2026-11-30 is a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 10, 30 + i))));
}

/** `2026-11-30` → "30 November 2026" (English UI: "30 November 2026" too); '' for none. */
export function formatLongDate(iso: string, lang: string): string {
  const p = isoParts(iso);
  if (!p) return iso;
  return `${p.d} ${monthNames(lang)[p.m - 1]} ${p.y}`;
}

/** `2026-11-30` → "30/11/2026" (how it is typed). */
export function formatTypedDate(iso: string): string {
  const p = isoParts(iso);
  if (!p) return iso;
  return `${String(p.d).padStart(2, '0')}/${String(p.m).padStart(2, '0')}/${p.y}`;
}

/** "Senin, 30 November 2026": the calendar's accessible name for a day. */
export function formatFullDate(iso: string, lang: string): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const weekday = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7;
  return `${weekdayNames(lang, 'long')[weekday]}, ${formatLongDate(iso, lang)}`;
}

export type DateParse = { ok: true; iso: string } | { ok: false; error: 'format' | 'invalid' };

function normalise(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
}

/** Month number of a typed month name or its abbreviation (Indonesian or English). */
function monthOf(word: string): number | null {
  const w = normalise(word);
  if (w.length < 3) return null;
  for (const lang of ['id', 'en']) {
    for (const style of ['long', 'short'] as const) {
      const names = monthNames(lang, style).map(normalise);
      const i = names.findIndex((n) => n === w || (w.length >= 3 && n.startsWith(w)));
      if (i >= 0) return i + 1;
    }
  }
  // Common Indonesian abbreviations Intl does not produce.
  const extra: Record<string, number> = { agu: 8, agt: 8, ags: 8, nop: 11, peb: 2 };
  return extra[w.slice(0, 3)] ?? null;
}

/**
 * A typed date: `30/11/2026` (also `30-11-2026`, `30.11.2026`, `1/2/2026`), an ISO date,
 * or `30 November 2026` / `30 Nov 2026` (Indonesian or English month). Two-digit years
 * are refused (ambiguous). Empty text is `{ ok: true, iso: '' }` (no date).
 */
export function parseDateInput(text: string): DateParse {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return { ok: true, iso: '' };
  let y: number;
  let m: number;
  let d: number;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const named = /^(\d{1,2}) ([\p{L}.]+),? (\d{4})$/u.exec(s);
  if (numeric) {
    d = Number(numeric[1]);
    m = Number(numeric[2]);
    y = Number(numeric[3]);
  } else if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (named) {
    const month = monthOf(named[2] ?? '');
    if (month === null) return { ok: false, error: 'format' };
    d = Number(named[1]);
    m = month;
    y = Number(named[3]);
  } else return { ok: false, error: 'format' };
  if (!isRealDate(y, m, d)) return { ok: false, error: 'invalid' };
  return { ok: true, iso: toIso(y, m, d) };
}

/** `iso` moved by `days` (may cross months and years). */
export function addDays(iso: string, days: number): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return toIso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** `iso` moved by `months`, the day clamped to the target month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const total = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return toIso(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/** Monday-first index of the day of the week (0 = Monday). */
export function weekdayIndex(iso: string): number {
  const p = isoParts(iso);
  if (!p) return 0;
  return (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7;
}

/** The 6×7 days shown for the month of `iso` (Monday first), with days of the months around. */
export function monthGrid(iso: string): Array<{ iso: string; inMonth: boolean }> {
  const p = isoParts(iso);
  if (!p) return [];
  const first = toIso(p.y, p.m, 1);
  const start = addDays(first, -weekdayIndex(first));
  return Array.from({ length: 42 }, (_, i) => {
    const day = addDays(start, i);
    return { iso: day, inMonth: day.slice(0, 7) === first.slice(0, 7) };
  });
}
