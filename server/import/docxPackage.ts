/**
 * Reading a .docx package (issue 17): a ZIP archive (fflate) holding `word/document.xml`,
 * its relationships and media. Only the parts the import needs are inflated, each with a
 * size bound checked against what the archive declares and against what actually
 * comes out, so a small file that inflates to gigabytes (a "zip bomb") is refused rather
 * than filling the heap.
 */
import { unzipSync } from 'fflate';
import { parseXml, type XmlElement } from './xml.js';

/** A refusal of the whole file (the route answers 422 with `code`). */
export class DocxImportError extends Error {
  constructor(
    readonly code: 'corrupt_docx' | 'not_docx' | 'not_an_sop' | 'docx_too_complex',
    message: string,
  ) {
    super(message);
    this.name = 'DocxImportError';
  }
}

/** Largest inflated `word/document.xml`, and largest inflated SVG image read. */
export const MAX_DOCUMENT_XML = 64 * 1024 * 1024;
export const MAX_SVG_BYTES = 4 * 1024 * 1024;
/** Most bytes inflated for one file in all. */
export const MAX_INFLATED = 160 * 1024 * 1024;

const DOC = 'word/document.xml';
const RELS = 'word/_rels/document.xml.rels';

export interface DocxPackage {
  document: XmlElement;
  /** Relationship id → target path inside the package (e.g. `word/media/a.svg`). */
  rels: Map<string, string>;
  /** The bytes of an SVG part, or null when absent or too large. */
  svg(path: string): Uint8Array | null;
}

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Opens a .docx: its main document parsed, relationships read, SVG media kept for reading. */
export function openDocx(bytes: Uint8Array): DocxPackage {
  if (!isZip(bytes))
    throw new DocxImportError('not_docx', 'The file is not a Word document (.docx)');
  let files: Record<string, Uint8Array>;
  let declared = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const want =
          f.name === DOC ||
          f.name === RELS ||
          (f.name.startsWith('word/media/') && f.name.toLowerCase().endsWith('.svg'));
        if (!want) return false;
        const max = f.name === DOC ? MAX_DOCUMENT_XML : f.name === RELS ? 1 << 20 : MAX_SVG_BYTES;
        if (f.originalSize > max) {
          if (f.name === DOC)
            throw new DocxImportError(
              'docx_too_complex',
              'The document text is too large to import',
            );
          return false;
        }
        declared += f.originalSize;
        if (declared > MAX_INFLATED)
          throw new DocxImportError('docx_too_complex', 'The document is too large to import');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof DocxImportError) throw err;
    throw new DocxImportError('corrupt_docx', 'The Word file is damaged and cannot be read');
  }
  const docBytes = files[DOC];
  if (!docBytes)
    throw new DocxImportError('not_docx', 'The file is not a Word document (no word/document.xml)');
  // The sizes inflated must be the ones declared (checked above).
  let inflated = 0;
  for (const f of Object.values(files)) inflated += f.byteLength;
  if (docBytes.byteLength > MAX_DOCUMENT_XML || inflated > MAX_INFLATED)
    throw new DocxImportError('docx_too_complex', 'The document is too large to import');
  const text = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(b);
  let document: XmlElement;
  try {
    document = parseXml(text(docBytes));
  } catch {
    throw new DocxImportError('corrupt_docx', 'The Word file is damaged: its text cannot be read');
  }
  const rels = new Map<string, string>();
  const relBytes = files[RELS];
  if (relBytes) {
    try {
      for (const r of parseXml(text(relBytes)).children) {
        if (typeof r === 'string' || r.name !== 'Relationship') continue;
        const id = r.attrs.Id;
        const target = r.attrs.Target;
        if (id && target && r.attrs.TargetMode !== 'External')
          rels.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
      }
    } catch {
      // Without relationships the images are not read; the text still is.
    }
  }
  return {
    document,
    rels,
    svg: (path) => {
      const b = files[path];
      return b && b.byteLength <= MAX_SVG_BYTES ? b : null;
    },
  };
}
