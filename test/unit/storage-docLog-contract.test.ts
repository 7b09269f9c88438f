/**
 * DocLog contract (issue 2 §5, issue 12, issue 13): every implementation — memory, SQLite
 * (normal and synchronous=FULL), PostgreSQL — passes the same suite.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocMeta } from '../../server/storage/sopIndex.js';
import type { Stores } from '../../server/storage/stores.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

export function meta(id: string, over: Partial<DocMeta> = {}): DocMeta {
  return {
    id,
    name: `SOP ${id}`,
    number: `No. ${id}`,
    status: 'draft',
    stepCount: 0,
    template: 'sop-ap',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archived: false,
    ...over,
  };
}

/** A doc with `n` separate text edits, and every update. */
function edits(n: number, clientID = 1): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < n; i++) {
    if (i % 7 === 6) text.delete(0, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  doc.getMap('m').set('k', 'v');
  return { doc, updates };
}

const sha256 = (u: Uint8Array) => createHash('sha256').update(u).digest('hex');

function rebuild(updates: Uint8Array[]): Y.Doc {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return d;
}

const text = (updates: Uint8Array[]) => rebuild(updates).getText('t').toString();
const entries = (docId: string, updates: Uint8Array[]) =>
  updates.map((update) => ({ docId, update }));

describeStores('DocLog contract', backends({ withFullSync: true }), (env) => {
  let s: Stores;
  const open = async () => {
    s = await env.open();
    return s;
  };

  it('load of an unknown document is null', async () => {
    const { docLog, index } = await open();
    expect(await docLog.load('nope')).toBeNull();
    expect(await index.getMeta('nope')).toBeNull();
  });

  it('appended updates load back in order and rebuild the same content', async () => {
    const { docLog } = await open();
    const { doc, updates } = edits(50);
    await docLog.append(entries('a', updates));
    const loaded = await docLog.load('a');
    expect(loaded?.logLength).toBe(updates.length);
    expect(loaded?.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    expect(text(loaded!.updates)).toBe(doc.getText('t').toString());
  });

  it('append resolves the last sequence number per document; they increase', async () => {
    const { docLog } = await open();
    const a = edits(3, 1).updates;
    const b = edits(4, 2).updates;
    const first = await docLog.append([...entries('a', a), ...entries('b', b)]);
    expect([...first.keys()].sort()).toEqual(['a', 'b']);
    const loadedA = (await docLog.load('a'))!;
    const loadedB = (await docLog.load('b'))!;
    // The rows are the sequence numbers, in append order; the last is what append said.
    expect(loadedA.rows.at(-1)).toBe(first.get('a')?.seq);
    expect(loadedB.rows.at(-1)).toBe(first.get('b')?.seq);
    expect(loadedA.lastSeq).toBe(first.get('a')?.seq);
    const seqs = loadedA.rows as number[];
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const second = await docLog.append(entries('a', edits(2, 3).updates));
    expect(second.get('a')!.seq).toBeGreaterThan(first.get('a')!.seq);
    // Each append links to the document's previous last row (0: none before).
    expect(first.get('a')?.prevSeq).toBe(0);
    expect(second.get('a')?.prevSeq).toBe(first.get('a')?.seq);
    expect(second.has('b')).toBe(false);
    expect(await docLog.append([])).toEqual(new Map());
  });

  it('one append call spans several documents; each gets an unlisted index row', async () => {
    const { docLog, index } = await open();
    const a = edits(3, 1).updates;
    const b = edits(4, 2).updates;
    await docLog.append([...entries('a', a), ...entries('b', b)]);
    expect((await docLog.load('a'))?.logLength).toBe(a.length);
    expect((await docLog.load('b'))?.logLength).toBe(b.length);
    expect((await index.getMeta('b'))?.archived).toBe(false);
    // Rows created implicitly (socket-only documents) are not listed.
    expect((await index.getMeta('b'))?.template).toBeNull();
    expect(await index.listMeta()).toEqual([]);
  });

  it('replaceUpTo compacts: rows up to the seq are dropped and content is identical', async () => {
    const { docLog } = await open();
    const { doc, updates } = edits(300);
    const seq = (await docLog.append(entries('c', updates))).get('c')!.seq;
    const before = rebuild((await docLog.load('c'))!.updates);
    expect(await docLog.replaceUpTo('c', Y.encodeStateAsUpdate(before), seq)).toBe(true);
    const after = (await docLog.load('c'))!;
    expect(after.logLength).toBe(0);
    expect(after.updates).toHaveLength(1);
    // An empty log: lastSeq says what the snapshot covers.
    expect(after.lastSeq).toBe(seq);
    const rebuilt = rebuild(after.updates);
    expect(rebuilt.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(rebuilt.getMap('m').toJSON()).toEqual({ k: 'v' });
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
    // Appending after a compaction keeps working.
    const more = new Y.Doc();
    Y.applyUpdate(more, after.updates[0]!);
    const extra: Uint8Array[] = [];
    more.on('update', (u: Uint8Array) => extra.push(u));
    more.getText('t').insert(0, 'Z');
    const next = (await docLog.append(entries('c', extra))).get('c')!.seq;
    expect(next).toBeGreaterThan(seq);
    expect(text((await docLog.load('c'))!.updates)).toBe(more.getText('t').toString());
  });

  it('replaceUpTo deletes only rows up to the seq, never a row appended after (race 2)', async () => {
    const { docLog } = await open();
    const { doc, updates } = edits(40);
    const half = Math.floor(updates.length / 2);
    const seq = (await docLog.append(entries('r', updates.slice(0, half)))).get('r')!.seq;
    const state = Y.encodeStateAsUpdate(rebuild((await docLog.load('r'))!.updates));
    // Appended after the compaction's state was taken, before it is written:
    const later = (await docLog.append(entries('r', updates.slice(half)))).get('r')!.seq;
    await docLog.append(entries('other', updates.slice(0, 3)));
    expect(await docLog.replaceUpTo('r', state, seq)).toBe(true);
    const after = (await docLog.load('r'))!;
    expect(after.rows[0]).toBe('snapshot');
    expect(after.logLength).toBe(updates.length - half);
    expect(after.lastSeq).toBe(later);
    expect(text(after.updates)).toBe(doc.getText('t').toString());
    // Other documents' rows are untouched.
    expect((await docLog.load('other'))?.logLength).toBe(3);
  });

  it('a stale compaction (older than the stored snapshot) is refused and changes nothing', async () => {
    const { docLog } = await open();
    const { updates } = edits(20);
    const s1 = (await docLog.append(entries('st', updates.slice(0, 10)))).get('st')!.seq;
    const old = Y.encodeStateAsUpdate(rebuild((await docLog.load('st'))!.updates));
    const s2 = (await docLog.append(entries('st', updates.slice(10)))).get('st')!.seq;
    const all = Y.encodeStateAsUpdate(rebuild((await docLog.load('st'))!.updates));
    expect(await docLog.replaceUpTo('st', all, s2)).toBe(true);
    expect(await docLog.replaceUpTo('st', old, s1)).toBe(false);
    const after = (await docLog.load('st'))!;
    expect(after.updates.map((u) => [...u])).toEqual([[...all]]);
    expect(after.lastSeq).toBe(s2);
    // The same seq again (an idempotent retry) is accepted.
    expect(await docLog.replaceUpTo('st', all, s2)).toBe(true);
  });

  it('readSince returns what a copy holding every row up to a seq lacks, also after compaction', async () => {
    const { docLog } = await open();
    const { doc, updates } = edits(30);
    expect(await docLog.readSince('none', 0)).toBeNull();
    const s1 = (await docLog.append(entries('rs', updates.slice(0, 10)))).get('rs')!;
    const s2 = (await docLog.append(entries('rs', updates.slice(10, 20)))).get('rs')!;
    // The chain of links: each append starts where the previous one ended.
    expect(s2.prevSeq).toBe(s1.seq);
    const copy = rebuild(updates.slice(0, 10));
    const since = (await docLog.readSince('rs', s1.seq))!;
    expect(since.lastSeq).toBe(s2.seq);
    expect(since.updates).toHaveLength(10);
    for (const u of since.updates) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe(
      rebuild(updates.slice(0, 20)).getText('t').toString(),
    );
    // Nothing new: an empty answer that says how far the document goes.
    expect(await docLog.readSince('rs', s2.seq)).toEqual({ updates: [], lastSeq: s2.seq });
    // Compacted past what the copy holds: the snapshot comes first, then the newer rows.
    const all = Y.encodeStateAsUpdate(rebuild((await docLog.load('rs'))!.updates));
    expect(await docLog.replaceUpTo('rs', all, s2.seq)).toBe(true);
    const s3 = (await docLog.append(entries('rs', updates.slice(20)))).get('rs')!;
    // After a compaction the next link starts at what the snapshot covers.
    expect(s3.prevSeq).toBe(s2.seq);
    const old = rebuild(updates.slice(0, 10));
    const after = (await docLog.readSince('rs', s1.seq))!;
    expect(after.updates).toHaveLength(1 + (updates.length - 20));
    expect(after.lastSeq).toBe(s3.seq);
    for (const u of after.updates) Y.applyUpdate(old, u);
    expect(old.getText('t').toString()).toBe(doc.getText('t').toString());
    // A copy already past the snapshot gets the log rows only.
    expect((await docLog.readSince('rs', s2.seq))!.updates).toHaveLength(updates.length - 20);
  });

  it('replaceUpTo of a document never stored creates it; a bound past every row is fine', async () => {
    const { docLog } = await open();
    const d = new Y.Doc();
    d.getText('t').insert(0, 'neu');
    expect(await docLog.replaceUpTo('fresh', Y.encodeStateAsUpdate(d), 0)).toBe(true);
    expect(text((await docLog.load('fresh'))!.updates)).toBe('neu');
    const seq = (await docLog.append(entries('fresh', edits(2, 5).updates))).get('fresh')!.seq;
    expect(
      await docLog.replaceUpTo('fresh', Y.encodeStateAsUpdate(d), Number.MAX_SAFE_INTEGER),
    ).toBe(true);
    const after = (await docLog.load('fresh'))!;
    expect(after.logLength).toBe(0);
    // What the snapshot covers is the last row it replaced, not the bound passed.
    expect(after.lastSeq).toBe(seq);
  });

  it('load says where each update is stored and carries the snapshot checksum', async () => {
    const { docLog, index } = await open();
    const d = new Y.Doc();
    d.getText('t').insert(0, 'hello');
    const state = Y.encodeStateAsUpdate(d);
    await index.createDoc(meta('r'), state);
    expect((await docLog.load('r'))!.lastSeq).toBe(0);
    const { updates } = edits(3, 2);
    await docLog.append(entries('r', updates));
    const loaded = (await docLog.load('r'))!;
    expect(loaded.rows).toHaveLength(loaded.updates.length);
    expect(loaded.rows[0]).toBe('snapshot');
    expect(loaded.rows.slice(1).every((r) => typeof r === 'number')).toBe(true);
    expect(new Set(loaded.rows).size).toBe(loaded.rows.length);
    expect(loaded.snapshotDigest).toBe(sha256(state));
    expect(loaded.bytes).toBe(loaded.updates.reduce((n, u) => n + u.length, 0));
    // a compaction records the new snapshot's checksum
    const compacted = Y.encodeStateAsUpdate(rebuild(loaded.updates));
    await docLog.replaceUpTo('r', compacted, loaded.lastSeq);
    expect((await docLog.load('r'))!.snapshotDigest).toBe(sha256(compacted));
    // a log-only document has no snapshot and no checksum
    await docLog.append([{ docId: 'logonly', update: updates[0]! }]);
    expect(await docLog.load('logonly')).toMatchObject({ snapshotDigest: null, logLength: 1 });
  });

  it('quarantine moves a log row out of the document, keeps it with its reason, once', async () => {
    const { docLog } = await open();
    const { updates } = edits(5);
    await docLog.append(entries('q', updates));
    const before = (await docLog.load('q'))!;
    const row = before.rows[2]!;
    const data = before.updates[2]!;
    const moved = await docLog.quarantine('q', [{ row, data, reason: 'cannot be decoded: x' }]);
    expect(moved).toEqual([
      expect.objectContaining({
        docId: 'q',
        reason: 'cannot be decoded: x',
        source: 'log',
        bytes: data.length,
      }),
    ]);
    const after = (await docLog.load('q'))!;
    expect(after.logLength).toBe(before.logLength - 1);
    expect(after.rows).not.toContain(row);
    expect(after.updates.map((u) => [...u])).toEqual(
      before.updates.filter((_, i) => i !== 2).map((u) => [...u]),
    );
    expect(await docLog.listQuarantined('q')).toEqual(moved);
    expect(await docLog.listQuarantined('other')).toEqual([]);
    expect(await docLog.countQuarantined()).toBe(1);
    // moving it again (a second loader, or a row compacted away) changes nothing
    expect(await docLog.quarantine('q', [{ row, data, reason: 'again' }])).toEqual([]);
    expect(await docLog.quarantine('q', [])).toEqual([]);
    expect(await docLog.countQuarantined()).toBe(1);
  });

  it('quarantine moves the snapshot only while it is the one that was loaded', async () => {
    const { docLog, index } = await open();
    const d = new Y.Doc();
    d.getText('t').insert(0, 'x');
    const first = Y.encodeStateAsUpdate(d);
    await index.createDoc(meta('s'), first);
    d.getText('t').insert(0, 'y');
    const second = Y.encodeStateAsUpdate(d);
    await docLog.replaceUpTo('s', second, 0);
    // a loader that read `first` before the compaction must not remove `second`
    expect(await docLog.quarantine('s', [{ row: 'snapshot', data: first, reason: 'r' }])).toEqual(
      [],
    );
    expect((await docLog.load('s'))!.updates).toHaveLength(1);
    const moved = await docLog.quarantine('s', [{ row: 'snapshot', data: second, reason: 'r' }]);
    expect(moved).toEqual([expect.objectContaining({ source: 'snapshot', bytes: second.length })]);
    // everything set aside: the document loads as empty, not as "never stored"
    expect(await docLog.load('s')).toEqual({
      updates: [],
      rows: [],
      logLength: 0,
      bytes: 0,
      snapshotDigest: null,
      lastSeq: 0,
    });
    // and it can be written again
    await docLog.replaceUpTo('s', first, 0);
    expect((await docLog.load('s'))!.snapshotDigest).toBe(sha256(first));
  });

  it('adoptSnapshotDigest never replaces a recorded checksum nor trusts other bytes', async () => {
    const { docLog, index } = await open();
    const state = new Uint8Array([0, 0]);
    await index.createDoc(meta('a'), state);
    await docLog.adoptSnapshotDigest('a', new Uint8Array([1, 0, 0]));
    await docLog.adoptSnapshotDigest('a', state);
    await docLog.adoptSnapshotDigest('missing', state);
    expect((await docLog.load('a'))!.snapshotDigest).toBe(sha256(state));
  });

  it('data survives reopening (persistent implementations)', async () => {
    if (!env.persistent) return;
    let { docLog, settings } = await open();
    const { doc, updates } = edits(20);
    await docLog.append(entries('p', updates));
    await settings.setSetting('seeded', 'yes');
    await s.close();
    ({ docLog, settings } = await open());
    expect(text((await docLog.load('p'))!.updates)).toBe(doc.getText('t').toString());
    expect(await settings.getSetting('seeded')).toBe('yes');
    const bad = (await docLog.load('p'))!;
    await docLog.quarantine('p', [{ row: bad.rows[0]!, data: bad.updates[0]!, reason: 'r' }]);
    const seq = (await docLog.append(entries('p', edits(1, 9).updates))).get('p')!.seq;
    await s.close();
    ({ docLog } = await open());
    expect(await docLog.countQuarantined()).toBe(1);
    expect((await docLog.listQuarantined('p'))[0]).toMatchObject({ reason: 'r', source: 'log' });
    // Sequence numbers keep increasing across restarts.
    expect((await docLog.append(entries('p', edits(1, 10).updates))).get('p')!.seq).toBeGreaterThan(
      seq,
    );
  });

  it('a closed store rejects', async () => {
    const { docLog } = await open();
    await s.close();
    await expect(docLog.load('x')).rejects.toThrow();
  });
});
