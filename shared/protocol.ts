/**
 * Wire protocol shared by the server and Susun's client.
 *
 * The socket speaks the standard y-websocket protocol (message types 0..3), so
 * any stock `WebsocketProvider` works. Susun's own client additionally opts in
 * to the `stored` message by adding `?features=stored` to the socket URL; a
 * client that did not opt in never receives a message type it does not know.
 */

/** Bumped when the wire protocol changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** Path prefix of the WebSocket endpoint: `ws://host:port/collab/<docId>`. */
export const COLLAB_PATH = '/collab';

/** Document ids accepted by the server. */
export const DOC_ID_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

export function isValidDocId(id: string): boolean {
  return DOC_ID_PATTERN.test(id) && id !== '.' && id !== '..';
}

/** First varUint of every message. 0..3 are y-websocket's; 100+ are Susun's (opt-in only). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Server → client, only to clients that opted in with `features=stored`:
   * payload is a varUint8Array holding the encoded state vector
   * (`Y.encodeStateVector` format) of what the server has durably stored for this
   * document (see README "Durability"). Sent once right after the connection
   * joins (the baseline) and after every stored group of updates. A client knows
   * its own edits are stored when `Y.decodeStateVector(payload).get(doc.clientID)`
   * is ≥ `Y.encodeStateVector(doc)`'s clock for its own clientID (0 / absent when
   * it has made no edits).
   */
  stored: 100,
} as const;
export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** Query parameter a client uses to opt in to Susun's extra messages. */
export const FEATURES_PARAM = 'features';
export const FEATURE_STORED = 'stored';

export interface CloseReason {
  code: number;
  reason: string;
}

/**
 * Close codes, one place for client and server (close reasons are ≤ 123 bytes).
 * y-websocket 3.1 stops reconnecting on 4400–4499: use that range for errors a
 * retry cannot fix; 1001/1013 make the client retry.
 */
export const CloseCodes = {
  invalidDocId: { code: 4400, reason: 'invalid document id' },
  malformedMessage: { code: 4402, reason: 'malformed message' },
  unauthorized: { code: 4401, reason: 'unauthorized' },
  forbidden: { code: 4403, reason: 'forbidden' },
  notFound: { code: 4404, reason: 'document not found' },
  unknownMessageType: { code: 4405, reason: 'unknown message type' },
  awarenessTooLarge: { code: 4413, reason: 'awareness state too large' },
  documentTooLarge: { code: 4414, reason: 'document too large' },
  badUpdate: { code: 4422, reason: 'update could not be applied' },
  awarenessSpoof: { code: 4423, reason: 'awareness for a client id this connection does not own' },
  tooManyConnections: { code: 4429, reason: 'too many connections' },
  storageFailed: { code: 1011, reason: 'storage failed; reconnect to retry' },
  loadFailed: { code: 1011, reason: 'document could not be loaded' },
  serverRestarting: { code: 1012, reason: 'server restarting' },
  internalError: { code: 1011, reason: 'internal server error' },
  heartbeatTimeout: { code: 4408, reason: 'heartbeat timeout' },
} as const satisfies Record<string, CloseReason>;
