/**
 * Incoming message dispatch for a room (standard y-websocket protocol). Everything is
 * validated before Yjs sees it; a violation closes only the offending connection.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCodes, MessageType } from '../../shared/protocol.js';
import { BoundedReader, DecodeError } from './boundedReader.js';
import type { RoomConnection } from './connection.js';
import { LIMITS } from './connLimits.js';
import { encodeAwareness, encodeSyncStep2 } from './encode.js';
import type { Room } from './room.js';
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  type UpdateShape,
  validateUpdate,
} from './validate.js';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** Most awareness client ids one connection may carry. */
const MAX_AWARENESS_IDS = 4;

export function handleMessage(room: Room, conn: RoomConnection, data: Uint8Array): void {
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
      if (!room.limitsOf(conn)?.queries.take()) return;
      const states = room.awareness.getStates();
      if (states.size > 0) conn.send(encodeAwareness(room.awareness, [...states.keys()]));
      return;
    }
    default:
      room.kick(conn, CloseCodes.unknownMessageType, `type ${type}`);
  }
}

function handleSync(room: Room, conn: RoomConnection, r: BoundedReader): void {
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
    if (!room.limitsOf(conn)?.sync.take()) {
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
  room.applyClientUpdate(conn, payload, shape);
}

function validateStateVector(sv: Uint8Array): void {
  const r = new BoundedReader(sv);
  const n = r.count(2);
  for (let i = 0; i < n; i++) {
    r.varUint();
    r.varUint();
  }
}

function handleAwareness(room: Room, conn: RoomConnection, r: BoundedReader): void {
  const limits = room.limitsOf(conn);
  if (!limits) return;
  // Each awareness message is fanned out to the whole room: over the rate it is dropped
  // (presence is ephemeral; the next one carries the latest state), and a connection
  // that keeps pushing is closed.
  if (!limits.awarenessMessages.take() || !limits.awarenessBytes.take(r.remaining)) {
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
  const maxEntries = room.config.maxConnectionsPerDoc * MAX_AWARENESS_IDS;
  if (entries.length > maxEntries) {
    room.kick(conn, CloseCodes.awarenessTooLarge, `${entries.length} awareness entries`);
    return;
  }
  const max = room.config.maxAwarenessBytes;
  const controlled = room.controlledIds(conn);
  if (!controlled) return;
  const firstMessage = controlled.size === 0;
  const kept: AwarenessEntry[] = [];
  for (const e of entries) {
    if (e.stateBytes > max) {
      room.kick(conn, CloseCodes.awarenessTooLarge, `${e.stateBytes} bytes > ${max}`);
      return;
    }
    if (mayPublish(room, conn, e, firstMessage)) kept.push(e);
  }
  if (kept.length === 0) return;
  for (const e of kept) if (!e.removed) room.claimAwarenessId(conn, e.clientId);
  awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(kept), conn);
}

/**
 * Whether `conn` may publish entry `e`. Nobody publishes for an id another live
 * connection owns (the entry is dropped, not the connection: stock clients forward
 * others' states) — except a reconnect of the same client from the same address whose
 * old socket is still half-open, in its first message: it takes the id over. A
 * connection owns at most MAX_AWARENESS_IDS ids. An id whose owner has left may be
 * claimed (or taken over) only with a newer clock than the room has seen, which a
 * forwarded copy never has.
 */
function mayPublish(
  room: Room,
  conn: RoomConnection,
  e: AwarenessEntry,
  firstMessage: boolean,
): boolean {
  const owner = room.ownerOf(e.clientId);
  if (owner === conn) return true;
  const seen = room.awareness.meta.get(e.clientId);
  const newer = seen === undefined || e.clock > seen.clock;
  // Taking over an id is for the same person reconnecting (their old socket half-open).
  if (owner)
    return (
      firstMessage &&
      owner.access.userId === conn.access.userId &&
      owner.remote === conn.remote &&
      newer &&
      !e.removed
    );
  if (e.removed) return false;
  const controlled = room.controlledIds(conn);
  return controlled !== undefined && controlled.size < MAX_AWARENESS_IDS && newer;
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.clientId);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarUint8Array(enc, e.raw);
  }
  return encoding.toUint8Array(enc);
}
