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
  /**
   * Server → client, only to clients that opted in with `features=access`: payload is a
   * varString holding JSON {@link AccessMessage}. Sent at join and whenever this
   * connection's rights change (role lowered or raised, SOP approved, revision started),
   * so the browser can mirror them (read-only UI) without polling.
   */
  access: 101,
  /**
   * Server → client, only to clients that opted in with `features=access`: payload is a
   * varString holding JSON {@link RefusedMessage}. Sent when an update of this
   * connection was refused: nothing of it was applied, stored or broadcast. The client's
   * replica now holds changes the server will never have; it must drop its local copy
   * and resynchronise. A client that did not opt in is closed with 4403 instead.
   */
  refused: 102,
} as const;
export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** Query parameter a client uses to opt in to Susun's extra messages. */
export const FEATURES_PARAM = 'features';
export const FEATURE_STORED = 'stored';
export const FEATURE_ACCESS = 'access';

/** Query parameter carrying an API token (`POST /api/tokens`) for non-browser clients. */
export const TOKEN_PARAM = 'token';

/** Payload of {@link MessageType.access}. */
export interface AccessMessage {
  /** The connection's role on the SOP (`owner|editor|commenter|viewer`). */
  role: string;
  /** Content updates from this connection are accepted now. */
  canWrite: boolean;
  /** The SOP's content is frozen (approved, revoked, superseded). */
  locked: boolean;
}

/** Why an update was refused ({@link MessageType.refused}). */
export type RefusedReason = 'read-only' | 'locked' | 'protected' | 'schema' | 'missing-deps';

/** Payload of {@link MessageType.refused}. */
export interface RefusedMessage {
  reason: RefusedReason;
  /** Human-readable detail (English, for logs and tooltips). */
  detail: string;
}

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
  /** A connection without write right sent a content update (stock clients only). */
  readOnly: { code: 4403, reason: 'read-only: update refused' },
  /** The session ended (logout, expiry, account disabled). */
  sessionEnded: { code: 4401, reason: 'session ended' },
  notFound: { code: 4404, reason: 'document not found' },
  unknownMessageType: { code: 4405, reason: 'unknown message type' },
  awarenessTooLarge: { code: 4413, reason: 'awareness state too large' },
  documentTooLarge: { code: 4414, reason: 'document too large' },
  badUpdate: { code: 4422, reason: 'update could not be applied' },
  awarenessSpoof: { code: 4423, reason: 'awareness for a client id this connection does not own' },
  tooManyConnections: { code: 4429, reason: 'too many connections' },
  tooManyRequests: { code: 4429, reason: 'too many requests' },
  /** A connection that did not authenticate and ask to sync within the deadline. */
  syncTimeout: { code: 4408, reason: 'sync not started in time' },
  storageFailed: { code: 1011, reason: 'storage failed; reconnect to retry' },
  /** Reading the document from storage failed (a storage fault, which may pass): retried. */
  loadFailed: { code: 1011, reason: 'document could not be loaded' },
  /**
   * The document cannot be served even after salvaging its stored rows (e.g. its schema
   * is newer than this server's): a retry would fail the same way, so it is not retried.
   */
  documentUnavailable: { code: 4410, reason: 'document unavailable' },
  /** Damaged stored rows were just set aside (quarantined): reconnect to the repaired document. */
  documentRepaired: { code: 1012, reason: 'document repaired; reconnect' },
  serverRestarting: { code: 1012, reason: 'server restarting' },
  internalError: { code: 1011, reason: 'internal server error' },
  heartbeatTimeout: { code: 4408, reason: 'heartbeat timeout' },
} as const satisfies Record<string, CloseReason>;
