/**
 * Copies a Yjs v1 update of a plain Y.Text document under another client id and another
 * parent, so scenario (d) can build 10× and 100× the automerge-paper document out of one
 * replay (replaying the 260k-edit trace 100 times would take minutes). The parent is a root
 * name, or the id of an item holding a Y.Text (e.g. the `text` of a list-box entry, so the
 * copy is a field the SOP model reads). Only the structs that carry their parent are changed:
 * Yjs writes the parent only for an item with neither origin (the first one inserted into an
 * empty text, and any inserted while it was empty again); the others inherit it from their
 * origins on integration. Only the struct kinds a text document produces are supported (GC,
 * Skip, string and deleted content); anything else throws rather than producing a corrupt
 * fixture.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;

/** Where the copied text goes: a root type by name, or the type held by item `{client, clock}`. */
export type TextParent = { root: string } | { item: { client: number; clock: number } };

export function rewriteTextUpdate(
  update: Uint8Array,
  mapClient: (c: number) => number,
  parent: TextParent,
): Uint8Array {
  const dec = decoding.createDecoder(update);
  const enc = encoding.createEncoder();
  const copyId = () => {
    encoding.writeVarUint(enc, mapClient(decoding.readVarUint(dec)));
    encoding.writeVarUint(enc, decoding.readVarUint(dec));
  };
  const numClients = decoding.readVarUint(dec);
  encoding.writeVarUint(enc, numClients);
  for (let c = 0; c < numClients; c++) {
    const numStructs = decoding.readVarUint(dec);
    encoding.writeVarUint(enc, numStructs);
    copyId(); // client and first clock
    for (let s = 0; s < numStructs; s++) {
      const info = decoding.readUint8(dec);
      encoding.writeUint8(enc, info);
      const ref = info & 0x1f;
      if (ref === 0 || ref === 10) {
        encoding.writeVarUint(enc, decoding.readVarUint(dec)); // GC / Skip length
        continue;
      }
      if (info & BIT8) copyId();
      if (info & BIT7) copyId();
      if ((info & (BIT8 | BIT7)) === 0) {
        // Parent info: 1 + root name, or 0 + the id of the item holding the parent type.
        if (decoding.readVarUint(dec) === 1) decoding.readVarString(dec);
        else {
          decoding.readVarUint(dec);
          decoding.readVarUint(dec);
        }
        if ('root' in parent) {
          encoding.writeVarUint(enc, 1);
          encoding.writeVarString(enc, parent.root);
        } else {
          encoding.writeVarUint(enc, 0);
          encoding.writeVarUint(enc, parent.item.client);
          encoding.writeVarUint(enc, parent.item.clock);
        }
        if (info & BIT6) encoding.writeVarString(enc, decoding.readVarString(dec));
      }
      if (ref === 1) encoding.writeVarUint(enc, decoding.readVarUint(dec));
      else if (ref === 4) encoding.writeVarString(enc, decoding.readVarString(dec));
      else throw new Error(`rewriteTextUpdate: unsupported content type ${ref}`);
    }
  }
  const dsClients = decoding.readVarUint(dec);
  encoding.writeVarUint(enc, dsClients);
  for (let c = 0; c < dsClients; c++) {
    encoding.writeVarUint(enc, mapClient(decoding.readVarUint(dec)));
    const ranges = decoding.readVarUint(dec);
    encoding.writeVarUint(enc, ranges);
    for (let r = 0; r < ranges * 2; r++) encoding.writeVarUint(enc, decoding.readVarUint(dec));
  }
  return encoding.toUint8Array(enc);
}
