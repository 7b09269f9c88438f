/** Shared helpers of the export integration tests: a bare express app with the export router on port 0. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createExportRouter } from '../../server/routes/export';
import { templateSnapshot } from '../../shared/model/index';
import type { SopSnapshot } from '../../shared/model/types';

export function sample(): SopSnapshot {
  return templateSnapshot('sample', { now: new Date('2026-11-01T00:00:00Z') });
}

/** Start an app serving `sops` (id → snapshot) under /api/sops. */
export async function startExportApp(
  sops: Record<string, SopSnapshot>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use('/api/sops', createExportRouter({ getSnapshot: async (id) => sops[id] ?? null }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Collapse whitespace so wrapped cell text compares with the source text. */
export function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Page count, text (-raw) and per-page non-white pixel counts of a PDF (poppler-utils). */
export function inspectPdf(pdf: Buffer): { pages: number; text: string; inked: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'susun-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    });
    execFileSync('pdftoppm', ['-r', '50', file, join(dir, 'p')]);
    const ppms = readdirSync(dir)
      .filter((f) => f.endsWith('.ppm'))
      .sort();
    const inked = ppms.map((f) => countInk(readFileSync(join(dir, f))));
    return { pages: ppms.length, text, inked };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Non-white pixels of a binary PPM (P6, maxval 255). */
export function countInk(ppm: Buffer): number {
  // Header: "P6" whitespace width whitespace height whitespace maxval single-whitespace.
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(ppm[pos]!))) pos++;
    if (ppm[pos] === 0x23) {
      while (ppm[pos] !== 0x0a) pos++;
      continue;
    }
    let tok = '';
    while (!/\s/.test(String.fromCharCode(ppm[pos]!))) tok += String.fromCharCode(ppm[pos++]!);
    fields.push(tok);
  }
  pos++;
  if (fields[0] !== 'P6') throw new Error(`not a P6 ppm: ${fields[0]}`);
  const w = Number(fields[1]);
  const h = Number(fields[2]);
  let ink = 0;
  for (let i = 0; i < w * h; i++) {
    const o = pos + i * 3;
    if (ppm[o]! < 200 || ppm[o + 1]! < 200 || ppm[o + 2]! < 200) ink++;
  }
  return ink;
}
