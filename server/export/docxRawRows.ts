/**
 * The body rows of the Word export's procedure tables, written as XML text rather than
 * as `docx` components: a 1,000-step procedure has ~1,100 rows of seven cells and a
 * drawing, ~90 XML elements a row, and the `docx` package's cost is per element (its
 * component objects, then its serialiser, then the garbage of both): the rows were most
 * of the export's time.
 *
 * How they reach the package: each row is a {@link RawRow} in its `Table`, which writes
 * only a token `<susun:raw id="N" m="…"/>` where the row goes; {@link RawRows.fill} puts
 * the rows' text in place of the tokens in the compiled `word/document.xml`. A row's
 * drawing refers to its images by relationship id, which `docx` gives only when it
 * compiles: the token's `m` attribute carries `docx`'s own `{media key}` placeholders of
 * the row's images (so `docx` sees them used, gives them relationships and writes their
 * ids there), and `fill` copies those ids into the row's text where it marked the keys.
 *
 * The text is what `docx` writes for the same row built from its components (width,
 * vertical centring, one paragraph per line; the image cell is `docx`'s own, built once
 * per strip, see SharedCellXml): a unit test holds the two equal.
 */

import {
  docPropertiesUniqueNumericId,
  type IContext,
  type IXmlableObject,
  XmlComponent,
} from 'docx';
import { clampText } from '../../shared/flowchart/textMetrics';
import { docPrWith, type ImageAlt, mapDocPr, type SharedCellXml } from './docxCells';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Text or attribute value escaped as `docx` does (control characters XML cannot hold dropped). */
export function escapeXml(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

const escapeValue = (v: unknown) => (typeof v === 'string' ? escapeXml(v) : v);

/**
 * The XML text of a `docx` XML object (what a component's `prepForXml` returns), by the
 * rules of `docx`'s own serialiser, without indentation: an array value is an element's
 * children (`_attr` entries its attributes), an object with `_attr` and no children is
 * an empty element, a string value is escaped text.
 */
export function xmlText(data: IXmlableObject): string {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : (data as Record<string, unknown>)[name];
  const attributes: string[] = [];
  const content: unknown[] = [];
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attr))
      attributes.push(`${key}="${String(escapeValue(value))}"`);
  };
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr, _cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (_attr) addAttributes(_attr);
      if (_cdata) content.push(`<![CDATA[${_cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let text = false;
        content.push('');
        for (const value of values)
          if (typeof value === 'object') {
            if (Object.keys(value)[0] === '_attr') addAttributes(value._attr);
            else content.push(xmlText(value));
          } else {
            // docx's (the xml package's) rule: text replaces what came before it.
            content.pop();
            text = true;
            content.push(escapeValue(value));
          }
        if (!text) content.push('');
      }
    }
  } else content.push(escapeValue(values));
  const open =
    (name ? `<${name}` : '') +
    (attributes.length > 0 ? ` ${attributes.join(' ')}` : '') +
    (content.length > 0 ? (name ? '>' : '') : '/>');
  if (content.length === 0) return open;
  return `${open}${content.map((c) => (c === undefined ? '' : String(c))).join('')}${name ? `</${name}>` : ''}`;
}

/** A plain text cell: width, vertically centred, one paragraph per line of the text. */
export function textCellXml(text: string, widthTwips: number, center = false): string {
  const pPr = center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : '';
  const paragraphs = clampText(text || '')
    .split('\n')
    .map((line) => `<w:p>${pPr}<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('');
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widthTwips}"/><w:vAlign w:val="center"/></w:tcPr>${paragraphs}</w:tc>`;
}

/** A cell of a raw row: text, or a shared image cell with the row's alt text. */
export type RawCell =
  | { text: string; widthTwips: number; center?: boolean }
  | { image: SharedCellXml; alt: ImageAlt };

/** A shared image cell as text around its `wp:docPr`, with the media keys it refers to. */
interface ImageCellText {
  before: string;
  after: string;
  docPr: unknown;
  keys: string[];
}

const DOCPR_MARK = 'susun:docpr';
/** `docx`'s placeholder of a media file's relationship id, `{key}`. */
const PLACEHOLDER = /\{([^{}]+)\}/g;
/** The same in a row's text, between NULs (escaped text cannot hold a NUL). */
const KEY_MARK = /\0([^\0]*)\0/g;

/** The raw rows of one document being packed, and their text once written. */
export class RawRows {
  private readonly written: Array<{ xml: string; keys: string[] }> = [];
  private readonly imageCells = new WeakMap<SharedCellXml, WeakMap<IContext, ImageCellText>>();

  /** A body row of `heightTwips` (at least) that never splits across pages. */
  row(heightTwips: number, cells: RawCell[]): RawRow {
    return new RawRow(this, heightTwips, cells);
  }

  /** The rows' text in place of their tokens in the compiled `word/document.xml`. */
  fill(documentXml: string): string {
    return documentXml.replace(
      /<susun:raw id="(\d+)" m="([^"]*)"\/>/g,
      (_, id: string, m: string) => {
        const row = this.written[Number(id)];
        if (!row) throw new Error(`Word export: no row ${id}`);
        const ids = m === '' ? [] : m.split(' ');
        const byKey = new Map(row.keys.map((key, i) => [key, ids[i] ?? '']));
        return row.keys.length === 0
          ? row.xml
          : row.xml.replace(KEY_MARK, (_, key: string) => byKey.get(key) ?? '');
      },
    );
  }

  /** Writes a row's text; the token that stands for it in the document. */
  write(context: IContext, heightTwips: number, cells: RawCell[]): IXmlableObject {
    const keys: string[] = [];
    let xml = `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="${heightTwips}" w:hRule="atLeast"/></w:trPr>`;
    for (const c of cells) {
      if ('text' in c) {
        xml += textCellXml(c.text, c.widthTwips, c.center);
        continue;
      }
      const cell = this.imageCell(c.image, context);
      if (!cell) continue;
      for (const key of cell.keys) if (!keys.includes(key)) keys.push(key);
      const docPr = xmlText(docPrWith(cell.docPr, c.alt, docPropertiesUniqueNumericId()));
      xml += cell.before + docPr + cell.after;
    }
    xml += '</w:tr>';
    const id = this.written.push({ xml, keys }) - 1;
    return { 'susun:raw': { _attr: { id, m: keys.map((k) => `{${k}}`).join(' ') } } };
  }

  private imageCell(shared: SharedCellXml, context: IContext): ImageCellText | undefined {
    let byContext = this.imageCells.get(shared);
    if (!byContext) {
      byContext = new WeakMap();
      this.imageCells.set(shared, byContext);
    }
    let text = byContext.get(context);
    if (!text) {
      const xml = shared.xml(context);
      if (!xml) return undefined;
      let docPr: unknown;
      const marked = xmlText(
        mapDocPr(xml, (value) => {
          docPr = value;
          return { [DOCPR_MARK]: null } as unknown as IXmlableObject;
        }),
      );
      const keys = [...new Set([...marked.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
      // Media keys marked with NULs, which no escaped text can hold (see fill).
      const [before = '', after = ''] = marked
        .replace(PLACEHOLDER, (_, key: string) => `\0${key}\0`)
        .split(`<${DOCPR_MARK}/>`);
      text = { before, after, docPr, keys };
      byContext.set(context, text);
    }
    return text;
  }
}

/**
 * A body row of a procedure table, written by {@link RawRows}. `Table` treats it as a
 * row through what it uses of one: `cells` (for row spans and widths; it has no cells a
 * table needs to know of) and `prepForXml`.
 */
export class RawRow extends XmlComponent {
  readonly cells: never[] = [];

  constructor(
    private readonly rows: RawRows,
    private readonly heightTwips: number,
    private readonly rawCells: RawCell[],
  ) {
    super('w:tr');
  }

  override prepForXml(context: IContext): IXmlableObject {
    return this.rows.write(context, this.heightTwips, this.rawCells);
  }
}
