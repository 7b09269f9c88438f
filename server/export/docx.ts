/**
 * Word export with the `docx` package: the identity section (docxIdentity), then the
 * procedure section (docxProcedure), one landscape A4 section each.
 *
 * The flowchart: Word has no swimlane primitive and `docx` cannot emit DrawingML
 * shapes, so each row of the procedure table (real, editable text) carries one image
 * spanning the lane columns, cut from the same page geometry the PDF uses, off-page
 * connectors included. The image is SVG (Word 2016+, LibreOffice) with a PNG
 * fallback. Strips stack into one continuous chart as long as the row heights we
 * ask for (at least ours) hold, which they do: our text fits the cells with room.
 */

import { Document, PageOrientation } from 'docx';
import { labelsId, type OutputLabels } from '../../shared/flowchart/labels';
import type { SopSnapshot } from '../../shared/model/types';
import { DOC_DEFAULTS, para, TW } from './docxCells';
import { identitySection } from './docxIdentity';
import { procedureSection, WORD_MARGIN } from './docxProcedure';
import { StripPngs } from './docxStrips';
import { NO_OFFICIAL, type OfficialAssets } from './official';
import { packDocx } from './zipPackage';

/** Render the SOP to a .docx buffer (identity section, then the procedure section). */
export async function renderDocx(
  snapshot: SopSnapshot,
  options: { labels?: OutputLabels; official?: OfficialAssets } = {},
): Promise<Buffer> {
  const labels = options.labels ?? labelsId;
  const margin = WORD_MARGIN * TW;
  const page = {
    size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
    margin: { top: margin, bottom: margin, left: margin, right: margin },
  };
  const contentW = 841.89 - 2 * WORD_MARGIN;
  // The strips' PNG fallbacks are drawn by a thread of their own (see StripPngs).
  const pngs = new StripPngs();
  const procedure = procedureSection(snapshot, labels, pngs);
  const doc = new Document({
    creator: 'Susun',
    title: snapshot.identity.name || 'SOP',
    styles: { default: DOC_DEFAULTS },
    sections: [
      {
        properties: { page },
        children: identitySection(snapshot, labels, contentW, options.official ?? NO_OFFICIAL),
      },
      {
        properties: { page },
        // A table is never the last thing of a section: the total (or an empty line) follows.
        children: [...procedure.children, ...para(procedure.total, { bold: true })],
      },
    ],
  });
  // The PNGs are drawn while the document compiles, and put in before it is zipped.
  return packDocx(doc, async (parts) => {
    const xml = parts.get('word/document.xml');
    if (xml === undefined) throw new Error('Word export: the package has no document.xml');
    const text = typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
    parts.set('word/document.xml', procedure.raw.fill(text));
    await pngs.drawAll();
    pngs.fill(parts);
  });
}
