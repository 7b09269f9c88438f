/// <reference types="pdfkit" />
/**
 * PDF export of an SOP in the SOP AP layout, with pdfkit (pure JS: `npm start`
 * needs no Chromium). Landscape A4 identity page, then the procedure pages drawn
 * from the shared flowchart geometry, then optionally the monitoring and
 * evaluation forms (portrait A4).
 */

import PDFDocument from 'pdfkit';
import { pageOps } from '../../shared/flowchart/drawOps';
import { labelsId, type OutputLabels } from '../../shared/flowchart/labels';
import { A4, layoutProcedure } from '../../shared/flowchart/layout';
import type { SopSnapshot } from '../../shared/model/types';
import { drawEvaluationForm, drawMonitoringForm } from './pdfForms';
import { drawIdentityPage } from './pdfIdentity';
import { drawOps } from './pdfOps';

export interface PdfOptions {
  labels?: OutputLabels;
  /** Which parts to include; default identity + procedure. */
  parts?: Array<'identity' | 'procedure' | 'forms'>;
  /** Fixed creation date, for reproducible output in tests. */
  creationDate?: Date;
}

const MARGIN = 28;

/** Render the SOP to a PDF buffer. */
export function renderPdf(snapshot: SopSnapshot, options: PdfOptions = {}): Promise<Buffer> {
  const labels = options.labels ?? labelsId;
  const parts = options.parts ?? ['identity', 'procedure'];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: snapshot.identity.name || 'SOP',
      Subject: snapshot.identity.number,
      Creator: 'Susun',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const landscape = () => doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });

  if (parts.includes('identity')) {
    landscape();
    drawIdentityPage(doc, snapshot.identity, labels, {
      x: MARGIN,
      y: MARGIN,
      w: A4.height - 2 * MARGIN,
      h: A4.width - 2 * MARGIN,
    });
  }
  if (parts.includes('procedure')) {
    const layout = layoutProcedure(snapshot, { labels, margin: MARGIN });
    for (const page of layout.pages) {
      landscape();
      drawOps(doc, pageOps(layout, page, labels));
    }
  }
  if (parts.includes('forms')) {
    drawMonitoringForm(doc, snapshot, labels);
    drawEvaluationForm(doc, snapshot, labels);
  }
  doc.end();
  return done;
}
