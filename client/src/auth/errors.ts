import type { TFunction } from 'i18next';
import { ApiError } from '../lib/api';

/** Error codes with their own message in the `auth` catalogue (`errors.<code>`). */
const KNOWN = new Set([
  'invalid_credentials',
  'already_set_up',
  'email_taken',
  'nip_taken',
  'link_not_found',
  'link_expired',
  'link_revoked',
  'forbidden',
  'wrong_password',
  'invalid_password',
]);

/** Whole minutes to wait, from a `Retry-After` in seconds (at least 1). */
export function retryMinutes(seconds: number | undefined): number {
  return Math.max(1, Math.ceil((seconds ?? 60) / 60));
}

/**
 * One readable sentence for a failed auth call: a known code's own text, the
 * lock-out with its wait, "server unreachable" for network failures, else generic.
 */
export function authErrorMessage(t: TFunction<'auth'>, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429)
      return t('errors.too_many_attempts', { count: retryMinutes(e.retryAfter) });
    if (e.code && KNOWN.has(e.code)) return t(`errors.${e.code}` as 'errors.generic');
    if (e.status === 422) return t('errors.invalid_body');
    if (e.status >= 500) return t('errors.server');
    return t('errors.generic');
  }
  if (e instanceof TypeError) return t('errors.network');
  return t('errors.generic');
}

/**
 * Field problems of a 422 answer, keyed by the top-level body field they concern
 * (`issues[].path` `"nip"` → `nip`, `"approverUnits[0]"` → `approverUnits`).
 */
export function issuesByField(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError)) return out;
  for (const issue of e.issues) {
    const field = issue.path.split(/[.[]/)[0] ?? '';
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}
