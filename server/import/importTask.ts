/**
 * What an import worker thread runs: a .docx read into an SOP snapshot (issue 17).
 * Loaded by `worker.mjs`; also callable in-process (tests). Answers a plain result
 * rather than throwing, so the refusal's code crosses the thread boundary intact.
 */
import { DocxImportError, openDocx } from './docxPackage';
import { type DocxSop, sopFromDocx } from './sopFromDocx';

export interface DocxImportJob {
  bytes: Uint8Array;
  /** ISO time the SOP is created at (default: now). */
  now?: string | undefined;
}

export type DocxImportOutcome =
  | ({ ok: true } & DocxSop)
  | { ok: false; code: DocxImportError['code']; message: string };

export default function runDocxImport(job: DocxImportJob): DocxImportOutcome {
  try {
    const pkg = openDocx(job.bytes);
    return { ok: true, ...sopFromDocx(pkg, job.now ? new Date(job.now) : new Date()) };
  } catch (err) {
    if (err instanceof DocxImportError) return { ok: false, code: err.code, message: err.message };
    // Anything else the reader trips on is a file it cannot read, not a server fault.
    return {
      ok: false,
      code: 'corrupt_docx',
      message: 'The Word file could not be read',
    };
  }
}
