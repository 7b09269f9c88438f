/**
 * Random ids and secrets. Session ids and API tokens are 256-bit random values that
 * are only ever stored as their SHA-256 (a fast hash is right here: the input is
 * uniformly random, so there is nothing to brute-force; passwords use argon2id).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A random id for records (base64url, 16 chars = 96 bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** A 256-bit random secret (base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** API tokens carry a prefix so they are recognisable in a leaked config file. */
export const TOKEN_PREFIX = 'sst_';

export function newToken(): string {
  return `${TOKEN_PREFIX}${newSecret()}`;
}

/** Crockford base32 without I, L, O, U: readable from a projector. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A meeting-link code: 10 characters (50 bits), short enough to type from the
 * projector; guessing is out of reach with the join rate limit and a one-day life.
 */
export function newLinkCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** Normalises a typed code (lower case, confusable letters, spaces, dashes). */
export function normaliseLinkCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
    .replace(/U/g, 'V');
}
