/**
 * Rule (issue 12 §9): the editor never deletes what it cannot show. Narrative content
 * the server writes is normalised to the narrative editor's schema, so that opening
 * the editor (y-tiptap building its ProseMirror doc, then syncing it back) changes
 * nothing in the shared document: no element or text run deleted, no attribute or
 * trailing paragraph added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  fragmentToRichText,
  NARRATIVE_MARKS,
  NARRATIVE_NODES,
  normalizeRichText,
  type RichTextNode,
  richTextToFragment,
} from '../../shared/model/index.js';

const EDITOR_CONFIG =
  'StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false })';
const schema = getSchema([
  StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false }),
]);

/**
 * What opening the editor does to a fragment: y-tiptap builds the ProseMirror doc
 * (deleting what the schema rejects) and writes its doc back. Returns the number of
 * Yjs updates this produced and the ProseMirror doc.
 */
function openInEditor(json: RichTextNode): { updates: number; pm: PmNode } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('narrative.x');
  doc.transact(() => richTextToFragment(json, fragment));
  let updates = 0;
  doc.on('update', () => updates++);
  const { doc: pm, meta } = initProseMirrorDoc(fragment, schema);
  doc.transact(() => updateYFragment(doc, fragment, pm, meta));
  return { updates, pm };
}

const text = (t: string, marks?: string[]): RichTextNode =>
  marks
    ? { type: 'text', text: t, marks: marks.map((type) => ({ type })) }
    : { type: 'text', text: t };

/** All text of a tree, whitespace removed (breaks and joins may add some). */
function letters(n: RichTextNode): string {
  let out = '';
  const stack: RichTextNode[] = [n];
  while (stack.length) {
    const x = stack.pop() as RichTextNode;
    if (x.type === 'text') out += x.text ?? '';
    const c = x.content ?? [];
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i] as RichTextNode);
  }
  return out.replace(/\s+/g, '');
}

describe('the narrative editor schema', () => {
  it('the lists in shared/model are the editor’s schema', () => {
    const source = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../client/src/editor/narrative/NarrativeEditor.tsx'),
      'utf8',
    );
    expect(source).toContain(EDITOR_CONFIG);
    expect([...NARRATIVE_NODES].sort()).toEqual(Object.keys(schema.nodes).sort());
    expect([...NARRATIVE_MARKS].sort()).toEqual(Object.keys(schema.marks).sort());
  });

  it('an imported link mark and unknown nodes: today the editor deletes them; normalised, it changes nothing', () => {
    const imported: RichTextNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            text('Lihat '),
            {
              type: 'text',
              text: 'situs ANRI',
              marks: [{ type: 'link', attrs: { href: 'https://anri.go.id' } }],
            },
          ],
        },
        { type: 'callout', content: [{ type: 'paragraph', content: [text('Penting')] }] },
        { type: 'mention', attrs: { id: 'u1' }, content: [text('@budi')] },
        { type: 'heading', attrs: { level: 1 }, content: [text('Judul')] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [text('satu')] }] },
      ],
    };
    // the problem: opening the raw import deletes text
    const raw = openInEditor(imported);
    expect(raw.updates).toBeGreaterThan(0);
    expect(raw.pm.textContent).not.toContain('situs ANRI');
    // normalised: same text, nothing changes when the editor opens it
    const n = normalizeRichText(imported);
    expect(n).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('Lihat situs ANRI')] },
        { type: 'paragraph', content: [text('Penting')] },
        { type: 'paragraph', content: [text('@budi')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('Judul')] },
        {
          type: 'orderedList',
          attrs: { start: 1 },
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('satu')] }] },
          ],
        },
        { type: 'paragraph' },
      ],
    });
    const opened = openInEditor(n);
    expect(opened.updates).toBe(0);
    expect(opened.pm.textContent).toContain('situs ANRI');
  });

  it('random trees: normalised content is valid, idempotent, keeps its text, and survives the editor', () => {
    let seed = 99;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const types = [...NARRATIVE_NODES.filter((t) => t !== 'text'), 'callout', 'mention', 'table'];
    const marks = [...NARRATIVE_MARKS, 'link', 'highlight'];
    const tree = (depth: number): RichTextNode => {
      if (depth > 6 || rnd() < 0.3)
        return rnd() < 0.9
          ? text(
              pick(['a', 'bc', 'd e', 'f\u00a0g']),
              marks.filter(() => rnd() < 0.3),
            )
          : { type: 'hardBreak' };
      const type = pick(types);
      const n: RichTextNode = { type };
      if (rnd() < 0.4)
        n.attrs = { level: pick([1, 2, 3, 4, 5]), start: pick([1, 3, 'x']), id: 'q' };
      const kids = Math.floor(rnd() * 4);
      if (kids > 0) n.content = Array.from({ length: kids }, () => tree(depth + 1));
      return n;
    };
    for (let i = 0; i < 300; i++) {
      const input: RichTextNode = {
        type: 'doc',
        content: Array.from({ length: 3 }, () => tree(0)),
      };
      const n = normalizeRichText(input);
      const where = `tree ${i}: ${JSON.stringify(input)}`;
      expect(() => schema.nodeFromJSON(n).check(), where).not.toThrow();
      expect(normalizeRichText(n), where).toEqual(n);
      expect(letters(n), where).toBe(letters(input));
      expect(n.content?.at(-1)?.type, where).toBe('paragraph');
      const opened = openInEditor(n);
      expect(opened.updates, where).toBe(0);
      // and it reads back exactly as written
      const doc = new Y.Doc();
      const f = doc.getXmlFragment('f');
      doc.transact(() => richTextToFragment(n, f));
      expect(fragmentToRichText(f), where).toEqual(n);
    }
  });

  it('content nested past the depth limit is flattened to its text, not lost', () => {
    let node: RichTextNode = text('paling dalam');
    for (let i = 0; i < 1000; i++)
      node = { type: i % 2 ? 'blockquote' : 'callout', content: [node] };
    const n = normalizeRichText({ type: 'doc', content: [node] });
    expect(letters(n)).toBe('palingdalam');
    expect(() => schema.nodeFromJSON(n).check()).not.toThrow();
    expect(openInEditor(n).updates).toBe(0);
  });
});
