/** Small helpers shared by the discussion API: origins, errors, ids, base64. */

import { fromBase64, toBase64 } from 'lib0/buffer';

/**
 * Transaction origins of the discussion doc. Every mutator runs in one
 * `doc.transact(fn, origin)`; `local` is the default, `anchor` marks the
 * automatic last-text bookkeeping of `trackAnchorTexts` (never user intent),
 * `remote` is for applying updates received from elsewhere.
 */
export const DiscussionOrigin = {
  local: 'susun:discussion:local',
  anchor: 'susun:discussion:anchor',
  remote: 'susun:discussion:remote',
} as const;
export type DiscussionOriginValue = (typeof DiscussionOrigin)[keyof typeof DiscussionOrigin];

export type DiscussionErrorCode =
  | 'unknown-thread'
  | 'unknown-message'
  | 'unknown-session'
  | 'not-author'
  | 'message-deleted'
  | 'empty-body'
  | 'session-ended'
  | 'invalid-anchor'
  | 'duplicate-id'
  // suggestions (issue 16)
  | 'unknown-suggestion'
  | 'unknown-step'
  | 'unknown-actor'
  | 'invalid-suggestion'
  | 'no-change'
  | 'already-resolved';

/** Thrown for refused operations (editing someone else's message, ...). */
export class DiscussionError extends Error {
  readonly code: DiscussionErrorCode;
  constructor(code: DiscussionErrorCode, message?: string) {
    super(message ? `${code}: ${message}` : code);
    this.name = 'DiscussionError';
    this.code = code;
  }
}

/** Default id generator: 16 random url-safe characters (~95 bits). */
export function randomId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  return toBase64(bytes);
}

export function base64ToBytes(s: string): Uint8Array {
  return fromBase64(s);
}
