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

/** An item id as read from an update. */
export interface ShapeId {
  client: number;
  clock: number;
}

function id(r: BoundedReader): ShapeId {
  return { client: r.varUint(), clock: r.varUint() };
}

/** What an update's item holds, as far as the server's guards need to know. */
export interface ShapeItem {
  client: number;
  clock: number;
  /** Clock length (string length for ContentString, value count for Any/JSON). */
  length: number;
  origin: ShapeId | null;
  rightOrigin: ShapeId | null;
  /** Explicit parent: a root type's name, or the id of the item holding the parent type. */
  parentRoot: string | null;
  parentId: ShapeId | null;
  /** Map key (Y.Map entries, XML attributes). */
  parentSub: string | null;
  /** Yjs content ref: 1 deleted, 2 JSON, 3 binary, 4 string, 5 embed, 6 format, 7 type, 8 any. */
  content: number;
  /** ContentType: 0 array, 1 map, 2 text, 3 xml element, 4 xml fragment, 5 xml hook, 6 xml text. */
  typeRef: number | null;
  /** lib0 `any` tags of ContentAny values (119 string, 125 int, 123/124 float, 126 null, 120/121 bool, 118 object, 117 array, 127 undefined, 116 binary). */
  anyTags: number[] | null;
}

/** Structure of a validated update: its items, GC/skip ranges and delete set. */
export interface UpdateShape {
  items: ShapeItem[];
  /** GC structs: ranges of already-deleted content this update brings. */
  gcs: Array<{ client: number; clock: number; length: number }>;
  /** Delete set: client → [clock, length] ranges. */
  deletes: Array<{ client: number; clock: number; length: number }>;
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

/** Reads one item's content; returns its clock length and what the guards need. */
function itemContent(
  r: BoundedReader,
  ref: number,
): { length: number; typeRef: number | null; anyTags: number[] | null } {
  switch (ref) {
    case 1: // ContentDeleted
      return { length: len(r), typeRef: null, anyTags: null };
    case 2: {
      // ContentJSON
      const n = r.count(1);
      for (let i = 0; i < n; i++) json(r);
      return { length: n, typeRef: null, anyTags: null };
    }
    case 3: // ContentBinary
      r.varUint8Array();
      return { length: 1, typeRef: null, anyTags: null };
    case 4: {
      // ContentString: Yjs counts UTF-16 code units
      const s = r.varString();
      if (s.length === 0) throw new DecodeError('empty string content');
      return { length: s.length, typeRef: null, anyTags: null };
    }
    case 5: // ContentEmbed
      json(r);
      return { length: 1, typeRef: null, anyTags: null };
    case 6: // ContentFormat
      r.varString();
      json(r);
      return { length: 1, typeRef: null, anyTags: null };
    case 7: {
      // ContentType
      const typeRef = r.varUint();
      if (typeRef > 6) throw new DecodeError(`unknown type ref ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) r.varString(); // YXmlElement / YXmlHook name
      return { length: 1, typeRef, anyTags: null };
    }
    case 8: {
      // ContentAny
      const n = r.count(1);
      const tags: number[] = [];
      for (let i = 0; i < n; i++) {
        tags.push(r.arr[r.pos] ?? 0);
        r.any();
      }
      return { length: n, typeRef: null, anyTags: tags };
    }
    default:
      // 9 (ContentDoc, sub-documents) is not used by Susun and is refused; 0/10 handled by caller.
      throw new DecodeError(`unsupported content ref ${ref}`);
  }
}

/**
 * Throws {@link DecodeError} unless `update` is a structurally valid Yjs V1 update;
 * returns its {@link UpdateShape} (read in the same pass, so the guards need no
 * second decode). A zero-length update is invalid (the smallest valid one is `[0, 0]`).
 */
export function validateUpdate(update: Uint8Array): UpdateShape {
  const r = new BoundedReader(update);
  const shape: UpdateShape = { items: [], gcs: [], deletes: [] };
  const clients = r.count(3);
  for (let c = 0; c < clients; c++) {
    const structs = r.count(2);
    const client = r.varUint();
    let clock = r.varUint();
    for (let i = 0; i < structs; i++) {
      const info = r.uint8();
      const ref = info & 0x1f;
      if (ref === 0 || ref === 10) {
        const n = len(r); // GC or Skip
        if (ref === 0) shape.gcs.push({ client, clock, length: n });
        clock += n;
      } else {
        const origin = info & 0x80 ? id(r) : null;
        const rightOrigin = info & 0x40 ? id(r) : null;
        let parentRoot: string | null = null;
        let parentId: ShapeId | null = null;
        let parentSub: string | null = null;
        if ((info & 0xc0) === 0) {
          // Parent: a root type name (1) or an item id (0).
          if (r.varUint() === 1) parentRoot = r.varString();
          else parentId = id(r);
          if (info & 0x20) parentSub = r.varString(); // parentSub (map key)
        }
        const content = itemContent(r, ref);
        if (content.length === 0) throw new DecodeError('zero-length item');
        shape.items.push({
          client,
          clock,
          length: content.length,
          origin,
          rightOrigin,
          parentRoot,
          parentId,
          parentSub,
          content: ref,
          typeRef: content.typeRef,
          anyTags: content.anyTags,
        });
        clock += content.length;
      }
      if (clock > 2 ** 53) throw new DecodeError('clock out of range');
    }
  }
  // Delete set.
  const dsClients = r.count(2);
  for (let c = 0; c < dsClients; c++) {
    const client = r.varUint();
    const deletes = r.count(2);
    for (let i = 0; i < deletes; i++) {
      const clock = r.varUint();
      const length = len(r);
      if (length > 0) shape.deletes.push({ client, clock, length });
    }
  }
  return shape;
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
