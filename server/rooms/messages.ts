/**
 * Incoming message dispatch for a room (standard y-websocket protocol). Everything is
 * validated before Yjs sees it; a violation closes only the offending connection.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCodes, MessageType } from '../../shared/protocol.js';
import { BoundedReader, DecodeError } from './boundedReader.js';
import type { RoomConnection } from './connection.js';
import { encodeAwareness, encodeSyncStep2 } from './encode.js';
import type { Room } from './room.js';
import { decodeAwarenessEntries, validateUpdate } from './validate.js';

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
    try {
      validateStateVector(payload);
    } catch (err) {
      room.kick(conn, CloseCodes.malformedMessage, `state vector: ${err}`);
      return;
    }
    // Encoded now, sent once everything it contains is stored.
    room.sendWhenStored(conn, encodeSyncStep2(room.doc, payload));
    return;
  }
  if (sub !== SYNC_STEP2 && sub !== SYNC_UPDATE) {
    room.kick(conn, CloseCodes.unknownMessageType, `sync subtype ${sub}`);
    return;
  }
  try {
    validateUpdate(payload);
  } catch (err) {
    const close = err instanceof DecodeError ? CloseCodes.badUpdate : CloseCodes.malformedMessage;
    room.kick(conn, close, `update: ${err}`);
    return;
  }
  room.applyClientUpdate(conn, payload);
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
  let update: Uint8Array;
  let entries: ReturnType<typeof decodeAwarenessEntries>;
  try {
    update = r.varUint8Array();
    entries = decodeAwarenessEntries(update);
  } catch (err) {
    room.kick(conn, CloseCodes.malformedMessage, `awareness: ${err}`);
    return;
  }
  // A browser tab has one client id; a few allow for a clientID change after a conflict.
  if (entries.length > MAX_AWARENESS_IDS) {
    room.kick(conn, CloseCodes.awarenessTooLarge, `${entries.length} awareness entries`);
    return;
  }
  const max = room.config.maxAwarenessBytes;
  const controlled = room.controlledIds(conn);
  if (!controlled) return;
  const firstMessage = controlled.size === 0;
  for (const e of entries) {
    if (e.stateBytes > max) {
      room.kick(conn, CloseCodes.awarenessTooLarge, `${e.stateBytes} bytes > ${max}`);
      return;
    }
    const owner = room.ownerOf(e.clientId);
    // The first awareness message introduces the connection's ids; later ones may only
    // touch those. Nobody may publish for an id another connection introduced — except
    // a reconnect of the same client from the same address while its old socket is not
    // yet known dead (half-open until the heartbeat notices): it takes the id over.
    const takeover = firstMessage && owner !== undefined && owner.remote === conn.remote;
    if ((owner && owner !== conn && !takeover) || (!owner && !firstMessage)) {
      room.kick(conn, CloseCodes.awarenessSpoof, `client id ${e.clientId}`);
      return;
    }
  }
  if (firstMessage) {
    for (const e of entries) if (!e.removed) room.claimAwarenessId(conn, e.clientId);
  }
  awarenessProtocol.applyAwarenessUpdate(room.awareness, update, conn);
}
