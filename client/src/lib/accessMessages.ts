/**
 * Susun's `access` (101) and `refused` (102) socket messages (shared/protocol.ts),
 * which the server sends to clients that opted in with `features=access`.
 */

import {
  type AccessMessage,
  FEATURE_ACCESS,
  FEATURE_STORED,
  MessageType,
  type RefusedMessage,
} from '@shared/protocol';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';

/** `features` value of Susun's own clients. */
export const CLIENT_FEATURES = `${FEATURE_STORED},${FEATURE_ACCESS}`;

function readJson(decoder: decoding.Decoder): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(decoding.readVarString(decoder));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The payload of an `access` message, or null when it cannot be read. */
export function readAccessMessage(decoder: decoding.Decoder): AccessMessage | null {
  const o = readJson(decoder);
  if (!o || typeof o.role !== 'string' || typeof o.canWrite !== 'boolean') return null;
  return { role: o.role, canWrite: o.canWrite, locked: o.locked === true };
}

/** The payload of a `refused` message (unknown shapes still count as a refusal). */
export function readRefusedMessage(decoder: decoding.Decoder): RefusedMessage {
  const o = readJson(decoder);
  const reason = typeof o?.reason === 'string' ? o.reason : 'read-only';
  return {
    reason: reason as RefusedMessage['reason'],
    detail: typeof o?.detail === 'string' ? o.detail : '',
  };
}

/**
 * Registers handlers for the two messages on a provider. Both are always
 * registered (also when a callback is omitted): y-websocket reports a message
 * type it has no handler for as an error.
 */
export function handleAccessMessages(
  provider: WebsocketProvider,
  on: { access?: (m: AccessMessage) => void; refused?: (m: RefusedMessage) => void },
): void {
  provider.messageHandlers[MessageType.access] = (_encoder, decoder) => {
    const m = readAccessMessage(decoder);
    if (m) on.access?.(m);
  };
  provider.messageHandlers[MessageType.refused] = (_encoder, decoder) => {
    on.refused?.(readRefusedMessage(decoder));
  };
}
