/**
 * The agency logo as SVG: parsed strictly (saxes, a well-kept streaming XML parser with
 * namespaces; not a forgiving HTML parser) and written out again from an allow-list, so
 * what is stored is exactly what was checked.
 *
 * Policy (issue 14):
 * - REFUSED (the upload fails with the reason): `<script>`, `<foreignObject>` and other
 *   embedding elements, event-handler attributes (`on…`), `javascript:` anywhere in an
 *   attribute or style, external references (`href`/`xlink:href` not starting with `#`,
 *   except a base64 PNG/JPEG/GIF `data:` image in `<image>`; `url(…)` not pointing at
 *   `#id`; CSS `@import`), a DOCTYPE with an internal subset (entities), malformed XML.
 * - STRIPPED silently (inert, not written out): comments, processing instructions, a plain
 *   DOCTYPE, elements outside the allow-list with everything inside them (editor metadata
 *   such as `sodipodi:namedview`, `<metadata>`, animations), attributes outside the
 *   allow-list (e.g. `inkscape:label`).
 * Without a DOM: jsdom + DOMPurify would cost a large dependency tree for one upload form.
 */
import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from 'saxes';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Elements written out (SVG namespace). */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'symbol',
  'use',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'image',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
  'style',
  'filter',
  'feGaussianBlur',
  'feOffset',
  'feBlend',
  'feColorMatrix',
  'feComposite',
  'feFlood',
  'feMerge',
  'feMergeNode',
]);

/** Refused wherever they appear (any namespace, any case). */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'handler',
  'listener',
]);

/** Attributes written out (no namespace, plus xlink:href and xml:space). */
const ATTRIBUTES = new Set(
  `id class style transform viewBox preserveAspectRatio version width height x y x1 y1 x2 y2
  cx cy r rx ry fx fy fr d points pathLength href fill fill-opacity fill-rule stroke
  stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit
  stroke-dasharray stroke-dashoffset opacity color display visibility overflow clip-path
  clip-rule clipPathUnits mask maskUnits maskContentUnits offset stop-color stop-opacity
  gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits
  patternTransform markerWidth markerHeight markerUnits refX refY orient marker-start
  marker-mid marker-end font-family font-size font-weight font-style font-variant
  text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing
  word-spacing text-decoration textLength lengthAdjust dx dy rotate startOffset
  shape-rendering text-rendering image-rendering color-interpolation
  color-interpolation-filters vector-effect paint-order isolation mix-blend-mode
  filter filterUnits primitiveUnits stdDeviation in in2 result mode values type operator
  k1 k2 k3 k4 flood-color flood-opacity enable-background xml:space`
    .split(/\s+/)
    .filter(Boolean),
);

/** Embedded raster images are allowed; anything else in `href` must point inside. */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$/;

const MAX_ELEMENTS = 50_000;
const MAX_DEPTH = 100;

export type SvgCheck =
  | { ok: true; svg: string; stripped: string[] }
  | { ok: false; reason: string };

class Refused extends Error {}

/** Characters browsers ignore inside a URL scheme (`java\tscript:`). */
function squash(v: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return v.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
}

function decodeCssEscapes(v: string): string {
  return v.replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, h: string) =>
    String.fromCodePoint(Number.parseInt(h, 16) || 0xfffd),
  );
}

/** Refuses `url(...)` not pointing at `#id`, `@import`, `javascript:`, `expression(`. */
function checkCss(value: string, where: string): void {
  const v = decodeCssEscapes(value);
  const flat = squash(v);
  if (flat.includes('javascript:')) throw new Refused(`javascript: URL in ${where}`);
  if (flat.includes('@import')) throw new Refused(`@import in ${where}`);
  if (flat.includes('expression(')) throw new Refused(`CSS expression() in ${where}`);
  for (const m of v.matchAll(/url\s*\(\s*(['"]?)\s*([^)'"]*)/gi)) {
    const target = (m[2] ?? '').trim();
    if (!target.startsWith('#')) throw new Refused(`external reference url(${target}) in ${where}`);
  }
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** The attribute's name as written out, or null when it is dropped. */
function outName(a: SaxesAttributeNS): string | null {
  if (a.uri === XLINK_NS && a.local === 'href') return 'xlink:href';
  if (a.uri === XML_NS && a.local === 'space') return 'xml:space';
  if (a.uri) return null;
  return ATTRIBUTES.has(a.local) ? a.local : null;
}

function checkAttribute(el: string, a: SaxesAttributeNS): void {
  const where = `<${el} ${a.name}>`;
  if (/^on/i.test(a.local)) throw new Refused(`event handler attribute ${a.name} on <${el}>`);
  const flat = squash(a.value);
  if (flat.includes('javascript:') || flat.includes('vbscript:'))
    throw new Refused(`script URL in ${where}`);
  if (a.local === 'href' && (a.uri === XLINK_NS || !a.uri)) {
    const v = a.value.trim();
    if (!v.startsWith('#') && !(el === 'image' && DATA_IMAGE.test(v)))
      throw new Refused(`external reference ${where}="${v.slice(0, 80)}"`);
  }
  if (/url\s*\(|@import|expression\s*\(/i.test(a.value)) checkCss(a.value, where);
}

/**
 * Checks and rewrites an uploaded SVG. `ok: false` with a reason for content that is
 * refused; otherwise the SVG rebuilt from the allow-list and what was stripped.
 */
export function sanitizeSvg(source: string): SvgCheck {
  const out: string[] = [];
  const stripped = new Set<string>();
  /** Per open element: written out (true) or dropped with its subtree (false). */
  const open: Array<{ name: string; kept: boolean }> = [];
  let skipping = 0;
  let elements = 0;
  let sawRoot = false;
  let styleText: string[] | null = null;

  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('doctype', (d) => {
    if (d.includes('[')) throw new Refused('a DOCTYPE with declarations (entities) is not allowed');
    stripped.add('DOCTYPE');
  });
  parser.on('processinginstruction', () => stripped.add('processing instruction'));
  parser.on('comment', () => stripped.add('comments'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++elements > MAX_ELEMENTS) throw new Refused('too many elements');
    if (open.length >= MAX_DEPTH) throw new Refused('elements nested too deeply');
    if (FORBIDDEN_ELEMENTS.has(tag.local.toLowerCase()))
      throw new Refused(`<${tag.name}> is not allowed`);
    for (const a of Object.values(tag.attributes)) checkAttribute(tag.local, a);
    if (!sawRoot) {
      sawRoot = true;
      if (tag.uri !== SVG_NS || tag.local !== 'svg')
        throw new Refused('not an SVG image (the root element must be <svg> in the SVG namespace)');
    }
    const kept = skipping === 0 && tag.uri === SVG_NS && ELEMENTS.has(tag.local);
    open.push({ name: tag.local, kept });
    if (!kept) {
      if (skipping === 0) stripped.add(`<${tag.name}>`);
      skipping++;
      return;
    }
    let s = `<${tag.local}`;
    if (open.length === 1) s += ` xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}"`;
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === XMLNS_NS || a.name === 'xmlns') continue;
      const name = outName(a);
      if (name === null) {
        stripped.add(`${a.name}=""`);
        continue;
      }
      s += ` ${name}="${escapeAttr(a.value)}"`;
    }
    out.push(`${s}>`);
    if (tag.local === 'style') styleText = [];
  });
  parser.on('text', (t) => {
    if (skipping > 0 || open.length === 0) return;
    if (styleText) styleText.push(t);
    out.push(escapeText(t));
  });
  parser.on('cdata', (t) => {
    if (skipping > 0 || open.length === 0) return;
    if (styleText) styleText.push(t);
    out.push(escapeText(t));
  });
  parser.on('closetag', () => {
    const el = open.pop();
    if (!el) return;
    if (!el.kept) {
      skipping--;
      return;
    }
    if (el.name === 'style' && styleText) {
      checkCss(styleText.join(''), '<style>');
      styleText = null;
    }
    out.push(`</${el.name}>`);
  });

  try {
    parser.write(source).close();
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.message };
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `not well-formed XML: ${msg.split('\n')[0]}` };
  }
  if (!sawRoot) return { ok: false, reason: 'not an SVG image (no root element)' };
  return { ok: true, svg: out.join(''), stripped: [...stripped] };
}
