/**
 * Issue 14, the official document: the printed SOP AP carries the official Indonesian
 * labels whatever the interface language (`lang` is accepted and ignored), only the
 * international template prints in English; the agency's letterhead and logo (PNG or
 * SVG) and an approved version's QR code and short code are on the identity page of the
 * PDF and the Word file; without a letterhead the logo cell is empty (no "LOGO" box).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import runExport from '../../server/export/exportTask';
import { svgToPng } from '../../server/export/svgRaster';
import { createExportRouter } from '../../server/routes/export';
import { kopLines } from '../../shared/flowchart/letterhead';
import { templateSnapshot } from '../../shared/model/index';
import type { OfficialExtras } from '../../shared/model/official';
import type { SopSnapshot } from '../../shared/model/types';
import { norm, sample } from './export-helpers';

const LINES = [
  'PEMERINTAH PROVINSI BANTEN',
  'DINAS PERPUSTAKAAN DAN KEARSIPAN',
  'Jl. Raya Serang - Pandeglang Km. 4, Serang',
];
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="90" height="100"><rect x="5" y="5" width="80" height="90" fill="#1d4ed8"/></svg>`;

function extras(mime: 'image/png' | 'image/svg+xml' | null, verified = true): OfficialExtras {
  const data = mime === 'image/png' ? svgToPng(SVG, { maxSide: 120 }).png : Buffer.from(SVG);
  return {
    letterhead: {
      agencyName: 'Dinas Perpustakaan dan Kearsipan',
      lines: LINES,
      logo: mime ? { mime, data: new Uint8Array(data) } : null,
    },
    verification: verified
      ? { code: 'K7Q2-9MXD', url: 'https://susun.example/v/K7Q2-9MXD', version: 2 }
      : null,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'susun-official-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfText(pdf: Uint8Array): string {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return norm(
    execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** Images drawn on the first page (pdfimages -list). */
function pageOneImages(pdf: Uint8Array): number {
  const file = join(dir, `i-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const list = execFileSync('pdfimages', ['-f', '1', '-l', '1', '-list', file], {
    encoding: 'utf8',
  });
  // Columns: page num type …; an image's alpha mask is listed as its own "smask" row.
  return list
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
}

function docx(body: Uint8Array): { xml: string; media: string[] } {
  const files = unzipSync(body);
  return {
    xml: new TextDecoder().decode(files['word/document.xml']),
    media: Object.keys(files).filter((f) => f.startsWith('word/media/')),
  };
}

describe('labels: the template decides, not the interface language', () => {
  let url = '';
  let close: () => Promise<void> = async () => {};
  const sops: Record<string, SopSnapshot> = {
    sopap: sample(),
    intl: templateSnapshot('international', { now: new Date('2026-11-01T00:00:00Z') }),
  };
  beforeAll(async () => {
    const app = express();
    app.use('/api/sops', createExportRouter({ getSnapshot: async (id) => sops[id] ?? null }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sops`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it('an SOP AP prints "Kegiatan", "Nama SOP", "Tidak" with ?lang=en, in PDF and Word', async () => {
    const pdf = await fetch(`${url}/sopap/export.pdf?lang=en&forms=1`);
    expect(pdf.status).toBe(200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const w of ['Kegiatan', 'Nama SOP', 'Disahkan oleh', 'Pelaksana', 'Tidak', 'Mutu Baku'])
      expect(text).toContain(w);
    for (const w of ['Activity', 'SOP name', 'Approved by', 'Executors'])
      expect(text).not.toContain(w);
    const word = await fetch(`${url}/sopap/export.docx?lang=en`);
    const { xml } = docx(new Uint8Array(await word.arrayBuffer()));
    expect(xml).toContain('>Kegiatan<');
    expect(xml).toContain('>Nama SOP<');
    expect(xml).not.toContain('>Activity<');
  });

  it('the international template prints in English whatever is asked', async () => {
    const text = pdfText(
      new Uint8Array(await (await fetch(`${url}/intl/export.pdf?lang=id`)).arrayBuffer()),
    );
    expect(text).toContain('Activity');
    expect(text).toContain('SOP name');
    expect(text).not.toContain('Kegiatan');
  });
});

describe('letterhead, logo and verification mark', () => {
  it('prints bold agency lines (the agency largest) over smaller address lines', () => {
    const lines = kopLines({ agencyName: 'Dinas Perpustakaan dan Kearsipan', lines: LINES });
    expect(lines.map((l) => [l.bold, l.agency])).toEqual([
      [true, false],
      [true, true],
      [false, false],
    ]);
    expect(lines[1]!.size).toBeGreaterThan(lines[0]!.size);
    expect(lines[0]!.size).toBeGreaterThan(lines[2]!.size);
    expect(kopLines(null)).toEqual([]);
  });

  for (const mime of ['image/png', 'image/svg+xml'] as const) {
    it(`a ${mime} logo, the letterhead and the QR code reach the PDF and Word`, async () => {
      const snapshot = sample();
      const pdf = await runExport({ kind: 'pdf', snapshot, official: extras(mime) });
      const text = pdfText(pdf.body);
      for (const l of LINES) expect(text).toContain(norm(l));
      expect(text).toContain('Kode verifikasi: K7Q2-9MXD');
      expect(text).not.toContain('LOGO');
      // The logo is an image on the identity page (the QR code is drawn as vector squares).
      expect(pageOneImages(pdf.body)).toBe(1);

      const word = docx((await runExport({ kind: 'docx', snapshot, official: extras(mime) })).body);
      for (const l of LINES) expect(word.xml).toContain(`>${l}<`);
      expect(word.xml).toContain('>Kode verifikasi:<');
      expect(word.xml).toContain('>K7Q2-9MXD<');
      expect(word.xml).toContain('name="logo"');
      expect(word.xml).toContain('name="qr"');
      expect(word.xml).not.toContain('LOGO]');
      if (mime === 'image/svg+xml') expect(word.xml).toContain('svgBlip');
    });
  }

  it('without a letterhead the logo cell is empty, and a draft carries no QR code', async () => {
    const snapshot = sample();
    for (const official of [null, { letterhead: null, verification: null }, extras(null, false)]) {
      const pdf = await runExport({ kind: 'pdf', snapshot, official });
      const text = pdfText(pdf.body);
      expect(text).not.toContain('LOGO');
      expect(text).not.toContain('Kode verifikasi');
      expect(pageOneImages(pdf.body)).toBe(0);
      const word = docx((await runExport({ kind: 'docx', snapshot, official })).body);
      expect(word.xml).not.toContain('LOGO');
      expect(word.xml).not.toContain('name="qr"');
    }
  });

  it('a logo that is not what it claims to be is left out, the export still made', async () => {
    const bad: OfficialExtras = {
      letterhead: {
        agencyName: 'Dinas',
        lines: ['DINAS'],
        logo: { mime: 'image/png', data: new TextEncoder().encode('not a png') },
      },
      verification: null,
    };
    const pdf = await runExport({ kind: 'pdf', snapshot: sample(), official: bad });
    expect(pageOneImages(pdf.body)).toBe(0);
    expect(pdfText(pdf.body)).toContain('DINAS');
  });
});
