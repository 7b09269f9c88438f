/**
 * Issue 12, the Word export's last steps: the package zipped with node's zlib
 * (zipPackage.ts) reads back byte for byte, with images stored and XML deflated; the
 * `docx` compiler it relies on is there; and strips' PNGs drawn by their own thread end
 * up in the package in place of the stand-ins the document was built with.
 */

import { Document, Packer, Paragraph } from 'docx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../server/export/docx';
import { StripPngs } from '../../server/export/docxStrips';
import { docxCompiler, packDocx, zipParts } from '../../server/export/zipPackage';
import { bigSop } from '../helpers/bigSop';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

describe('zipParts', () => {
  it('writes a zip that reads back to the same parts, in their order', async () => {
    const png = new Uint8Array([...PNG_SIGNATURE, 1, 2, 3]);
    const parts = new Map<string, string | Uint8Array>([
      ['[Content_Types].xml', '<Types/>'],
      [
        'word/document.xml',
        `<w:document>${'<w:p>Prosedur ‘arsip’ — ü</w:p>'.repeat(500)}</w:document>`,
      ],
      ['word/media/a.png', png],
      ['docProps/ünïcode.xml', ''],
    ]);
    const zip = zipParts(parts);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([...parts.keys()]);
    for (const [path, data] of parts)
      expect(Buffer.from(files[path]!)).toEqual(
        typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data),
      );
    // Stored (method 0) at the PNG's local header, deflated (8) for the repetitive XML.
    const methodOf = (name: string) => zip.readUInt16LE(zip.indexOf(Buffer.from(name)) - 22);
    expect(methodOf('word/media/a.png')).toBe(0);
    expect(methodOf('word/document.xml')).toBe(8);
    expect(zip.length).toBeLessThan(Buffer.byteLength(parts.get('word/document.xml') as string));
  });

  it('zips the parts Packer.toBuffer zips, to the same files', async () => {
    expect(docxCompiler()).not.toBeNull();
    const doc = () =>
      new Document({ sections: [{ children: [new Paragraph('Penyelamatan arsip')] }] });
    const ours = unzipSync(await packDocx(doc()));
    const theirs = unzipSync(await Packer.toBuffer(doc()));
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    for (const name of Object.keys(theirs))
      if (name !== 'docProps/core.xml')
        expect(Buffer.from(ours[name]!).toString()).toBe(Buffer.from(theirs[name]!).toString());
  });
});

describe('StripPngs', () => {
  it('draws on its own thread and swaps the stand-ins for the media bytes', async () => {
    const pngs = new StripPngs();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="2" y="2" width="30" height="10" fill="#000"/></svg>',
    );
    const image = { svg, png: Buffer.alloc(0) };
    pngs.add(image, svg.toString(), 80);
    const media = (image as { media?: { svg: Buffer; png: Buffer } }).media!;
    expect(media.svg.equals(media.png)).toBe(false);
    const parts = new Map<string, string | Uint8Array>([
      ['word/media/x.svg', media.svg],
      ['word/media/x.png', media.png],
      ['word/document.xml', '<w:document/>'],
    ]);
    await pngs.drawAll();
    pngs.fill(parts);
    expect(parts.get('word/media/x.svg')).toBe(svg);
    const png = Buffer.from(parts.get('word/media/x.png') as Uint8Array);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(80); // IHDR width
  });

  it('leaves no stand-in in a rendered Word file', async () => {
    const files = unzipSync(await renderDocx(bigSop({ steps: 40 })));
    const media = Object.keys(files).filter((p) => p.startsWith('word/media/'));
    expect(media.length).toBeGreaterThan(2);
    for (const path of media) {
      const bytes = Buffer.from(files[path]!);
      expect(bytes.toString('latin1')).not.toContain('susun-strip-media:');
      if (path.endsWith('.png')) expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      else expect(bytes.toString('utf8')).toMatch(/^<svg/);
    }
  });
});
