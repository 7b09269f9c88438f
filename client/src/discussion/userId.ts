const KEY = 'susun.userId';

/**
 * A stable id for this browser's user, kept in localStorage (created on first
 * use). Susun has no accounts yet, so "per user" means per browser profile;
 * once there is a login, pass the account id to the discussion instead.
 */
export function getUserId(): string {
  try {
    const existing = localStorage.getItem(KEY);
    if (existing) return existing;
    const id = `u-${globalThis.crypto.randomUUID()}`;
    localStorage.setItem(KEY, id);
    return id;
  } catch {
    return 'u-anonymous';
  }
}
