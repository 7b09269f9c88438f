/**
 * Zips the parts of a Word package with node's zlib rather than the `docx` package's
 * bundled pure-JS DEFLATE (fflate): a 1,000-step procedure is ~5.6 MB of XML, which
 * fflate took ~0.5 s to compress and zlib takes ~40 ms. Synchronously: the export runs in
 * a worker thread, and a package has hundreds of small parts, each of which would cost a
 * round trip through the thread pool.
 *
 * The parts come from the `docx` package's own compiler (`Packer.compiler`, a static it
 * does not declare public): the same files `Packer.toBuffer` would zip, in the same
 * order (package-lock.json pins the version; a unit test checks the compiler is there).
 *
 * The zip is plain PKZIP 2.0: no zip64 (a package is far below 4 GB and 65,535 parts),
 * UTF-8 names, a fixed timestamp (the same document zips to the same bytes). Images
 * already compressed are stored; everything else is deflated.
 */

import { crc32, deflateRawSync } from 'node:zlib';
import { type Document, Packer } from 'docx';

type Part = string | Uint8Array;
interface Compiler {
  compile(file: Document): Map<string, Part>;
}

/** The `docx` package's compiler, if this version still has it where we expect. */
export function docxCompiler(): Compiler | null {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  return compiler && typeof compiler.compile === 'function' ? (compiler as Compiler) : null;
}

/**
 * The .docx bytes of `doc`: its parts compiled by `docx`, then given to `beforeZip` (which
 * may change them), then zipped by {@link zipParts}.
 */
export async function packDocx(
  doc: Document,
  beforeZip?: (parts: Map<string, Part>) => Promise<void>,
): Promise<Buffer> {
  const compiler = docxCompiler();
  if (!compiler) throw new Error('This version of the docx package has no Packer.compiler');
  const parts = compiler.compile(doc);
  await beforeZip?.(parts);
  return zipParts(parts);
}

/** Formats whose bytes are already compressed: deflating them again only costs time. */
const STORED = /\.(png|jpe?g|gif)$/i;
/** 1980-01-01 00:00 in MS-DOS date/time, the zip format's epoch. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;

interface ZipEntry {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  body: Uint8Array;
}

/**
 * Version needed, flags, method, time, date, CRC, sizes, name length (extra-field length
 * stays zero): the same run of fields in a local header and a central directory entry.
 */
function writeEntryFields(buf: Buffer, at: number, e: ZipEntry): void {
  buf.writeUInt16LE(20, at); // version needed: 2.0
  buf.writeUInt16LE(UTF8_NAMES, at + 2);
  buf.writeUInt16LE(e.method, at + 4);
  buf.writeUInt16LE(DOS_TIME, at + 6);
  buf.writeUInt16LE(DOS_DATE, at + 8);
  buf.writeUInt32LE(e.crc, at + 10);
  buf.writeUInt32LE(e.body.byteLength, at + 14);
  buf.writeUInt32LE(e.size, at + 18);
  buf.writeUInt16LE(e.name.length, at + 22);
}

/** A zip archive of `parts` (path → content), in their order. */
export function zipParts(parts: Map<string, Part>): Buffer {
  const entries = [...parts].map(([path, part]): ZipEntry => {
    const data = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const store = STORED.test(path);
    return {
      name: Buffer.from(path, 'utf8'),
      method: store ? 0 : 8,
      crc: crc32(data) >>> 0,
      size: data.byteLength,
      body: store ? data : deflateRawSync(data),
    };
  });
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    // The local header and the central directory's entry share these fields, 2 bytes apart.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, e);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    writeEntryFields(header, 6, e);
    // extra, comment, disk, internal and external attributes: all zero
    header.writeUInt32LE(offset, 42);
    central.push(header, e.name);
    chunks.push(local, e.name, e.body);
    offset += local.length + e.name.length + e.body.byteLength;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
