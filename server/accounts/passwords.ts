/**
 * Password hashing with argon2id (`@node-rs/argon2`: a maintained native binding,
 * prebuilt for our platforms, runs off the main thread). Parameters are the library's
 * defaults (m = 19 MiB, t = 2, p = 1), which match OWASP's argon2id recommendation.
 */
import { hash, verify } from '@node-rs/argon2';

/** argon2id, as `@node-rs/argon2`'s `Algorithm.Argon2id` (a const enum, not importable here). */
const ARGON2ID = 2;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** A hash of a random password, verified against when the login is unknown (same timing). */
let dummy: Promise<string> | null = null;

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (hashed === null) {
    dummy ??= hashPassword('unknown user: equalise timing');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
