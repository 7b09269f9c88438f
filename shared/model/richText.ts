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

function fromYNode(item: Y.XmlElement | Y.XmlText | Y.XmlHook): RichTextNode[] {
  if (item instanceof Y.XmlText) {
    const delta = item.toDelta() as Array<{
      insert: unknown;
      attributes?: Record<string, unknown>;
    }>;
    const out: RichTextNode[] = [];
    for (const d of delta) {
      if (typeof d.insert !== 'string') continue;
      const node: RichTextNode = { type: 'text', text: d.insert };
      const attrs = d.attributes ?? {};
      const keys = Object.keys(attrs);
      if (keys.length > 0) {
        node.marks = keys.map((k) => {
          const a = attrs[k];
          const mark: Mark = { type: markName(k) };
          if (a && typeof a === 'object' && Object.keys(a).length > 0)
            mark.attrs = a as Record<string, unknown>;
          return mark;
        });
      }
      out.push(node);
    }
    return out;
  }
  if (item instanceof Y.XmlElement) {
    const node: RichTextNode = { type: item.nodeName };
    const attrs = item.getAttributes() as Record<string, unknown>;
    if (Object.keys(attrs).length > 0) node.attrs = attrs;
    const children = item.toArray().flatMap((c) => fromYNode(c));
    if (children.length > 0) node.content = children;
    return [node];
  }
  return [];
}

/** ProseMirror JSON (`{type:'doc', content}`) of a fragment. */
export function fragmentToRichText(fragment: Y.XmlFragment): RichTextNode {
  return { type: 'doc', content: fragment.toArray().flatMap((c) => fromYNode(c)) };
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
