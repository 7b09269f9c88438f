/**
 * ProseMirror JSON ⇄ Y.XmlFragment without a schema, producing the same Yjs
 * structure as y-prosemirror / @tiptap/y-tiptap: a node is a Y.XmlElement
 * named after its type with its non-null attrs as attributes; runs of text
 * nodes become one Y.XmlText whose delta attributes are the marks
 * (`{ [markType]: markAttrs }`). So a TipTap-edited section round-trips through
 * toSnapshot/fromSnapshot. Node attrs that are null are dropped (y-prosemirror
 * does the same); the editor's schema restores defaults when it loads.
 */
import * as Y from 'yjs';
import { describeValue, ignoreSkips, type SkipReporter } from './skip.js';
import type { RichTextNode } from './types.js';

type Mark = NonNullable<RichTextNode['marks']>[number];

/** y-prosemirror stores overlapping marks of one type as `type--hash`. */
function markName(attr: string): string {
  const i = attr.indexOf('--');
  return i < 0 ? attr : attr.slice(0, i);
}

function simpleHash(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

function marksToAttributes(marks: readonly Mark[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of marks ?? []) {
    const key = m.type in out ? `${m.type}--${simpleHash(JSON.stringify(m))}` : m.type;
    out[key] = m.attrs ?? {};
  }
  return out;
}

function toYNode(node: RichTextNode): Y.XmlElement {
  const el = new Y.XmlElement(node.type);
  for (const [k, v] of Object.entries(node.attrs ?? {})) {
    // y-prosemirror skips null attrs and its internal 'ychange'
    if (v !== null && v !== undefined && k !== 'ychange') el.setAttribute(k, v as string);
  }
  el.insert(0, toYChildren(node.content ?? []));
  return el;
}

function toYChildren(nodes: readonly RichTextNode[]): Array<Y.XmlElement | Y.XmlText> {
  const out: Array<Y.XmlElement | Y.XmlText> = [];
  let run: RichTextNode[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const t = new Y.XmlText();
    t.applyDelta(
      run.map((n) => ({ insert: n.text ?? '', attributes: marksToAttributes(n.marks) })),
    );
    out.push(t);
    run = [];
  };
  for (const n of nodes) {
    if (n.type === 'text') {
      if (n.text) run.push(n);
    } else {
      flush();
      out.push(toYNode(n));
    }
  }
  flush();
  return out;
}

/** Replace the content of `fragment` with `json` (a `doc` node, or a list of its children). Call in a transaction. */
export function richTextToFragment(json: RichTextNode, fragment: Y.XmlFragment): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, toYChildren(json.content ?? []));
}

/**
 * Deepest element nesting a read keeps (the `doc` node is depth 0, its children 1).
 * TipTap's StarterKit documents stay far below it (a list nested ten levels is depth
 * 20). An element at this depth is replaced by a text node holding all the text of
 * its subtree, collected without recursion, so a 1,000-deep chain is flattened to its
 * text instead of overflowing the stack or being lost silently. `parseSnapshot`
 * refuses imports deeper than this, so what a read returns can be imported again.
 */
export const MAX_RICH_TEXT_DEPTH = 40;

/** Options of {@link fragmentToRichText}. */
export interface RichTextReadOptions {
  /** Told about content left out or flattened; absent = ignore. */
  onSkip?: SkipReporter | undefined;
  /** Prefix of reported paths (e.g. `narrative.purpose`). */
  path?: string;
}

/** Attribute values a snapshot can carry: JSON primitives (no Yjs types, binaries or deep objects). */
function plainAttrs(
  attrs: Record<string, unknown>,
  path: string,
  onSkip: SkipReporter,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(attrs)) {
    const ok =
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      v === null ||
      (typeof v === 'number' && Number.isFinite(v));
    if (!ok) {
      onSkip(`${path}@${k}`, `attribute of type ${describeValue(v)} left out`);
      continue;
    }
    out ??= {};
    out[k] = v;
  }
  return out;
}

function textRuns(item: Y.XmlText, path: string, onSkip: SkipReporter): RichTextNode[] {
  const delta = item.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
  const out: RichTextNode[] = [];
  for (const d of delta) {
    if (typeof d.insert !== 'string') {
      onSkip(path, `embedded ${describeValue(d.insert)} in text left out`);
      continue;
    }
    const node: RichTextNode = { type: 'text', text: d.insert };
    const attrs = d.attributes ?? {};
    const keys = Object.keys(attrs);
    if (keys.length > 0) {
      node.marks = keys.map((k) => {
        const a = attrs[k];
        const mark: Mark = { type: markName(k) };
        const plain =
          a && typeof a === 'object' && !Array.isArray(a)
            ? plainAttrs(a as Record<string, unknown>, `${path}/${k}`, onSkip)
            : undefined;
        if (plain) mark.attrs = plain;
        return mark;
      });
    }
    out.push(node);
  }
  return out;
}

/** All text under `el`, depth-first, without recursion; runs of different text nodes are spaced. */
function flattenText(el: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: unknown[] = [el];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n instanceof Y.XmlText) {
      let s = '';
      for (const d of n.toDelta() as Array<{ insert: unknown }>)
        if (typeof d.insert === 'string') s += d.insert;
      if (s) parts.push(s);
    } else if (n instanceof Y.XmlElement) {
      const children = n.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return parts.join(' ');
}

function childrenOf(
  parent: Y.XmlFragment | Y.XmlElement,
  depth: number,
  path: string,
  onSkip: SkipReporter,
): RichTextNode[] {
  const out: RichTextNode[] = [];
  parent.toArray().forEach((c: unknown, i) => {
    const p = `${path}[${i}]`;
    if (c instanceof Y.XmlText) out.push(...textRuns(c, p, onSkip));
    else if (c instanceof Y.XmlElement && !(c instanceof Y.XmlHook))
      out.push(...elementNode(c, depth, p, onSkip));
    else onSkip(p, `${describeValue(c)} in rich text left out`);
  });
  return out;
}

function elementNode(
  item: Y.XmlElement,
  depth: number,
  path: string,
  onSkip: SkipReporter,
): RichTextNode[] {
  if (depth >= MAX_RICH_TEXT_DEPTH) {
    const text = flattenText(item);
    onSkip(path, `nested deeper than ${MAX_RICH_TEXT_DEPTH}: flattened to its text`);
    return text ? [{ type: 'text', text }] : [];
  }
  const node: RichTextNode = { type: item.nodeName };
  const attrs = plainAttrs(item.getAttributes() as Record<string, unknown>, path, onSkip);
  if (attrs) node.attrs = attrs;
  const children = childrenOf(item, depth + 1, path, onSkip);
  if (children.length > 0) node.content = children;
  return [node];
}

/**
 * ProseMirror JSON (`{type:'doc', content}`) of a fragment. Total: content that is not
 * XML (a map, a string, an embed), attributes that are not JSON primitives and
 * nesting past {@link MAX_RICH_TEXT_DEPTH} are left out or flattened and reported.
 */
export function fragmentToRichText(
  fragment: Y.XmlFragment,
  opts: RichTextReadOptions = {},
): RichTextNode {
  return {
    type: 'doc',
    content: childrenOf(fragment, 1, opts.path ?? '', opts.onSkip ?? ignoreSkips),
  };
}

/** An empty document: one empty paragraph (what TipTap shows for a blank editor). */
export function emptyRichText(): RichTextNode {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** A doc of plain paragraphs (templates). */
export function paragraphs(...texts: string[]): RichTextNode {
  return {
    type: 'doc',
    content: texts.map((t) =>
      t ? { type: 'paragraph', content: [{ type: 'text', text: t }] } : { type: 'paragraph' },
    ),
  };
}
