/**
 * Issue 17 — the .docx reader in process: a multi-page export of Susun (off-page
 * connectors carrying decision exits forward and back across pages) round-trips, and
 * packages that would inflate past the limits are refused without being inflated.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import runExport from '../../server/export/exportTask.js';
import { MAX_DOCUMENT_XML } from '../../server/import/docxPackage.js';
import runDocxImport from '../../server/import/importTask.js';
import { bigSop } from '../helpers/bigSop.js';
import { plainSteps } from './import-docx-fixtures.js';

describe('docx reader', () => {
  it('round-trips a multi-page export: exits through off-page connectors, both ways', async () => {
    const source = bigSop({ steps: 60, actors: 5 });
    const word = await runExport({ kind: 'docx', snapshot: source });
    const out = runDocxImport({ bytes: word.body });
    if (!out.ok) throw new Error(out.message);
    expect(out.warnings).toEqual([]);
    expect(plainSteps(out.snapshot)).toEqual(plainSteps(source));
    // Decisions whose exits leave their page exist in this SOP (else the test proves less).
    expect(plainSteps(source).filter((s) => s.kind === 'decision').length).toBeGreaterThan(5);
  });

  it('refuses a package whose text would inflate past the limit', () => {
    const huge = new Uint8Array(MAX_DOCUMENT_XML + 1).fill(0x20);
    const bomb = zipSync({ 'word/document.xml': huge }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(runDocxImport({ bytes: bomb })).toMatchObject({ ok: false, code: 'docx_too_complex' });
  });

  it('refuses an archive without a Word document, and malformed XML', () => {
    const noDoc = zipSync({ 'hello.txt': new TextEncoder().encode('hi') });
    expect(runDocxImport({ bytes: noDoc })).toMatchObject({ ok: false, code: 'not_docx' });
    const bad = zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document><w:body>') });
    expect(runDocxImport({ bytes: bad })).toMatchObject({ ok: false, code: 'corrupt_docx' });
  });
});
