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

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `n` with at most one decimal, in the UI language. The formatter is made once per
 * language: the total time under the procedure table re-renders with every settled edit.
 */
export function formatDecimal(n: number, lang: string): string {
  const locale = localeOf(lang);
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
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
