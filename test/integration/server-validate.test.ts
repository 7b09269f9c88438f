/**
 * The pre-Yjs update validator (server/rooms/validate.ts) must accept every update
 * real clients produce and reject malformed ones without hanging.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DecodeError } from '../../server/rooms/boundedReader.js';
import { decodeAwarenessEntries, validateUpdate } from '../../server/rooms/validate.js';
import { createSop, SopDoc } from '../../shared/model/index.js';

function richDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('text');
  text.insert(0, 'Halo dunia — ünïcödé 🎉', { bold: true });
  text.format(0, 4, { italic: true, link: { href: 'https://x' } });
  text.insertEmbed(3, { image: 'data:,' });
  text.delete(1, 2);
  const map = doc.getMap('map');
  map.set('int', 42);
  map.set('neg', -7);
  map.set('float', 3.25);
  map.set('big', 2n ** 60n);
  map.set('str', 'x');
  map.set('bool', true);
  map.set('null', null);
  map.set('obj', { a: [1, { b: 'c' }], u: undefined });
  map.set('bin', new Uint8Array([1, 2, 3]));
  const nested = new Y.Map<unknown>();
  map.set('nested', nested);
  nested.set('arr', Y.Array.from([1, 2, 3]));
  map.delete('str');
  const arr = doc.getArray('arr');
  arr.insert(0, [1, 'two', { three: 3 }]);
  arr.delete(1, 1);
  const xml = doc.getXmlFragment('xml');
  const p = new Y.XmlElement('paragraph');
  p.setAttribute('align', 'left');
  const t = new Y.XmlText();
  t.insert(0, 'para', { bold: true });
  p.insert(0, [t]);
  xml.insert(0, [p]);
  return { doc, updates };
}

describe('validateUpdate', () => {
  it('accepts every update of a rich document, its full state and diffs', () => {
    const { doc, updates } = richDoc();
    for (const u of updates) expect(() => validateUpdate(u)).not.toThrow();
    expect(() => validateUpdate(Y.encodeStateAsUpdate(doc))).not.toThrow();
    expect(() => validateUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).not.toThrow();
    const partial = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
    expect(() => validateUpdate(partial)).not.toThrow();
  });

  it('accepts the model templates and edits through the model', () => {
    for (const t of ['sop-ap', 'international', 'sample'] as const) {
      const doc = createSop(t);
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      const sop = new SopDoc(doc);
      const first = sop.steps.ids()[0] ?? null;
      sop.steps.insertAfter(first, { activity: 'Langkah baru' });
      sop.identity.set('name', 'Nama baru');
      sop.destroy();
      for (const u of [Y.encodeStateAsUpdate(doc), ...updates])
        expect(() => validateUpdate(u)).not.toThrow();
    }
  });

  it('rejects zero-length and every truncation of a real update without hanging', () => {
    expect(() => validateUpdate(new Uint8Array(0))).toThrow(DecodeError);
    const { doc } = richDoc();
    const full = Y.encodeStateAsUpdate(doc);
    let accepted = 0;
    for (let n = 0; n < full.length; n++) {
      const cut = full.subarray(0, n);
      try {
        validateUpdate(cut);
        accepted++;
        // If the structure is complete, Yjs must be able to take it.
        Y.applyUpdate(new Y.Doc(), cut);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
      }
    }
    expect(accepted).toBeLessThan(full.length / 4);
  });

  it('rejects sub-documents (not used by Susun)', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('sub', new Y.Doc());
    expect(() => validateUpdate(Y.encodeStateAsUpdate(doc))).toThrow(DecodeError);
  });
});

describe('decodeAwarenessEntries', () => {
  it('decodes ids and state sizes; rejects bad JSON', () => {
    const enc = new TextEncoder();
    const state = enc.encode(JSON.stringify({ user: { name: 'A' } }));
    const msg = new Uint8Array([1, 7, 3, state.length, ...state]);
    expect(decodeAwarenessEntries(msg)).toEqual([
      { clientId: 7, clock: 3, stateBytes: state.length, raw: state, removed: false },
    ]);
    expect(() => decodeAwarenessEntries(new Uint8Array([1, 7, 3, 2, 123, 123]))).toThrow(
      DecodeError,
    );
    expect(() => decodeAwarenessEntries(new Uint8Array([200, 1]))).toThrow(DecodeError);
  });
});
