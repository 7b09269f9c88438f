import type { SopStatus } from '@shared/model/types';

/** BCP 47 locale for Intl formatting of the UI language. */
export function localeOf(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

export function formatDateTime(iso: string | Date, lang: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/**
 * Hours and minutes in the browser's local time, 24-hour, as `Intl`'s short time style
 * writes them for the two UI languages: "09.07" in Indonesian, "09:07" in English. Written
 * out: the saved badge shows it as the editor loads, where the page's first
 * `Intl.DateTimeFormat` cost ~11 ms (test/unit/format-decimal.test.ts compares with Intl).
 */
export function formatTime(d: Date, lang: string): string {
  const sep = localeOf(lang) === 'id-ID' ? '.' : ':';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}${sep}${two(d.getMinutes())}`;
}

/**
 * `n` with at most one decimal, in the UI language's style ("1.234,5"; English
 * "1,234.5"), rounding half away from zero as `Intl.NumberFormat` does. Written
 * out, not `Intl.NumberFormat`: the total time under the table shows this in the
 * editor's first render, and the page's first number formatter loads the locale's
 * number data, ~40 ms of that render on this machine class.
 */
export function formatDecimal(n: number, lang: string): string {
  const [decimal, group] = lang === 'en' ? ['.', ','] : [',', '.'];
  const tenths = Math.round(Math.abs(n) * 10);
  const whole = Math.floor(tenths / 10)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = tenths % 10;
  return `${n < 0 && tenths > 0 ? '-' : ''}${whole}${fraction ? `${decimal}${fraction}` : ''}`;
}

/** Pill colour class for an SOP status. */
export function statusClass(status: SopStatus): string {
  switch (status) {
    case 'approved':
      return 'pill pill-success';
    case 'in_review':
      return 'pill pill-warning';
    case 'revoked':
    case 'superseded':
      return 'pill pill-danger';
    default:
      return 'pill pill-primary';
  }
}
