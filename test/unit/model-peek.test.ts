/**
 * Reading a loaded SOP creates no roots (issue 19: memory per loaded document). Every root
 * Yjs is asked for by name stays in `doc.share` while the doc is loaded, ~0.7 KB each even
 * when empty; a new SOP has content in a few of its ~25. The server's reads of a loaded doc
 * (listing summary, catalogue fields, the Keterkaitan links) peek instead, and still read
 * what is there.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { catalogueFields } from '../../server/catalogue/catalogueFields.js';
import { linkRowsOf } from '../../server/lifecycle/links.js';
import {
  createSop,
  readListBox,
  SopDoc,
  summarize,
  templateSnapshot,
  toSnapshot,
} from '../../shared/model/index.js';
import { fromSnapshot } from '../../shared/model/snapshot.js';

/** `source` as a server loads it: a fresh doc with the stored update applied. */
function loaded(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return doc;
}

const roots = (doc: Y.Doc) => [...doc.share.keys()].sort();

describe('reading a loaded SOP', () => {
  it('creates no roots for the summary, catalogue fields and links of a new SOP', () => {
    const doc = loaded(createSop('sop-ap', { name: 'SOP Penyelamatan Arsip' }));
    const before = roots(doc);
    // A model binds every root: the cost the reads avoid.
    expect(before.length).toBeLessThan(15);
    expect(summarize(doc).name).toBe('SOP Penyelamatan Arsip');
    expect(catalogueFields(doc).searchText).toContain('penyelamatan');
    expect(readListBox(doc, 'relatedSops')).toEqual([]);
    expect(roots(doc)).toEqual(before);
    const model = new SopDoc(doc);
    model.destroy();
    expect(roots(doc).length).toBeGreaterThan(before.length + 10);
  });

  it('toSnapshot reads the whole SOP and leaves only the roots the doc had', () => {
    const source = createSop('sop-ap', { name: 'SOP Penyelamatan Arsip' });
    const doc = loaded(source);
    const before = roots(doc);
    expect(toSnapshot(doc)).toEqual(toSnapshot(source));
    expect(roots(doc)).toEqual(before);
    // A live model's roots stay: they are observed, and they were there before the read.
    const live = new SopDoc(doc);
    const bound = roots(doc);
    toSnapshot(doc);
    expect(roots(doc)).toEqual(bound);
    live.identity.set('unit', 'Bidang Arsip');
    expect(toSnapshot(loaded(doc)).identity.unit).toBe('Bidang Arsip');
    live.destroy();
  });

  it('still reads what the roots hold', () => {
    const source = fromSnapshot(templateSnapshot('sop-ap', { name: 'SOP A' }));
    const sop = new SopDoc(source);
    const itemId = sop.identity
      .list('relatedSops')
      .add('SOP Pemusnahan Arsip', { before: null }, 'follow-on', 'sop-b');
    sop.identity.list('relatedSops').add('Tanpa tautan');
    sop.identity.set('number', '800/12/2026');
    const step = sop.steps.insertAfter(null, { activity: 'Memeriksa berkas', kind: 'process' });
    sop.destroy();
    const doc = loaded(source);
    const before = roots(doc);
    expect(summarize(doc)).toMatchObject({
      name: 'SOP A',
      number: '800/12/2026',
      stepCount: templateSnapshot('sop-ap').steps.length + 1,
    });
    expect(catalogueFields(doc).searchText).toContain('memeriksa berkas');
    const items = readListBox(doc, 'relatedSops');
    expect(items.map((i) => i.text)).toEqual(['SOP Pemusnahan Arsip', 'Tanpa tautan']);
    expect(linkRowsOf('sop-a', items)).toEqual([
      { sourceId: 'sop-a', itemId, targetId: 'sop-b', type: 'follow-on' },
    ]);
    expect(roots(doc)).toEqual(before);
    expect(step).toBeTruthy();
  });
});
