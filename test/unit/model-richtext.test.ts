/**
 * Rule: narrative JSON ⇄ Y.XmlFragment matches what TipTap's Yjs binding
 * (@tiptap/y-tiptap, the narrative editor's StarterKit schema) produces, so a
 * TipTap-edited section round-trips through toSnapshot/fromSnapshot.
 */
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import {
  prosemirrorJSONToYXmlFragment,
  yXmlFragmentToProseMirrorRootNode,
  yXmlFragmentToProsemirrorJSON,
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  fragmentToRichText,
  fromSnapshot,
  type RichTextNode,
  richTextToFragment,
  SopDoc,
  templateSnapshot,
  toSnapshot,
} from '../../shared/model/index.js';

// The narrative editor's configuration (NarrativeEditor.tsx): what it can produce.
const schema = getSchema([
  StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false }),
]);

const text = (t: string, marks?: RichTextNode['marks']): RichTextNode =>
  marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };

/** Content using most StarterKit nodes and marks, as ProseMirror's toJSON emits it. */
const RICH: RichTextNode = schema
  .nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'heading',
        attrs: { level: 3 },
        content: [text('Tujuan '), text('utama', [{ type: 'italic' }])],
      },
      {
        type: 'paragraph',
        content: [
          text('Arsip '),
          text('vital', [{ type: 'bold' }, { type: 'italic' }]),
          text(' lihat ANRI'),
          { type: 'hardBreak' },
          text('kode', [{ type: 'code' }]),
        ],
      },
      { type: 'paragraph' },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('satu')] }] }],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [text('a', [{ type: 'strike' }])] }],
          },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [text('b', [{ type: 'underline' }])] }],
          },
        ],
      },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [text('kutipan')] }] },
      { type: 'horizontalRule' },
      { type: 'codeBlock', content: [text('x = 1')] },
      // (the editor's trailing-node rule keeps a paragraph last)
      { type: 'paragraph' },
    ],
  })
  .toJSON() as RichTextNode;

/** ProseMirror JSON minus null-valued node attrs (y-prosemirror drops those; mark attrs are kept whole). */
function withoutNullAttrs(n: RichTextNode): RichTextNode {
  const out: RichTextNode = { ...n };
  if (n.attrs) {
    const attrs = Object.fromEntries(Object.entries(n.attrs).filter(([, v]) => v !== null));
    if (Object.keys(attrs).length) out.attrs = attrs;
    else delete out.attrs;
  }
  if (n.content) out.content = n.content.map(withoutNullAttrs);
  return out;
}

function fragmentPair() {
  const doc = new Y.Doc();
  const ours = doc.getXmlFragment('ours');
  const theirs = doc.getXmlFragment('theirs');
  doc.transact(() => {
    richTextToFragment(RICH, ours);
    prosemirrorJSONToYXmlFragment(schema, RICH, theirs);
  });
  return { ours, theirs };
}

describe('narrative rich text ⇄ Y.XmlFragment', () => {
  it('builds the same Yjs structure as y-tiptap for StarterKit content', () => {
    const { ours, theirs } = fragmentPair();
    expect(ours.toString()).toBe(theirs.toString());
    expect(yXmlFragmentToProsemirrorJSON(ours)).toEqual(yXmlFragmentToProsemirrorJSON(theirs));
  });

  it('reads a y-tiptap fragment back to the ProseMirror JSON TipTap would show', () => {
    const { theirs } = fragmentPair();
    const ours = fragmentToRichText(theirs);
    const pm = yXmlFragmentToProseMirrorRootNode(theirs, schema).toJSON() as RichTextNode;
    expect(ours).toEqual(withoutNullAttrs(pm));
    // and the result is valid for the schema and equal to the original document
    expect(schema.nodeFromJSON(ours).eq(schema.nodeFromJSON(RICH))).toBe(true);
  });

  it('round-trips a TipTap-edited section through toSnapshot/fromSnapshot', () => {
    const sop = new SopDoc(fromSnapshot(templateSnapshot('sop-ap')));
    prosemirrorJSONToYXmlFragment(schema, RICH, sop.narrative.fragment('scope'));
    const snap = toSnapshot(sop.doc);
    const again = new SopDoc(fromSnapshot(snap));
    expect(again.narrative.fragment('scope').toString()).toBe(
      sop.narrative.fragment('scope').toString(),
    );
    expect(toSnapshot(again.doc)).toEqual(snap);
    const node = yXmlFragmentToProseMirrorRootNode(again.narrative.fragment('scope'), schema);
    expect(node.eq(schema.nodeFromJSON(RICH))).toBe(true);
  });

  it('setJSON replaces content; fieldName matches the root fragment', () => {
    const sop = new SopDoc(new Y.Doc());
    sop.narrative.setJSON('purpose', {
      type: 'doc',
      content: [{ type: 'paragraph', content: [text('a')] }],
    });
    sop.narrative.setJSON('purpose', {
      type: 'doc',
      content: [{ type: 'paragraph', content: [text('b')] }],
    });
    expect(sop.narrative.keys()).toEqual(['purpose']);
    expect(sop.doc.getXmlFragment(sop.narrative.fieldName('purpose')).toString()).toBe(
      '<paragraph>b</paragraph>',
    );
  });
});
