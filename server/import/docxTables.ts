/**
 * The body of a Word document as paragraphs and tables (issue 17 import): each table as
 * rows of cells laid on the table grid (`w:gridSpan`, `w:vMerge`), each cell with its text
 * and what is drawn in it (images, shapes). Text is read the way Word shows it: runs
 * (`w:t`), tabs and breaks, symbol characters; deleted text, field codes and the
 * fallback copies of `mc:AlternateContent` are left out.
 */
import { descendants, kid, kids, type XmlElement } from './xml.js';

export interface DocxCell {
  text: string;
  /** Grid columns covered (`w:gridSpan`). */
  span: number;
  /** First grid column. */
  col: number;
  /** Vertical merge: `restart` starts one, `continue` is covered by the cell above. */
  vMerge: 'restart' | 'continue' | null;
  /** Declared width in twips (`w:tcW`), 0 when absent. */
  width: number;
  /** Drawings in the cell: preset shapes (`a:prstGeom`), VML shapes, images. */
  shapes: string[];
  /** Package paths of SVG images in the cell, with the drawing's alt title. */
  svgs: Array<{ path: string; title: string }>;
  /** Any drawing, picture or shape at all. */
  drawn: boolean;
}

export interface DocxRow {
  cells: DocxCell[];
  /** Declared height in twips (`w:trHeight`), 0 when absent. */
  height: number;
}

export interface DocxTable {
  rows: DocxRow[];
  /** Grid column widths in twips (`w:tblGrid`). */
  grid: number[];
}

export type DocxBlock = { kind: 'p'; text: string } | { kind: 'table'; table: DocxTable };

/** Containers whose content counts as if it stood in their place. */
const TRANSPARENT = new Set([
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:smartTag',
  'w:ins',
  'w:hyperlink',
  'w:fldSimple',
  'w:moveTo',
  'w:dir',
  'w:bdo',
]);
/** Never read for text. */
const SKIP = new Set([
  'w:del',
  'w:delText',
  'w:instrText',
  'w:moveFrom',
  'mc:Fallback',
  'w:drawing',
  'w:pict',
  'w:object',
  'w:rPr',
  'w:pPr',
  'w:tcPr',
  'w:trPr',
  'w:tblPr',
  'w:sdtPr',
  'w:commentReference',
  'w:footnoteReference',
]);

/** Wingdings / Symbol check marks and crosses, read as the Unicode characters. */
const SYMBOLS: Record<string, string> = {
  F0FC: '✓',
  F0FE: '☑',
  F0FB: '✗',
  F0FD: '☒',
  F0D6: '✓',
  F0A8: '☐',
  F06C: '●',
  F0B7: '•',
  F0B4: '×',
  F050: '✓',
  F052: '✓',
  F04F: '✗',
};

function symbolChar(el: XmlElement): string {
  const code = (el.attrs['w:char'] ?? '').toUpperCase();
  if (SYMBOLS[code]) return SYMBOLS[code];
  const n = Number.parseInt(code, 16);
  if (Number.isFinite(n) && n > 0 && n < 0xf000) return String.fromCodePoint(n);
  return '•';
}

/** The text of an element as Word shows it (paragraphs separated by newlines). */
export function textOf(el: XmlElement): string {
  const out: string[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (SKIP.has(c.name)) continue;
      switch (c.name) {
        case 'w:t':
          for (const t of c.children) if (typeof t === 'string') out.push(t);
          break;
        case 'w:tab':
          out.push('\t');
          break;
        case 'w:br':
        case 'w:cr':
          out.push('\n');
          break;
        case 'w:sym':
          out.push(symbolChar(c));
          break;
        case 'w:noBreakHyphen':
          out.push('-');
          break;
        case 'w:p':
          if (out.length > 0 && out[out.length - 1] !== '\n') out.push('\n');
          walk(c);
          break;
        case 'w:tc':
          walk(c);
          out.push('\t');
          break;
        default:
          walk(c);
      }
    }
  };
  walk(el);
  return out
    .join('')
    .replace(/[ \u00a0]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function intAttr(el: XmlElement | undefined, name: string): number {
  const v = Number.parseInt(el?.attrs[name] ?? '', 10);
  return Number.isFinite(v) ? v : 0;
}

function drawingsOf(
  tc: XmlElement,
  rels: Map<string, string>,
): Pick<DocxCell, 'shapes' | 'svgs' | 'drawn'> {
  const shapes: string[] = [];
  const svgs: DocxCell['svgs'] = [];
  let drawn = false;
  const walk = (e: XmlElement, title: string) => {
    for (const c of e.children) {
      if (typeof c === 'string' || c.name === 'mc:Fallback') continue;
      let t = title;
      switch (c.name) {
        case 'w:drawing':
        case 'w:pict':
        case 'w:object':
          drawn = true;
          break;
        case 'wp:docPr':
          t = c.attrs.title ?? c.attrs.descr ?? c.attrs.name ?? title;
          break;
        case 'a:prstGeom':
          shapes.push(c.attrs.prst ?? 'shape');
          break;
        case 'v:oval':
        case 'v:rect':
        case 'v:roundrect':
        case 'v:shape':
        case 'v:line':
          shapes.push(c.name.slice(2));
          drawn = true;
          break;
        case 'asvg:svgBlip': {
          const path = rels.get(c.attrs['r:embed'] ?? '');
          if (path) svgs.push({ path, title });
          break;
        }
      }
      walk(c, t);
      if (c.name === 'wp:inline' || c.name === 'wp:anchor') title = '';
    }
  };
  walk(tc, '');
  return { shapes, svgs, drawn };
}

/** The elements of `el` with transparent containers opened. */
function flat(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of kids(el)) {
    if (TRANSPARENT.has(c.name)) out.push(...flat(c));
    else out.push(c);
  }
  return out;
}

function readTable(tbl: XmlElement, rels: Map<string, string>): DocxTable {
  const grid = kids(
    kid(tbl, 'w:tblGrid') ?? { name: '', attrs: {}, children: [] },
    'w:gridCol',
  ).map((g) => intAttr(g, 'w:w'));
  const rows: DocxRow[] = [];
  for (const tr of flat(tbl)) {
    if (tr.name !== 'w:tr') continue;
    const trPr = kid(tr, 'w:trPr');
    const before = intAttr(kid(trPr ?? tr, 'w:gridBefore'), 'w:val');
    let col = before;
    const cells: DocxCell[] = [];
    for (const tc of flat(tr)) {
      if (tc.name !== 'w:tc') continue;
      const pr = kid(tc, 'w:tcPr');
      const span = Math.max(1, intAttr(pr && kid(pr, 'w:gridSpan'), 'w:val') || 1);
      const vm = pr && kid(pr, 'w:vMerge');
      cells.push({
        text: textOf(tc),
        span,
        col,
        vMerge: vm ? (vm.attrs['w:val'] === 'restart' ? 'restart' : 'continue') : null,
        width: intAttr(pr && kid(pr, 'w:tcW'), 'w:w'),
        ...drawingsOf(tc, rels),
      });
      col += span;
    }
    const h = trPr && kid(trPr, 'w:trHeight');
    rows.push({ cells, height: intAttr(h, 'w:val') });
  }
  return { rows, grid };
}

/** The body's paragraphs and tables in order (tables nested in cells are read as text). */
export function bodyBlocks(document: XmlElement, rels: Map<string, string>): DocxBlock[] {
  const body = kid(document, 'w:body');
  if (!body) return [];
  const out: DocxBlock[] = [];
  for (const el of flat(body)) {
    if (el.name === 'w:p')
      out.push({ kind: 'p', text: textOf({ ...el, name: 'x', children: [el] }) });
    else if (el.name === 'w:tbl') out.push({ kind: 'table', table: readTable(el, rels) });
  }
  return out;
}

/** Every table of the body, including tables nested in cells of other tables. */
export function allTables(document: XmlElement, rels: Map<string, string>): DocxTable[] {
  return descendants(document, 'w:tbl').map((t) => readTable(t, rels));
}
