/**
 * Word export (issue 6): a valid OOXML package whose document text holds the
 * identity fields and every step, with one flowchart image (SVG + PNG fallback)
 * per step row.
 */

import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordLayout } from '../../server/export/docxProcedure';
import { labelsId } from '../../shared/flowchart/labels';
import type { SopSnapshot } from '../../shared/model/types';
import { norm, sample, startExportApp } from './export-helpers';

let app: { url: string; close: () => Promise<void> };
let snap: SopSnapshot;

beforeAll(async () => {
  snap = sample();
  app = await startExportApp({ sample: snap });
});
afterAll(async () => {
  await app.close();
});

/** Text of word/document.xml: runs joined, paragraphs separated by spaces, entities decoded. */
function documentText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('GET /api/sops/:id/export.docx', () => {
  it('is a valid package with identity, every step and flowchart images', async () => {
    const res = await fetch(`${app.url}/api/sops/sample/export.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toContain('.docx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes[0]).toBe(0x50); // PK
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']),
    );
    const xml = new TextDecoder().decode(files['word/document.xml']);
    const text = norm(documentText(xml));
    const id = snap.identity;
    for (const v of [
      id.name,
      id.number,
      id.agency,
      id.unit,
      id.approvedBy.name,
      id.approvedBy.nip,
    ]) {
      // Agency and unit print in capitals, as on the paper form.
      if (v) expect(text.toLowerCase()).toContain(norm(v).toLowerCase());
    }
    for (const label of [
      'Nomor SOP',
      'Tanggal Pembuatan',
      'Tanggal Revisi',
      'Tanggal Efektif',
      'Disahkan oleh',
      'Nama SOP',
    ]) {
      expect(text).toContain(label);
    }
    for (const v of [...id.legalBasis, ...id.equipment]) expect(text).toContain(norm(v));
    for (const label of ['Kelengkapan', 'Waktu', 'Output', 'Keterangan', 'Mutu Baku'])
      expect(text).toContain(label);
    for (const step of snap.steps) expect(text).toContain(norm(step.activity));
    for (const actor of snap.actors) expect(text).toContain(norm(actor.name));
    // Laid out page by page as the PDF (issue 14): each page has its own table whose two
    // header rows are marked to repeat.
    const pages = wordLayout(snap, labelsId).pages.length;
    expect(pages).toBeGreaterThan(1);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(2 * pages);
    // Every step row carries its flowchart strip; every SVG strip has its PNG fallback.
    for (let n = 1; n <= snap.steps.length; n++) expect(xml).toContain(`name="step-${n}"`);
    expect(xml).toContain('name="connector-');
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    const svgs = media.filter((f) => f.endsWith('.svg'));
    const pngs = media.filter((f) => f.endsWith('.png'));
    expect(svgs.length).toBeGreaterThan(0);
    expect(pngs).toHaveLength(svgs.length);
    for (const p of pngs) expect(Array.from(files[p]!.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    // The strip paragraphs say how their line height is meant (LibreOffice showed slivers).
    expect(xml).not.toMatch(/<w:spacing w:line="\d+"\/>/);
  });
});
