/**
 * A small element tree from XML text, built from the events of saxes (the strict XML
 * parser the logo sanitiser uses): element names as written (`w:tbl`), attributes as
 * written, text nodes kept as strings. No DTDs, no entity expansion beyond XML's own.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** Deepest element nesting accepted (a hostile file cannot exhaust the stack of walkers). */
const MAX_DEPTH = 256;

/** Parses `xml` into its root element; throws on malformed XML. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const top: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [top];
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('doctype', () => {
    error ??= new Error('DOCTYPE is not allowed');
  });
  parser.on('opentag', (t) => {
    const el: XmlElement = {
      name: t.name,
      attrs: { ...t.attributes },
      children: [],
    };
    stack[stack.length - 1]!.children.push(el);
    if (!t.isSelfClosing) {
      stack.push(el);
      if (stack.length > MAX_DEPTH) error ??= new Error('XML nested too deeply');
    }
  });
  parser.on('closetag', (t) => {
    if (!t.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => {
    stack[stack.length - 1]!.children.push(text);
  });
  parser.on('cdata', (text) => {
    stack[stack.length - 1]!.children.push(text);
  });
  parser.write(xml).close();
  if (error) throw error;
  const root = top.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!root) throw new Error('no root element');
  return root;
}

/** Child elements of `el` named `name`. */
export function kids(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
  );
}

/** First child element named `name`. */
export function kid(el: XmlElement, name: string): XmlElement | undefined {
  return kids(el, name)[0];
}

/** Every descendant element named `name` (document order). */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}
