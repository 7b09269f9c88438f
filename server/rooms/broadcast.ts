/**
 * Broadcast of a stored group of updates. Why merged: at N=1000 observers most of the
 * server's busy CPU was `ws.send` (one writev per message per connection); sending one
 * message per stored row (the group merged, encoded once) instead of one per update
 * divides that by the group size.
 */
import type { RoomConnection } from './connection.js';
import { mergeInChunks, type QueuedUpdate } from './durableQueue.js';
import { encodeUpdate } from './encode.js';

/**
 * Send a stored group: the stored rows (`merged`) to every connection that sent none of
 * it; a connection that sent part of it gets the others' updates merged, and one that
 * sent all of it gets nothing.
 */
export function broadcastGroup(
  conns: Iterable<RoomConnection>,
  items: readonly QueuedUpdate[],
  merged: readonly Uint8Array[],
): void {
  const first = items[0];
  if (first === undefined) return;
  const all = merged.map((u) => encodeUpdate(u));
  if (items.every((it) => it.origin === first.origin)) {
    for (const conn of conns) if (conn !== first.origin) sendAll(conn, all);
  } else broadcastMixed([...conns], items, all);
}

/**
 * A group from several senders. Each connection is served when the unmerged broadcast
 * would have sent it its first message (walking the group in order), so receivers are
 * reached in the same order as before merging.
 */
function broadcastMixed(
  conns: readonly RoomConnection[],
  items: readonly QueuedUpdate[],
  all: readonly Uint8Array[],
): void {
  const served = new Set<RoomConnection>();
  const walked = new Set<unknown>();
  const senders = new Set(items.map((it) => it.origin));
  for (const { origin } of items) {
    if (walked.has(origin)) continue;
    walked.add(origin);
    for (const conn of conns) {
      if (conn === origin || served.has(conn)) continue;
      served.add(conn);
      if (!senders.has(conn)) sendAll(conn, all);
      else {
        const others = items.filter((it) => it.origin !== conn).map((it) => it.update);
        sendAll(
          conn,
          mergeInChunks(others).map((u) => encodeUpdate(u)),
        );
      }
    }
  }
}

function sendAll(conn: RoomConnection, messages: readonly Uint8Array[]): void {
  for (const m of messages) conn.send(m);
}
