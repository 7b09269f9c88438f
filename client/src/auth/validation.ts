import type { TFunction } from 'i18next';

/** Field errors of a form, keyed by field name (absent = valid). */
export type FieldErrors = Partial<Record<string, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A NIP without the spaces people type in it ("19800101 200501 1 001"). */
export function normaliseNip(v: string): string {
  return v.replace(/\s+/g, '');
}

export function checkRequired(t: TFunction<'auth'>, v: string): string | undefined {
  return v.trim() ? undefined : t('validation.required');
}

export function checkEmail(t: TFunction<'auth'>, v: string): string | undefined {
  if (!v.trim()) return t('validation.required');
  return EMAIL.test(v.trim()) ? undefined : t('validation.email');
}

/** Optional NIP: empty, or exactly 18 digits once spaces are removed. */
export function checkNip(t: TFunction<'auth'>, v: string): string | undefined {
  const nip = normaliseNip(v);
  return nip === '' || /^\d{18}$/.test(nip) ? undefined : t('validation.nip');
}

/** Passwords are 8..256 characters (server rule); `again` must repeat it. */
export function checkPassword(
  t: TFunction<'auth'>,
  v: string,
  again?: string,
): { password?: string; again?: string } {
  if (v.length < 8) return { password: t('validation.passwordShort') };
  if (v.length > 256) return { password: t('validation.passwordLong') };
  if (again !== undefined && again !== v) return { again: t('validation.passwordMismatch') };
  return {};
}

/** True when no field has an error. */
export function isValid(errors: FieldErrors): boolean {
  return Object.values(errors).every((e) => !e);
}

/** Moves focus to the first field marked invalid (after React has rendered the marks). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
