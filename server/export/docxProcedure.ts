/**
 * The procedure table of the Word export: two header rows (repeated on every
 * page), then one row per step whose lane cells hold an image strip of the
 * flowchart (see docxStrips).
 */

import {
  BorderStyle,
  HeightRule,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import { pageOps } from '../../shared/flowchart/drawOps';
import type { OutputLabels } from '../../shared/flowchart/labels';
import { layoutProcedure } from '../../shared/flowchart/layout';
import { clampText } from '../../shared/flowchart/textMetrics';
import type { SopSnapshot } from '../../shared/model/types';
import { CELL_MARGINS, cell, RawTextCell, TW } from './docxCells';
import { stripImages } from './docxStrips';

const PX = 96 / 72; // docx image sizes are in 96-dpi pixels
/** Alt text of a strip image: the step's activity, shortened (it is repeated twice per image). */
const ALT_CHARS = 300;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

/** The procedure table and the total-time line printed under it. */
export function procedureTable(
  s: SopSnapshot,
  labels: OutputLabels,
): { table: Table; total: string } {
  const layout = layoutProcedure(s, { labels, pageHeight: Number.POSITIVE_INFINITY });
  const page = layout.pages[0]!;
  const ops = pageOps(layout, page, labels);
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
  const images = stripImages(ops, page.rows, laneX, laneW);
  const rows = page.rows.map((row, r) => {
    const { svg, png } = images[r]!;
    const size = { width: Math.round(laneW * PX), height: Math.round(row.h * PX) };
    const time = row.cells.find((c) => c.key === 'time')?.lines.join(' ') ?? '';
    const step = s.steps[row.index]!;
    const alt = clampText(step.activity, ALT_CHARS);
    return new TableRow({
      cantSplit: true,
      height: { value: Math.round(row.h * TW), rule: HeightRule.ATLEAST },
      children: [
        new RawTextCell(`${row.number}.`, w('no'), true).asCell(),
        new RawTextCell(step.activity, w('activity')).asCell(),
        new TableCell({
          columnSpan: lanes.length,
          width: { size: Math.round(laneW * TW), type: WidthType.DXA },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          verticalAlign: VerticalAlign.TOP,
          borders: { top: NO_BORDER, bottom: NO_BORDER },
          children: [
            new Paragraph({
              spacing: { line: 240 },
              children: [
                new ImageRun({
                  type: 'svg',
                  data: svg,
                  transformation: size,
                  fallback: { type: 'png', data: png },
                  altText: { name: `step-${row.number}`, title: alt, description: alt },
                }),
              ],
            }),
          ],
        }),
        new RawTextCell(step.requirements, w('requirements')).asCell(),
        new RawTextCell(time, w('time'), true).asCell(),
        new RawTextCell(step.output, w('output')).asCell(),
        new RawTextCell(step.notes, w('notes')).asCell(),
      ],
    });
  });
  const table = new Table({
    width: { size: Math.round(cols.reduce((a, c) => a + c.w, 0) * TW), type: WidthType.DXA },
    columnWidths: cols.map((c) => Math.round(c.w * TW)),
    margins: CELL_MARGINS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: h1 }),
      new TableRow({ tableHeader: true, cantSplit: true, children: h2 }),
      ...rows,
    ],
  });
  return { table, total: page.footer?.lines.join(' ') ?? '' };
}
