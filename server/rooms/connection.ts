/**
 * What a room needs from a client connection. The ws transport implements it over a
 * socket; tests can implement it in memory. Rooms know nothing else about sockets.
 */

/**
 * What one connection may do in its room. The transport sets it from the person's
 * role when the connection is accepted and keeps it current (a lowered role or a
 * revoked share changes `canWrite` at once, see `server/transport/liveAccess.ts`).
 */
export interface ConnectionAccess {
  /** The person's role on the SOP (`owner|editor|commenter|viewer`). */
  role: string;
  /** Content updates from this connection may be applied (role allows editing). */
  canWrite: boolean;
  /** The person approves for the SOP's unit (a change re-sends `access`: the UI refetches). */
  approver: boolean;
  /** The authenticated person (for logs and ownership of awareness). */
  userId: string;
}

export interface RoomConnection {
  /** Short id for logs. */
  readonly id: string;
  /** Remote address, for logs. */
  readonly remote: string;
  /** Opted in to Susun's `stored` message (`?features=stored`). */
  readonly wantsStored: boolean;
  /** Opted in to Susun's `access` and `refused` messages (`?features=access`). */
  readonly wantsAccess: boolean;
  readonly access: ConnectionAccess;
  send(message: Uint8Array): void;
  /** Resolves once what was sent has been handed to the OS (or after a short bound). */
  drained?(): Promise<void>;
  /** Close with a code and reason; the transport then calls `room.removeConnection`. */
  close(code: number, reason: string): void;
}
