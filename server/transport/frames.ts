/**
 * One binary WebSocket frame per broadcast message, written to every socket as it is.
 *
 * Why: a broadcast sends the same message to every connection of a room, and `ws.send`
 * frames it anew for each socket: an options object, a header buffer, then cork, two writes
 * and uncork, i.e. Node's writev path with its buffered-request objects. In the heap
 * profile of steady fan-out to 50 observers, those sends were ~57 KB of the ~102 KB the
 * server allocated per update (test-output/allocprof.mts), and scavenges of that garbage
 * land inside the send loops. Here the frame (header + payload, server frames are not
 * masked) is built once per broadcast message and each further socket gets one plain
 * `write` of it.
 *
 * Only for what ws would frame the same way: a binary, final, uncompressed data frame. The
 * server's `WebSocketServer` has permessage-deflate off (ws's default), so ws's own sender
 * never holds queued frames (it queues only while compressing or reading a Blob) and its
 * pings, pongs and close frames go straight to the socket too: order is kept.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** The socket under a ws WebSocket (ws keeps it as `_socket`; null before/after it has one). */
export function rawSocket(ws: WebSocket): Socket | null {
  return (ws as unknown as { _socket?: Socket | null })._socket ?? null;
}

/** The complete frame of a binary message: FIN + opcode 2, the length, the payload. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(payload, head);
  return frame;
}

/**
 * Largest payload framed here. Broadcast updates are small; a large message (a sync
 * answer of a big document) goes to one socket, and copying it into a frame would cost
 * more than ws's two writes.
 */
export const MAX_FRAMED_BYTES = 64 * 1024;

let lastPayload: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

/**
 * The frame to write for `payload` (at most {@link MAX_FRAMED_BYTES}) when it is being
 * broadcast; null when the caller should let ws send it. The first send of a message gets
 * null: most messages go to one socket (a sync answer, an access message), and a framed
 * copy of those would only be garbage. A second send of the same message is a broadcast:
 * its frame is built then, once, and reused while the message goes to one socket after
 * another. Relies on what `RoomConnection.send` promises: a message is never changed after
 * it was handed over.
 */
export function broadcastFrame(payload: Uint8Array): Buffer | null {
  if (payload !== lastPayload) {
    lastPayload = payload;
    lastFrame = null;
    return null;
  }
  lastFrame ??= binaryFrame(payload);
  return lastFrame;
}
