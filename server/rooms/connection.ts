/**
 * What a room needs from a client connection. The ws transport implements it over a
 * socket; tests can implement it in memory. Rooms know nothing else about sockets.
 */
export interface RoomConnection {
  /** Short id for logs. */
  readonly id: string;
  /** Remote address, for logs. */
  readonly remote: string;
  /** Opted in to Susun's `stored` message (`?features=stored`). */
  readonly wantsStored: boolean;
  send(message: Uint8Array): void;
  /** Resolves once what was sent has been handed to the OS (or after a short bound). */
  drained?(): Promise<void>;
  /** Close with a code and reason; the transport then calls `room.removeConnection`. */
  close(code: number, reason: string): void;
}
