/**
 * Paragraph and table-cell builders of the Word export. Anything equal to the
 * document defaults (Arial 7.5 pt, no paragraph spacing, left aligned, not bold,
 * table cell margins) is left out of each run and cell: a 1,000-step table has
 * ~40,000 runs and cells, and the `docx` package's cost is per XML element.
 */

import {
  AlignmentType,
  BorderStyle,
  type IContext,
  type IXmlableObject,
  Paragraph,
  ShadingType,
  TableCell,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { clampText } from '../../shared/flowchart/textMetrics';

export const TW = 20; // twips per point
/** Default run size in half-points (7.5 pt), set in the document's default style. */
export const SIZE = 15;
const GREY = 'E8E8E8';

/** Default cell margins of every table (twips). */
export const CELL_MARGINS = { top: 40, bottom: 40, left: 60, right: 60 } as const;

/** Document-wide defaults the builders below rely on. */
export const DOC_DEFAULTS = {
  document: {
    run: { font: 'Arial', size: SIZE },
    paragraph: { spacing: { before: 0, after: 0 } },
  },
};

/** One paragraph per line of `text` (capped at MAX_CELL_CHARS, cut visibly). */
export function para(
  text: string,
  opts: { bold?: boolean; center?: boolean; size?: number } = {},
): Paragraph[] {
  return clampText(text || '')
    .split('\n')
    .map(
      (line) =>
        new Paragraph({
          ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
          children: [
            new TextRun({
              text: line,
              ...(opts.bold ? { bold: true } : {}),
              ...(opts.size && opts.size !== SIZE ? { size: opts.size } : {}),
            }),
          ],
        }),
    );
}

/** A text cell `widthPt` wide, vertically centred; header cells are bold, centred and grey. */
export function cell(
  text: string,
  widthPt: number,
  opts: {
    bold?: boolean;
    center?: boolean;
    header?: boolean;
    colSpan?: number;
    rowSpan?: number;
    size?: number;
    /** Sides drawn without a border (a cell that reads as one with its neighbour). */
    open?: Array<'left' | 'right'>;
    /** Text from the top (lists) rather than vertically centred. */
    top?: boolean;
  } = {},
): TableCell {
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
  return new TableCell({
    ...(opts.open?.length
      ? { borders: Object.fromEntries(opts.open.map((side) => [side, none])) }
      : {}),
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    verticalAlign: opts.top ? VerticalAlign.TOP : VerticalAlign.CENTER,
    ...(opts.colSpan ? { columnSpan: opts.colSpan } : {}),
    ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
    ...(opts.header ? { shading: { fill: GREY, type: ShadingType.CLEAR, color: 'auto' } } : {}),
    children: para(text, {
      bold: opts.bold ?? opts.header ?? false,
      center: opts.center ?? opts.header ?? false,
      size: opts.size ?? SIZE,
    }),
  });
}

/** What an image's `wp:docPr` says: its alt text. The id is given per occurrence. */
export interface ImageAlt {
  name: string;
  title: string;
  description: string;
}

/**
 * The XML of a table cell of an image that many rows share (the Word export's flowchart
 * strips: a 1,000-step procedure has ~280 different strips in ~1,100 rows), built on first
 * use for each document packed, which also registers the image's media files. Rows then
 * write it with only its `wp:docPr` (a unique drawing id, the row's alt text) changed:
 * building a `TableCell` with an `ImageRun` per row cost the `docx` package a pure-JS
 * SHA-1 of the images and a few dozen XML components, per row (see docxRawRows.ts).
 */
export class SharedCellXml {
  private cell: TableCell | undefined;
  private readonly byContext = new WeakMap<IContext, IXmlableObject | undefined>();

  constructor(private readonly build: () => TableCell) {}

  xml(context: IContext): IXmlableObject | undefined {
    if (!this.byContext.has(context)) {
      this.cell ??= this.build();
      this.byContext.set(context, this.cell.prepForXml(context));
    }
    return this.byContext.get(context);
  }
}

/**
 * A copy of `xml` whose `wp:docPr` element is `replace(its value)`: only the path down to
 * it is copied, the rest is shared (serialising only reads it).
 */
export function mapDocPr(
  xml: IXmlableObject,
  replace: (docPr: unknown) => IXmlableObject,
): IXmlableObject {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      let changed = false;
      const out = node.map((child) => {
        const next = visit(child);
        if (next !== child) changed = true;
        return next;
      });
      return changed ? out : node;
    }
    if (!node || typeof node !== 'object') return node;
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length !== 1) return node;
    const [key, value] = entries[0] as [string, unknown];
    if (key === 'wp:docPr') return replace(value);
    if (key === '_attr') return node;
    const next = visit(value);
    return next === value ? node : { [key]: next };
  };
  return visit(xml) as IXmlableObject;
}

/** The `wp:docPr` element `value` with the drawing id `id` and the alt text `alt`. */
export function docPrWith(value: unknown, alt: ImageAlt, id: number): IXmlableObject {
  const attrs = { id, name: alt.name, descr: alt.description, title: alt.title };
  if (!Array.isArray(value)) return { 'wp:docPr': { _attr: attrs } };
  return {
    'wp:docPr': value.map((child) =>
      child && typeof child === 'object' && '_attr' in child ? { _attr: attrs } : child,
    ),
  };
}
