/**
 * What an export worker thread runs: one PDF or Word rendering of an SOP
 * snapshot handed over as plain data. Loaded by `worker.mjs` (which makes
 * TypeScript importable in the thread); also callable directly, in-process.
 */

import * as Y from 'yjs';
import { documentLabels } from '../../shared/flowchart/labels';
import { migrate, Origin, toSnapshot, validate } from '../../shared/model/index';
import type { OfficialExtras } from '../../shared/model/official';
import type { SopSnapshot } from '../../shared/model/types';
import { renderDocx } from './docx';
import { officialAssets } from './official';
import { renderPdf } from './pdf';
import { type FilledFormSpec, renderFilledForm } from './pdfForms';
import { printable } from './printable';

/** One export to render. */
export interface ExportJob {
  /** `pdf`: identity + procedure (+ forms when `forms`); `forms`: the forms only; `docx`: Word. */
  kind: 'pdf' | 'docx' | 'forms';
  /** The SOP as plain data, or… */
  snapshot?: SopSnapshot | undefined;
  /** …its Yjs state as encoded updates (stored snapshot + log, or an open room's state). */
  updates?: Uint8Array[] | undefined;
  /**
   * The interface language of whoever asked. Accepted and ignored: a printed SOP
   * speaks its template's language (`documentLabels`: the official Indonesian SOP AP
   * labels, English only for the international template), whatever the interface's.
   */
  lang?: string | undefined;
  /** Letterhead, logo and verification mark printed on the document (none when absent). */
  official?: OfficialExtras | null | undefined;
  /** With kind `pdf`: append the monitoring and evaluation forms. */
  forms?: boolean | undefined;
  /** With kind `forms`: that one form, filled with its record (issue 17). */
  filled?: FilledFormSpec | undefined;
  /** Fixed PDF creation date (ISO), for reproducible output in tests. */
  creationDate?: string | undefined;
}

/** The rendered file and the number of validation problems of the SOP (reported, never blocking). */
export interface ExportResult {
  body: Uint8Array;
  warnings: number;
  /** File name stem material: the SOP's number and name. */
  number: string;
  name: string;
}

/**
 * The snapshot of a job: given, or read from its updates as the SOP service reads a
 * stored SOP (applied with origin `load`, then migrated). An update that cannot be
 * applied is skipped and counted, so the rest still exports.
 */
export function jobSnapshot(job: ExportJob): { snapshot: SopSnapshot; skipped: number } {
  if (job.snapshot) return { snapshot: job.snapshot, skipped: 0 };
  const doc = new Y.Doc();
  let skipped = 0;
  try {
    doc.transact(() => {
      for (const u of job.updates ?? []) {
        try {
          Y.applyUpdate(doc, u, Origin.load);
        } catch {
          skipped++;
        }
      }
    }, Origin.load);
    migrate(doc);
    return { snapshot: toSnapshot(doc), skipped };
  } finally {
    doc.destroy();
  }
}

/** Render one export job. */
export default async function runExport(job: ExportJob): Promise<ExportResult> {
  const read = jobSnapshot(job);
  const labels = documentLabels(read.snapshot.meta.template);
  const official = await officialAssets(job.official);
  const skipped = read.skipped;
  const snapshot = printable(read.snapshot, job.kind);
  const base = {
    warnings: validate(snapshot).length + skipped,
    number: snapshot.identity.number.slice(0, 400),
    name: snapshot.identity.name.slice(0, 400),
  };
  if (job.kind === 'docx')
    return { body: await renderDocx(snapshot, { labels, official }), ...base };
  if (job.kind === 'forms' && job.filled)
    return { body: await renderFilledForm(snapshot, labels, job.filled), ...base };
  const parts: Array<'identity' | 'procedure' | 'forms'> =
    job.kind === 'forms'
      ? ['forms']
      : job.forms
        ? ['identity', 'procedure', 'forms']
        : ['identity', 'procedure'];
  const body = await renderPdf(snapshot, {
    labels,
    parts,
    official,
    ...(job.creationDate ? { creationDate: new Date(job.creationDate) } : {}),
  });
  return { body, ...base };
}
