/**
 * The messages Susun processes exchange over Redis pub/sub (binary, lib0 encoding). Two
 * kinds of channel: one per document (`<prefix>doc:<docId>`: stored groups, presence),
 * subscribed by the processes that hold the document open, and one for the cluster
 * (`<prefix>cluster`: heartbeats, goodbyes, access changes), subscribed by every process.
 * Every message starts with its type and the sending process's id (a process also
 * receives its own publications and drops them).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AccessChange } from '../accounts/events.js';
import type { FannedGroup } from '../rooms/docFanout.js';

/** Bumped when the format changes: a process ignores messages of another version. */
export const WIRE_VERSION = 1;

export type WireMessage =
  | { type: 'group'; from: string; group: FannedGroup }
  | { type: 'awareness'; from: string; update: Uint8Array }
  | { type: 'awareness-query'; from: string }
  | {
      type: 'heartbeat';
      from: string;
      /** Bumped each time the sender's publishing link reconnected (it may have lost messages). */
      epoch: number;
    }
  | { type: 'bye'; from: string }
  | { type: 'access'; from: string; change: AccessChange };

const TYPES = ['group', 'awareness', 'awareness-query', 'heartbeat', 'bye', 'access'] as const;

export function encodeWire(m: WireMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, WIRE_VERSION);
  encoding.writeVarUint(e, TYPES.indexOf(m.type));
  encoding.writeVarString(e, m.from);
  switch (m.type) {
    case 'group':
      encoding.writeVarUint(e, m.group.seq);
      encoding.writeVarUint(e, m.group.prevSeq);
      encoding.writeVarUint(e, m.group.rows.length);
      for (const r of m.group.rows) encoding.writeVarUint8Array(e, r);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(e, m.update);
      break;
    case 'heartbeat':
      encoding.writeVarUint(e, m.epoch);
      break;
    case 'access':
      encoding.writeVarString(e, JSON.stringify(m.change));
      break;
    default:
      break;
  }
  return encoding.toUint8Array(e);
}

/** The message, or null for another version or a type this process does not know. */
export function decodeWire(bytes: Uint8Array): WireMessage | null {
  const d = decoding.createDecoder(bytes);
  if (decoding.readVarUint(d) !== WIRE_VERSION) return null;
  const type = TYPES[decoding.readVarUint(d)];
  const from = decoding.readVarString(d);
  switch (type) {
    case 'group': {
      const seq = decoding.readVarUint(d);
      const prevSeq = decoding.readVarUint(d);
      const n = decoding.readVarUint(d);
      const rows: Uint8Array[] = [];
      for (let i = 0; i < n; i++) rows.push(decoding.readVarUint8Array(d));
      return { type, from, group: { seq, prevSeq, rows } };
    }
    case 'awareness':
      return { type, from, update: decoding.readVarUint8Array(d) };
    case 'heartbeat':
      return { type, from, epoch: decoding.readVarUint(d) };
    case 'access':
      return { type, from, change: JSON.parse(decoding.readVarString(d)) as AccessChange };
    case 'awareness-query':
    case 'bye':
      return { type, from };
    default:
      return null;
  }
}
