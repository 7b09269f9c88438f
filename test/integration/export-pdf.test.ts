/**
 * PDF export (issue 6): the sample SOP exports to an identity page plus
 * procedure pages; every page has ink; the text holds the SOP name, the
 * identity fields and every step's Kegiatan. Unknown ids get a JSON 404.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SopSnapshot } from '../../shared/model/types';
import { inspectPdf, norm, sample, startExportApp } from './export-helpers';

let app: { url: string; close: () => Promise<void> };
let snap: SopSnapshot;
let broken: SopSnapshot;

beforeAll(async () => {
  snap = sample();
  broken = sample();
  broken.identity.name = '';
  broken.steps[1]!.actorId = null;
  app = await startExportApp({ sample: snap, broken });
});
afterAll(async () => {
  await app.close();
});

async function get(path: string): Promise<Response> {
  return fetch(`${app.url}${path}`);
}

describe('GET /api/sops/:id/export.pdf', () => {
  it('renders the identity page and the procedure pages of the sample', async () => {
    const res = await get('/api/sops/sample/export.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-susun-warnings')).toBe('0');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text, inked } = inspectPdf(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const ink of inked) expect(ink).toBeGreaterThan(500);
    const flat = norm(text);
    expect(flat).toContain(norm(snap.identity.name));
    expect(flat).toContain(snap.identity.number);
    for (const label of [
      'Nomor SOP',
      'Tanggal Efektif',
      'Disahkan oleh',
      'Dasar Hukum',
      'Kegiatan',
      'Mutu Baku',
    ]) {
      expect(flat).toContain(label);
    }
    for (const step of snap.steps) expect(flat).toContain(norm(step.activity));
    for (const actor of snap.actors) expect(flat).toContain(norm(actor.name));
  });

  it('appends the monitoring and evaluation forms with forms=1, prefilled with name and number', async () => {
    const plain = inspectPdf(
      Buffer.from(await (await get('/api/sops/sample/export.pdf')).arrayBuffer()),
    );
    const res = await get('/api/sops/sample/export.pdf?forms=1');
    const withForms = inspectPdf(Buffer.from(await res.arrayBuffer()));
    expect(withForms.pages).toBeGreaterThanOrEqual(plain.pages + 2);
    const flat = norm(withForms.text);
    expect(flat).toContain('Penilaian terhadap Penerapan');
    expect(flat).toContain('Mudah dipahami');
    const forms = inspectPdf(
      Buffer.from(await (await get('/api/sops/sample/forms.pdf')).arrayBuffer()),
    );
    expect(forms.pages).toBeGreaterThanOrEqual(2);
    expect(norm(forms.text)).toContain(snap.identity.number);
    expect(norm(forms.text)).toContain(norm(snap.identity.name));
  });

  it('warns but still exports an SOP with validation problems', async () => {
    const res = await get('/api/sops/broken/export.pdf');
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-susun-warnings'))).toBeGreaterThan(0);
    expect(inspectPdf(Buffer.from(await res.arrayBuffer())).pages).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 JSON for an unknown id', async () => {
    for (const path of [
      '/api/sops/nope/export.pdf',
      '/api/sops/nope/export.docx',
      '/api/sops/nope/forms.pdf',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
    }
  });
});
