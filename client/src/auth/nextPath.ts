/**
 * Where to go after signing in. Only same-site paths are accepted (`/sop/x`, not
 * `//evil.example` or `https://…`), so a crafted `?next=` cannot send a user away.
 */
export function safeNext(raw: string | null | undefined): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/^\/(login|setup)(\/|\?|$)/.test(raw)) return '/';
  return raw;
}

/** The login page, remembering `path` (omitted for the list, the default). */
export function loginHref(path: string): string {
  const next = safeNext(path);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
