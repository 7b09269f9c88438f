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
import { clampText } from '../../shared/flowchart/textMetrics';
import type { FlowchartLayout, LayoutPage } from '../../shared/flowchart/types';
import type { SopSnapshot } from '../../shared/model/types';
import { NO_OFFICIAL, type OfficialAssets } from './official';
import { drawEvaluationForm, drawMonitoringForm } from './pdfForms';
import { drawIdentityPage } from './pdfIdentity';
import { drawOps, visibleOps } from './pdfOps';

export interface PdfOptions {
  labels?: OutputLabels;
  /** Which parts to include; default identity + procedure. */
  parts?: Array<'identity' | 'procedure' | 'forms'>;
  /** Fixed creation date, for reproducible output in tests. */
  creationDate?: Date;
  /** Letterhead, logo and verification mark (default: none). */
  official?: OfficialAssets;
}

const MARGIN = 28;
/** More of the name than fits across a page, in the one-line title over every procedure page. */
const TITLE_CHARS = 400;

/** The snapshot with name and number cut (visibly) to what the page title can show. */
function withShortTitle(s: SopSnapshot): SopSnapshot {
  const { name, number } = s.identity;
  if (name.length <= TITLE_CHARS && number.length <= TITLE_CHARS) return s;
  const identity = {
    ...s.identity,
    name: clampText(name, TITLE_CHARS),
    number: clampText(number, TITLE_CHARS),
  };
  return { ...s, identity };
}

/**
 * The layout and page without the columns and header cells that start past the
 * page's right edge (more pelaksana than fit across), so drawing a page costs
 * what is visible rather than what was laid out. The last column stays, so the
 * page number keeps its anchor; anything else off the page is culled by
 * `visibleOps`. An SOP whose columns fit is returned unchanged.
 */
function clipToPage(
  layout: FlowchartLayout,
  page: LayoutPage,
  width: number,
): { layout: FlowchartLayout; page: LayoutPage } {
  const last = layout.columns[layout.columns.length - 1];
  if (!last || last.x <= width) return { layout, page };
  const columns = layout.columns.filter((c) => c.x <= width || c === last);
  return {
    layout: { ...layout, columns },
    page: { ...page, header: page.header.filter((h) => h.x <= width) },
  };
}

/** The procedure layout the PDF is drawn from (tests locate rows and lanes with it). */
export function pdfLayout(snapshot: SopSnapshot, labels: OutputLabels): FlowchartLayout {
  return layoutProcedure(withShortTitle(snapshot), { labels, margin: MARGIN });
}

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
    drawIdentityPage(
      doc,
      snapshot.identity,
      labels,
      { x: MARGIN, y: MARGIN, w: A4.height - 2 * MARGIN, h: A4.width - 2 * MARGIN },
      options.official ?? NO_OFFICIAL,
    );
  }
  if (parts.includes('procedure')) {
    const layout = pdfLayout(snapshot, labels);
    for (const page of layout.pages) {
      landscape();
      const clipped = clipToPage(layout, page, A4.height);
      drawOps(doc, visibleOps(pageOps(clipped.layout, clipped.page, labels), A4.height, A4.width));
    }
  }
  if (parts.includes('forms')) {
    drawMonitoringForm(doc, snapshot, labels);
    drawEvaluationForm(doc, snapshot, labels);
  }
  doc.end();
  return done;
}
