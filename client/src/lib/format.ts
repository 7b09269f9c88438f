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

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Hours and minutes. The formatter is made once per language: the saved badge shows this after every keystroke. */
export function formatTime(d: Date, lang: string): string {
  const locale = localeOf(lang);
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
    timeFormats.set(locale, f);
  }
  return f.format(d);
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
