/**
 * Structural validation of untrusted Yjs V1 updates and awareness updates, done
 * BEFORE Yjs decodes them. It walks the exact format Yjs reads (see yjs
 * `readClientsStructRefs`, `readItemContent`, `readDeleteSet`) with a bounded reader,
 * so every declared count is backed by bytes and nothing can loop past the end.
 */
import { BoundedReader, DecodeError } from './boundedReader.js';

/** Largest clock / length accepted (real documents stay far below). */
const MAX_LEN = 2 ** 31;

function len(r: BoundedReader): number {
  const n = r.varUint();
  if (n > MAX_LEN) throw new DecodeError('length out of range');
  return n;
}

/** An item id: client and clock. */
function id(r: BoundedReader): void {
  r.varUint();
  r.varUint();
}

function json(r: BoundedReader): void {
  const s = r.varString();
  if (s === 'undefined') return;
  try {
    JSON.parse(s);
  } catch {
    throw new DecodeError('invalid JSON content');
  }
}

function itemContent(r: BoundedReader, ref: number): void {
  switch (ref) {
    case 1: // ContentDeleted
      len(r);
      return;
    case 2: {
      // ContentJSON
      const n = r.count(1);
      for (let i = 0; i < n; i++) json(r);
      return;
    }
    case 3: // ContentBinary
      r.varUint8Array();
      return;
    case 4: // ContentString
      r.varString();
      return;
    case 5: // ContentEmbed
      json(r);
      return;
    case 6: // ContentFormat
      r.varString();
      json(r);
      return;
    case 7: {
      // ContentType
      const typeRef = r.varUint();
      if (typeRef > 6) throw new DecodeError(`unknown type ref ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) r.varString(); // YXmlElement / YXmlHook name
      return;
    }
    case 8: {
      // ContentAny
      const n = r.count(1);
      for (let i = 0; i < n; i++) r.any();
      return;
    }
    default:
      // 9 (ContentDoc, sub-documents) is not used by Susun and is refused; 0/10 handled by caller.
      throw new DecodeError(`unsupported content ref ${ref}`);
  }
}

/**
 * Throws {@link DecodeError} unless `update` is a structurally valid Yjs V1 update.
 * A zero-length update is invalid (the smallest valid one is `[0, 0]`).
 */
export function validateUpdate(update: Uint8Array): void {
  const r = new BoundedReader(update);
  const clients = r.count(3);
  for (let c = 0; c < clients; c++) {
    const structs = r.count(2);
    r.varUint(); // client
    let clock = r.varUint();
    for (let i = 0; i < structs; i++) {
      const info = r.uint8();
      const ref = info & 0x1f;
      if (ref === 0 || ref === 10) {
        clock += len(r); // GC or Skip
      } else {
        if (info & 0x80) id(r); // origin
        if (info & 0x40) id(r); // right origin
        if ((info & 0xc0) === 0) {
          // Parent: a root type name (1) or an item id (0).
          if (r.varUint() === 1) r.varString();
          else id(r);
          if (info & 0x20) r.varString(); // parentSub (map key)
        }
        itemContent(r, ref);
        clock += 1;
      }
      if (clock > 2 ** 53) throw new DecodeError('clock out of range');
    }
  }
  // Delete set.
  const dsClients = r.count(2);
  for (let c = 0; c < dsClients; c++) {
    r.varUint(); // client
    const deletes = r.count(2);
    for (let i = 0; i < deletes; i++) {
      r.varUint(); // clock
      len(r);
    }
  }
}

/** One client entry of an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Byte length of the JSON state. */
  stateBytes: number;
  /** The raw UTF-8 JSON state, as sent (re-encoded verbatim when the entry is kept). */
  raw: Uint8Array;
  /** True when the entry removes the client (state `null`). */
  removed: boolean;
}

/** Decode an awareness update (y-protocols format) without trusting it. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const r = new BoundedReader(update);
  const n = r.count(3);
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = r.varUint();
    const clock = r.varUint();
    const raw = r.varUint8Array();
    let state: unknown;
    try {
      state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      throw new DecodeError('invalid awareness state');
    }
    out.push({ clientId, clock, stateBytes: raw.length, raw, removed: state === null });
  }
  return out;
}
