/**
 * The narrative editor's schema as data, and normalising rich text to it.
 *
 * Why: TipTap (through y-prosemirror) deletes from the shared Y.XmlFragment every
 * element whose node type it does not know and every text run carrying a mark it does
 * not know, and writes back what its own rules add (a default attribute, a trailing
 * paragraph). So content outside the schema — which an import may bring, e.g. a link's
 * text or an unknown node — would be destroyed the moment anyone opened the editor.
 * The server normalises every narrative it writes (import, templates, `setJSON`) with
 * {@link normalizeRichText}; what is stored is then exactly what the editor shows, and
 * opening it changes nothing.
 *
 * Keep in step with `client/src/editor/narrative/NarrativeEditor.tsx`:
 * `StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false })`
 * (test/unit/model-editorSchema.test.ts checks these lists against that schema).
 */
import { MAX_RICH_TEXT_DEPTH } from './richText.js';
import type { RichTextNode } from './types.js';

/** Node types of the narrative editor. */
export const NARRATIVE_NODES = [
  'doc',
  'paragraph',
  'text',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'hardBreak',
  'horizontalRule',
] as const;
/** Mark types of the narrative editor (none has attributes; `code` excludes the others). */
export const NARRATIVE_MARKS = ['bold', 'code', 'italic', 'strike', 'underline'] as const;
/** Heading levels the editor offers. */
export const NARRATIVE_HEADING_LEVELS = [3, 4] as const;

type Node = RichTextNode;
type Mark = NonNullable<Node['marks']>[number];

const MARK_RANK: readonly string[] = NARRATIVE_MARKS;
const MARKS: ReadonlySet<string> = new Set(NARRATIVE_MARKS);
const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'horizontalRule',
]);

/** All text under `node` (iterative: the input may be nested arbitrarily deep). */
function plainText(node: Node, lineBreak: string): string {
  let out = '';
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as Partial<Node> | null;
    if (!n || typeof n !== 'object') continue;
    if (n.type === 'text') out += typeof n.text === 'string' ? n.text : '';
    else if (n.type === 'hardBreak') out += lineBreak;
    const c = Array.isArray(n.content) ? n.content : [];
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
  return out;
}

function contentOf(n: Node): Node[] {
  return Array.isArray(n.content) ? n.content.filter((c) => c && typeof c === 'object') : [];
}

function marksOf(n: Node): Mark[] {
  const seen = new Set<string>();
  const out: Mark[] = [];
  for (const m of Array.isArray(n.marks) ? n.marks : []) {
    if (!m || !MARKS.has(m.type) || seen.has(m.type)) continue;
    seen.add(m.type);
    out.push({ type: m.type });
  }
  if (seen.has('code')) return [{ type: 'code' }];
  return out.sort((a, b) => MARK_RANK.indexOf(a.type) - MARK_RANK.indexOf(b.type));
}

function sameMarks(a: Node, b: Node): boolean {
  const x = a.marks ?? [];
  const y = b.marks ?? [];
  return x.length === y.length && x.every((m, i) => m.type === y[i]?.type);
}

function text(t: string, marks: Mark[]): Node {
  return marks.length > 0 ? { type: 'text', text: t, marks } : { type: 'text', text: t };
}

/** Inline content: text (known marks only, adjacent equal runs merged) and hard breaks. */
function toInline(nodes: Node[], depth: number, noMarks = false): Node[] {
  const out: Node[] = [];
  const lineBreak = (): Node => (noMarks ? text('\n', []) : { type: 'hardBreak' });
  const push = (n: Node) => {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text' && sameMarks(last, n))
      last.text = `${last.text}${n.text}`;
    else out.push(n);
  };
  for (const n of nodes) {
    if (n.type === 'text') {
      if (typeof n.text === 'string' && n.text) push(text(n.text, noMarks ? [] : marksOf(n)));
    } else if (n.type === 'hardBreak') {
      push(lineBreak());
      // (a leaf: anything inside it is malformed input, kept as text after it)
      for (const c of toInline(contentOf(n), depth + 1, noMarks)) push(c);
    } else {
      // A block or an unknown node where text belongs: its text is kept (a block's on a new line).
      const inner =
        depth >= MAX_RICH_TEXT_DEPTH
          ? [text(plainText(n, noMarks ? '\n' : ' '), [])].filter((t) => t.text)
          : toInline(contentOf(n), depth + 1, noMarks);
      if (inner.length === 0) continue;
      if (out.length > 0 && isBlockish(n)) push(lineBreak());
      for (const c of inner) push(c);
    }
  }
  return out;
}

function paragraph(content: Node[]): Node {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function listItem(children: Node[], depth: number): Node {
  const blocks = toBlocks(children, depth + 1);
  if (blocks[0]?.type !== 'paragraph') blocks.unshift({ type: 'paragraph' });
  return { type: 'listItem', content: blocks };
}

function list(n: Node, depth: number): Node[] {
  const items: Node[] = [];
  let loose: Node[] = [];
  const flush = () => {
    if (loose.length > 0 && toBlocks(loose, depth + 1).length > 0)
      items.push(listItem(loose, depth));
    loose = [];
  };
  for (const c of contentOf(n)) {
    if (c.type === 'listItem') {
      flush();
      items.push(listItem(contentOf(c), depth));
    } else loose.push(c);
  }
  flush();
  if (items.length === 0) return [];
  if (n.type === 'bulletList') return [{ type: 'bulletList', content: items }];
  // The editor writes `start` back when it is missing (it is a non-null default).
  const start = n.attrs?.start;
  const attrs: Record<string, unknown> = {
    start: typeof start === 'number' && Number.isSafeInteger(start) ? start : 1,
  };
  if (typeof n.attrs?.type === 'string') attrs.type = n.attrs.type;
  return [{ type: 'orderedList', attrs, content: items }];
}

/** One block-context node as blocks (none, one, or its unwrapped children). */
function block(n: Node, depth: number): Node[] {
  if (depth >= MAX_RICH_TEXT_DEPTH) {
    const t = plainText(n, ' ');
    return t ? [paragraph([text(t, [])])] : [];
  }
  const inline = () => toInline(contentOf(n), depth + 1);
  switch (n.type) {
    case 'paragraph':
      return [paragraph(inline())];
    case 'heading': {
      const level = n.attrs?.level;
      const [low, high] = NARRATIVE_HEADING_LEVELS;
      const ok = typeof level === 'number' && level > low ? high : low;
      const content = inline();
      return [{ type: 'heading', attrs: { level: ok }, ...(content.length ? { content } : {}) }];
    }
    case 'blockquote': {
      const content = toBlocks(contentOf(n), depth + 1);
      return [{ type: 'blockquote', content: content.length ? content : [paragraph([])] }];
    }
    case 'bulletList':
    case 'orderedList':
      return list(n, depth);
    case 'codeBlock': {
      const t = toInline(contentOf(n), depth + 1, true)
        .map((c) => c.text ?? '')
        .join('');
      const language = n.attrs?.language;
      return [
        {
          type: 'codeBlock',
          ...(typeof language === 'string' ? { attrs: { language } } : {}),
          ...(t ? { content: [text(t, [])] } : {}),
        },
      ];
    }
    case 'horizontalRule':
      // (a leaf: content inside it is malformed input, kept after it)
      return [{ type: 'horizontalRule' }, ...toBlocks(contentOf(n), depth + 1)];
    default:
      // listItem outside a list, a nested doc, or an unknown node: its content, unwrapped.
      return toBlocks(contentOf(n), depth + 1);
  }
}

/** Block content: runs of inline nodes become paragraphs. */
function toBlocks(nodes: Node[], depth: number): Node[] {
  const out: Node[] = [];
  let run: Node[] = [];
  const flush = () => {
    const inline = toInline(run, depth);
    if (inline.length > 0) out.push(paragraph(inline));
    run = [];
  };
  for (const n of nodes) {
    if (isBlockish(n)) {
      flush();
      out.push(...block(n, depth));
    } else run.push(n);
  }
  flush();
  return out;
}

/**
 * Whether a node is laid out as a block: a known block, or an unknown node holding one
 * somewhere below (then its content is unwrapped, else its text joins the line).
 */
function isBlockish(n: Node): boolean {
  if (BLOCKS.has(n.type) || n.type === 'doc') return true;
  if (n.type === 'text' || n.type === 'hardBreak') return false;
  const stack: Array<[Node, number]> = contentOf(n).map((c) => [c, 1]);
  while (stack.length > 0) {
    const [c, d] = stack.pop() as [Node, number];
    if (BLOCKS.has(c.type) || c.type === 'doc') return true;
    if (d < MAX_RICH_TEXT_DEPTH) for (const g of contentOf(c)) stack.push([g, d + 1]);
  }
  return false;
}

/**
 * `json` (a `doc` node, possibly from an import) in the form the narrative editor
 * would leave it: unknown marks dropped keeping their text, unknown nodes unwrapped
 * (their blocks kept, their text kept as paragraphs or inline text), required content
 * filled in (`listItem` starts with a paragraph, the document ends with one, as the
 * editor's trailing-node rule wants), attributes reduced to the schema's with its
 * defaults, nesting capped at {@link MAX_RICH_TEXT_DEPTH} (deeper content flattened to
 * its text). Idempotent.
 */
export function normalizeRichText(json: RichTextNode): RichTextNode {
  const blocks = toBlocks(contentOf(json), 1);
  if (blocks[blocks.length - 1]?.type !== 'paragraph') blocks.push({ type: 'paragraph' });
  return { type: 'doc', content: blocks };
}
