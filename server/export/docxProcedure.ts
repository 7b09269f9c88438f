/**
 * The procedure section of the Word export, page by page as the PDF lays it out:
 * each page has its title, then a table of two header rows and one row per step
 * (real, editable text), whose lane cells hold an image strip of the flowchart
 * (see docxStrips). A flow crossing a page break ends in a lettered off-page
 * connector in a strip row at the bottom of its page and resumes from the same
 * letter at the top of the next, exactly as in the PDF.
 *
 * Why pages of our own rather than one long table Word paginates: Word would break
 * the chart wherever it likes, cutting arrows with no connector. Each page is laid
 * out a little shorter than A4 (WORD_SLACK) so Word and LibreOffice, whose rows are
 * at least ours, never push a row over on their own.
 *
 * The strip paragraphs use `w:lineRule="auto"`: without it LibreOffice (and WPS,
 * OnlyOffice) takes `w:line` as an exact height and shows each image as a one-line
 * sliver (issue 14). Their font is 1 pt, so the line is the image's height.
 */

import {
  HeightRule,
  ImageRun,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type DrawOp, pageOps } from '../../shared/flowchart/drawOps';
import type { OutputLabels } from '../../shared/flowchart/labels';
import { A4, layoutProcedure, TITLE } from '../../shared/flowchart/layout';
import { METRICS } from '../../shared/flowchart/table';
import { clampText } from '../../shared/flowchart/textMetrics';
import type { FlowchartLayout, LayoutPage } from '../../shared/flowchart/types';
import type { SopSnapshot } from '../../shared/model/types';
import { CELL_MARGINS, cell, type ImageAlt, SharedCellXml, TW } from './docxCells';
import { type RawCell, RawRows } from './docxRawRows';
import { type StripImage, type StripPngs, stripImages } from './docxStrips';

const PX = 96 / 72; // docx image sizes are in 96-dpi pixels
/** Alt text of a strip image: the step's activity, shortened (it is repeated twice per image). */
const ALT_CHARS = 300;
/** Page margin of the Word file (points), as the PDF's. */
export const WORD_MARGIN = 28;
/** Height each Word page is laid out short of A4, for the renderers' own rounding (points). */
export const WORD_SLACK = 18;

/** The layout the Word file is drawn from (tests locate rows and lanes with it). */
export function wordLayout(s: SopSnapshot, labels: OutputLabels): FlowchartLayout {
  return layoutProcedure(s, { labels, margin: WORD_MARGIN, pageHeight: A4.width - WORD_SLACK });
}

/** The grid's cell rectangles as their two vertical sides: the table draws the row lines. */
function withoutRowLines(ops: DrawOp[]): DrawOp[] {
  return ops.flatMap((o): DrawOp[] => {
    if (o.op !== 'rect' || !o.stroke || o.fill || o.stepId) return [o];
    const { x, y, w, h } = o.box;
    return [
      {
        op: 'polyline',
        points: [
          { x, y },
          { x, y: y + h },
        ],
        lineWidth: o.lineWidth,
      },
      {
        op: 'polyline',
        points: [
          { x: x + w, y },
          { x: x + w, y: y + h },
        ],
        lineWidth: o.lineWidth,
      },
    ];
  });
}

function titleParagraphs(layout: FlowchartLayout, page: LayoutPage, labels: OutputLabels) {
  const width = layout.columns.reduce((a, c) => a + c.w, 0);
  const lines = page.title.lines.length ? page.title.lines : [''];
  const pageNo =
    layout.pages.length > 1
      ? `${labels.page} ${page.index + 1} ${labels.of} ${layout.pages.length}`
      : '';
  return lines.map(
    (line, i) =>
      new Paragraph({
        ...(i === 0 && page.index > 0 ? { pageBreakBefore: true } : {}),
        keepNext: true,
        spacing: {
          line: Math.round(TITLE.lineHeight * TW),
          lineRule: LineRuleType.EXACT,
          ...(i === lines.length - 1 ? { after: Math.round(TITLE.after * TW) } : {}),
        },
        tabStops: [{ type: TabStopType.RIGHT, position: Math.round(width * TW) }],
        children: [
          new TextRun({ text: line, bold: true, size: TITLE.size * 2 }),
          ...(i === 0 && pageNo ? [new TextRun({ text: `\t${pageNo}`, size: 15 })] : []),
        ],
      }),
  );
}

/**
 * A lane cell holding one strip image (SVG with its PNG fallback) that fills it: no
 * margins, a 1-pt paragraph whose line is the image's height (`lineRule="auto"`).
 */
export function laneImageCell(o: {
  svg: Buffer;
  png: Buffer;
  size: { width: number; height: number };
  span: number;
  /** twips */
  width: number;
  alt: ImageAlt;
}): TableCell {
  return new TableCell({
    columnSpan: o.span,
    width: { size: o.width, type: WidthType.DXA },
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    verticalAlign: VerticalAlign.TOP,
    children: [
      new Paragraph({
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        run: { size: 2 },
        children: [
          new ImageRun({
            type: 'svg',
            data: o.svg,
            transformation: o.size,
            fallback: { type: 'png', data: o.png },
            altText: o.alt,
            run: { size: 2 },
          }),
        ],
      }),
    ],
  });
}

/** Lane cells built so far: by strip image, then by size and span. */
type SharedCells = Map<StripImage, Map<string, SharedCellXml>>;

/**
 * The lane cell of a row: its strip image (SVG, PNG fallback) filling the cell. Rows with
 * the same strip and size share one cell's XML (see SharedCellXml).
 */
function laneCell(
  cells: SharedCells,
  image: StripImage,
  size: { width: number; height: number },
  span: number,
  laneW: number,
  alt: ImageAlt,
): RawCell {
  const width = Math.round(laneW * TW);
  // Identical strips are the same objects (docxStrips).
  let bySize = cells.get(image);
  if (!bySize) {
    bySize = new Map();
    cells.set(image, bySize);
  }
  const key = `${size.width}x${size.height}:${span}:${width}`;
  let shared = bySize.get(key);
  if (!shared) {
    // Deferred strips are built with their media's stand-ins (see StripPngs).
    const media = image.media ?? image;
    shared = new SharedCellXml(() =>
      laneImageCell({ svg: media.svg, png: media.png, size, span, width, alt }),
    );
    bySize.set(key, shared);
  }
  return { image: shared, alt };
}

function pageTable(
  s: SopSnapshot,
  layout: FlowchartLayout,
  page: LayoutPage,
  labels: OutputLabels,
  cache: Map<string, StripImage>,
  cells: SharedCells,
  pngs: StripPngs | undefined,
  raw: RawRows,
): Table {
  const cols = layout.columns;
  const lanes = cols.filter((c) => c.key === 'lane');
  const laneX = lanes[0]!.x;
  const laneW = lanes.reduce((a, c) => a + c.w, 0);
  const widths = new Map(cols.map((c) => [c.key, c.w]));
  const w = (key: string) => widths.get(key as (typeof cols)[number]['key'])!;
  const h1 = [
    cell(labels.no, w('no'), { header: true, rowSpan: 2 }),
    cell(labels.activity, w('activity'), { header: true, rowSpan: 2 }),
    cell(labels.actors, laneW, { header: true, colSpan: lanes.length }),
    cell(labels.qualityStandard, w('requirements') + w('time') + w('output'), {
      header: true,
      colSpan: 3,
    }),
    cell(labels.notes, w('notes'), { header: true, rowSpan: 2 }),
  ];
  const h2 = [
    ...lanes.map((c) => cell(s.actors[c.laneIndex ?? 0]?.name ?? '', c.w, { header: true })),
    cell(labels.requirements, w('requirements'), { header: true }),
    cell(labels.time, w('time'), { header: true }),
    cell(labels.output, w('output'), { header: true }),
  ];
  const headerH = Math.max(...page.header.map((c) => c.y + c.h)) - page.tableTop;
  const ops = pageOps(layout, page, labels);
  const bands = [
    ...page.strips.map((b) => ({ ...b, row: null })),
    ...page.rows.map((r) => ({ y: r.y, h: r.h, row: r })),
  ].sort((a, b) => a.y - b.y);
  // The table draws the row lines (they fill the renderers' gap between two rows' images);
  // the strips draw the lane lines and the chart.
  const images = stripImages(withoutRowLines(ops), bands, laneX, laneW, 2, cache, pngs);
  const rows = bands.map((band, i) => {
    const image = images[i]!;
    const size = { width: Math.round(laneW * PX), height: Math.round(band.h * PX) };
    const row = band.row;
    const step = row ? s.steps[row.index]! : null;
    const text = (key: 'requirements' | 'output' | 'notes') => (step ? step[key] : '');
    const time = row?.cells.find((c) => c.key === 'time')?.lines.join(' ') ?? '';
    const alt = step ? clampText(step.activity, ALT_CHARS) : labels.actors;
    const name = row ? `step-${row.number}` : `connector-${page.index + 1}-${i}`;
    const tw = (key: string) => Math.round(w(key) * TW);
    return raw.row(Math.round(band.h * TW), [
      { text: row ? `${row.number}.` : '', widthTwips: tw('no'), center: true },
      { text: step?.activity ?? '', widthTwips: tw('activity') },
      laneCell(cells, image, size, lanes.length, laneW, { name, title: alt, description: alt }),
      { text: text('requirements'), widthTwips: tw('requirements') },
      { text: time, widthTwips: tw('time'), center: true },
      { text: text('output'), widthTwips: tw('output') },
      { text: text('notes'), widthTwips: tw('notes') },
    ]);
  });
  return new Table({
    width: { size: Math.round(cols.reduce((a, c) => a + c.w, 0) * TW), type: WidthType.DXA },
    columnWidths: cols.map((c) => Math.round(c.w * TW)),
    // No top/bottom cell margins: LibreOffice adds the table's to the lane cell whatever
    // the cell says, and the strips must fill their rows. Text cells are centred in rows
    // laid out with room to spare anyway.
    margins: { ...CELL_MARGINS, top: 0, bottom: 0 },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: Math.round(METRICS.headerRow1 * TW), rule: HeightRule.ATLEAST },
        children: h1,
      }),
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: {
          value: Math.round((headerH - METRICS.headerRow1) * TW),
          rule: HeightRule.ATLEAST,
        },
        children: h2,
      }),
      // Body rows are written as text (docxRawRows): typed as the rows `Table` takes.
      ...(rows as unknown as TableRow[]),
    ],
  });
}

/** The procedure section: per page its title and table; the total time under the last. */
export function procedureSection(
  s: SopSnapshot,
  labels: OutputLabels,
  /** Draw the strips' PNG fallbacks later, through this (see StripPngs). */
  pngs?: StripPngs,
): { children: Array<Paragraph | Table>; total: string; raw: RawRows } {
  const layout = wordLayout(s, labels);
  const children: Array<Paragraph | Table> = [];
  // Strips repeat across pages (most rows of a long procedure look alike): built once.
  const cache = new Map<string, StripImage>();
  const cells: SharedCells = new Map();
  const raw = new RawRows();
  for (const page of layout.pages) {
    children.push(
      ...titleParagraphs(layout, page, labels),
      pageTable(s, layout, page, labels, cache, cells, pngs, raw),
    );
  }
  const last = layout.pages[layout.pages.length - 1];
  return { children, total: last?.footer?.lines.join(' ') ?? '', raw };
}
