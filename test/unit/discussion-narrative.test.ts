/**
 * Rule: a narrative span anchor (Yjs relative positions, stored base64)
 * moves with edits before it, grows with edits inside it, stays put for
 * edits after it, survives a round-trip through another replica, and turns
 * "deleted" (with its quote) when its text is removed.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Author,
  Discussion,
  fragmentPlainText,
  type NarrativeAnchor,
  narrativeAnchorFromOffsets,
  resolveAnchors,
  resolveNarrativeSpan,
} from '../../shared/discussion/index';

const ana: Author = { id: 'ana', name: 'Ana', colour: '#c00' };

/** Two paragraphs in the y-prosemirror shape: paragraph elements holding XmlText. */
function contentDoc(): { doc: Y.Doc; frag: Y.XmlFragment; p1: Y.XmlText; p2: Y.XmlText } {
  const doc = new Y.Doc();
  const frag = doc.getXmlFragment('narrative.purpose');
  const e1 = new Y.XmlElement('paragraph');
  const e2 = new Y.XmlElement('paragraph');
  frag.insert(0, [e1, e2]);
  const p1 = new Y.XmlText('Menjaga arsip vital.');
  const p2 = new Y.XmlText('Arsip dilindungi dari bencana.');
  e1.insert(0, [p1]);
  e2.insert(0, [p2]);
  return { doc, frag, p1, p2 };
}

describe('narrative span anchors', () => {
  it('follow edits before, inside and after the span', () => {
    const { frag, p1, p2 } = contentDoc();
    const full = fragmentPlainText(frag);
    const start = full.indexOf('dilindungi');
    const anchor = narrativeAnchorFromOffsets(frag, 'purpose', start, start + 'dilindungi'.length);
    expect(anchor.quote).toBe('dilindungi');

    p1.insert(0, 'Tujuan: '); // earlier paragraph
    p2.insert(0, 'Semua '); // same paragraph, before the span
    let span = resolveNarrativeSpan(anchor, frag)!;
    expect(span.text).toBe('dilindungi');
    expect(span.start).toBe(fragmentPlainText(frag).indexOf('dilindungi'));

    p2.insert(p2.toString().indexOf('dilindungi') + 'dilindungi'.length, ' ketat'); // just after
    p2.insert(p2.toString().indexOf('dilindungi'), '>'); // just before
    span = resolveNarrativeSpan(anchor, frag)!;
    expect(span.text).toBe('dilindungi');

    p2.insert(p2.toString().indexOf('lindungi'), 'XX'); // inside
    span = resolveNarrativeSpan(anchor, frag)!;
    expect(span.text).toBe('diXXlindungi');
  });

  it('resolves on another replica and marks a removed span deleted with its quote', () => {
    const { doc, frag, p1 } = contentDoc();
    const anchor = narrativeAnchorFromOffsets(frag, 'purpose', 8, 13); // "arsip"
    expect(anchor.quote).toBe('arsip');

    const ddoc = new Y.Doc();
    const d = new Discussion(ddoc);
    const tid = d.createThread({ anchor, author: ana, body: 'Arsip yang mana?' });
    // The anchor travels through the discussion doc to another replica...
    const ddoc2 = new Y.Doc();
    Y.applyUpdate(ddoc2, Y.encodeStateAsUpdate(ddoc));
    const d2 = new Discussion(ddoc2);
    const doc2 = new Y.Doc();
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc));
    const frag2 = doc2.getXmlFragment('narrative.purpose');
    const stored = d2.thread(tid)!.anchor as NarrativeAnchor;
    expect(resolveNarrativeSpan(stored, frag2)?.text).toBe('arsip');

    const ctx = { steps: [], fragment: (k: string) => (k === 'purpose' ? frag : undefined) };
    expect(resolveAnchors(d, ctx).get(tid)).toEqual({ state: 'attached', lastText: 'arsip' });
    p1.delete(6, 8); // removes " arsip v" → span gone
    expect(resolveNarrativeSpan(anchor, frag)).toBeNull();
    expect(resolveAnchors(d, ctx).get(tid)).toEqual({ state: 'deleted', lastText: 'arsip' });
    expect(resolveAnchors(d, { steps: [], sections: ['scope'] }).get(tid)?.state).toBe('deleted');
  });

  it('refuses a span that is not text', () => {
    const { frag } = contentDoc();
    expect(() => narrativeAnchorFromOffsets(frag, 'purpose', 5, 5)).toThrow(RangeError);
    expect(() => narrativeAnchorFromOffsets(frag, 'purpose', 0, 999)).toThrow(RangeError);
  });
});
