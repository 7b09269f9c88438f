/**
 * Incoming message dispatch for a room (standard y-websocket protocol). Everything is
 * validated and bounded before Yjs sees it; a violation closes only the offending
 * connection. The room is reached only through {@link MessagePort}: this file knows
 * nothing else about it (and the room imports this file, never the reverse).
 */
import { CloseCodes, type CloseReason, MessageType } from '../../shared/protocol.js';
import { MAX_AWARENESS_IDS } from './awarenessHub.js';
import { BoundedReader, DecodeError } from './boundedReader.js';
import type { RoomConnection } from './connection.js';
import { type ConnLimits, LIMITS } from './connLimits.js';
import { encodeSyncStep2 } from './encode.js';
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  type UpdateShape,
  validateUpdate,
} from './validate.js';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** What message handling may do to a room. */
export interface MessagePort {
  /** Most connections of the room (bounds the awareness entries one message may carry). */
  readonly maxConnections: number;
  /** Largest awareness state one entry may carry. */
  readonly maxAwarenessBytes: number;
  /** The connection's rate limits (undefined once it left). */
  limitsOf(conn: RoomConnection): ConnLimits | undefined;
  /** Close one connection for a protocol violation. */
  kick(conn: RoomConnection, close: CloseReason, detail: string): void;
  /** The sync step 2 payload for `conn`'s state vector. */
  missingFor(conn: RoomConnection, sv: Uint8Array): Uint8Array;
  /** Send once everything the doc holds right now is stored. */
  sendWhenStored(conn: RoomConnection, message: Uint8Array): void;
  /**
   * Apply a validated client update (refused there when the guard or the size says no);
   * `step2`: it is the client's sync step 2 (its answer to the room's sync step 1).
   */
  applyClientUpdate(
    conn: RoomConnection,
    update: Uint8Array,
    shape: UpdateShape,
    step2: boolean,
  ): void;
  /** Publish the awareness entries `conn` may publish. */
  publishAwareness(conn: RoomConnection, entries: readonly AwarenessEntry[]): void;
  /** Every awareness state of the room as one message; null when there is none. */
  awarenessStates(): Uint8Array | null;
}

export function handleMessage(room: MessagePort, conn: RoomConnection, data: Uint8Array): void {
  let r: BoundedReader;
  let type: number;
  try {
    r = new BoundedReader(data);
    type = r.varUint();
  } catch (err) {
    room.kick(conn, CloseCodes.malformedMessage, String(err));
    return;
  }
  switch (type) {
    case MessageType.sync:
      handleSync(room, conn, r);
      return;
    case MessageType.awareness:
      handleAwareness(room, conn, r);
      return;
    case MessageType.queryAwareness: {
      // Each answer carries every state of the room: extra queries are ignored.
      if (!room.limitsOf(conn)?.take('queries')) return;
      const states = room.awarenessStates();
      if (states) conn.send(states);
      return;
    }
    default:
      room.kick(conn, CloseCodes.unknownMessageType, `type ${type}`);
  }
}

function handleSync(room: MessagePort, conn: RoomConnection, r: BoundedReader): void {
  let sub: number;
  let payload: Uint8Array;
  try {
    sub = r.varUint();
    payload = r.varUint8Array();
  } catch (err) {
    room.kick(conn, CloseCodes.malformedMessage, String(err));
    return;
  }
  if (sub === SYNC_STEP1) {
    if (!room.limitsOf(conn)?.take('sync')) {
      room.kick(conn, CloseCodes.tooManyRequests, 'sync step 1 rate');
      return;
    }
    try {
      validateStateVector(payload);
    } catch (err) {
      room.kick(conn, CloseCodes.malformedMessage, `state vector: ${err}`);
      return;
    }
    // Encoded now, sent once everything it contains is stored.
    room.sendWhenStored(conn, encodeSyncStep2(room.missingFor(conn, payload)));
    return;
  }
  if (sub !== SYNC_STEP2 && sub !== SYNC_UPDATE) {
    room.kick(conn, CloseCodes.unknownMessageType, `sync subtype ${sub}`);
    return;
  }
  let shape: UpdateShape;
  try {
    shape = validateUpdate(payload);
  } catch (err) {
    const close = err instanceof DecodeError ? CloseCodes.badUpdate : CloseCodes.malformedMessage;
    room.kick(conn, close, `update: ${err}`);
    return;
  }
  room.applyClientUpdate(conn, payload, shape, sub === SYNC_STEP2);
}

function validateStateVector(sv: Uint8Array): void {
  const r = new BoundedReader(sv);
  const n = r.count(2);
  for (let i = 0; i < n; i++) {
    r.varUint();
    r.varUint();
  }
}

function handleAwareness(room: MessagePort, conn: RoomConnection, r: BoundedReader): void {
  const limits = room.limitsOf(conn);
  if (!limits) return;
  // Each awareness message is fanned out to the whole room: over the rate it is dropped
  // (presence is ephemeral; the next one carries the latest state), and a connection
  // that keeps pushing is closed.
  if (!limits.take('awarenessMessages') || !limits.take('awarenessBytes', r.remaining)) {
    if (++limits.strikes > LIMITS.maxStrikes)
      room.kick(conn, CloseCodes.tooManyRequests, 'awareness rate');
    return;
  }
  let entries: AwarenessEntry[];
  try {
    entries = decodeAwarenessEntries(r.varUint8Array());
  } catch (err) {
    room.kick(conn, CloseCodes.malformedMessage, `awareness: ${err}`);
    return;
  }
  // Stock y-websocket clients forward every awareness change they see, including other
  // users' states, so an update may legitimately carry many foreign entries. Bound the
  // count by what a room can hold, then keep only the entries this connection may publish.
  const maxEntries = room.maxConnections * MAX_AWARENESS_IDS;
  if (entries.length > maxEntries) {
    room.kick(conn, CloseCodes.awarenessTooLarge, `${entries.length} awareness entries`);
    return;
  }
  const max = room.maxAwarenessBytes;
  for (const e of entries) {
    if (e.stateBytes > max) {
      room.kick(conn, CloseCodes.awarenessTooLarge, `${e.stateBytes} bytes > ${max}`);
      return;
    }
  }
  room.publishAwareness(conn, entries);
}
