/**
 * Copies a Yjs v1 update of a plain Y.Text document under another client id and root name,
 * so scenario (d) can build 10× and 100× the automerge-paper document out of one replay
 * (replaying the 260k-edit trace 100 times would take minutes). Only the struct kinds a
 * text document produces are supported (GC, Skip, string and deleted content); anything
 * else throws rather than producing a corrupt fixture.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;

export function rewriteTextUpdate(
  update: Uint8Array,
  mapClient: (c: number) => number,
  rootName: string,
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
        const isRootName = decoding.readVarUint(dec) === 1;
        encoding.writeVarUint(enc, isRootName ? 1 : 0);
        if (isRootName) {
          decoding.readVarString(dec);
          encoding.writeVarString(enc, rootName);
        } else copyId();
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
