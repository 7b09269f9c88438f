/**
 * SopIndex and SettingsStore contract (issue 2 §5, issue 13): memory, SQLite and
 * PostgreSQL pass the same suite.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocMeta } from '../../server/storage/sopIndex.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

function meta(id: string, over: Partial<DocMeta> = {}): DocMeta {
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

const empty = new Uint8Array([0, 0]);

describeStores('SopIndex contract', backends(), (env) => {
  it('createDoc stores state and metadata once', async () => {
    const { index, docLog } = await env.open();
    const d = new Y.Doc();
    d.getText('t').insert(0, 'hello');
    expect(await index.createDoc(meta('x'), Y.encodeStateAsUpdate(d))).toBe(true);
    expect(await index.createDoc(meta('x', { name: 'other' }), empty)).toBe(false);
    const back = new Y.Doc();
    for (const u of (await docLog.load('x'))!.updates) Y.applyUpdate(back, u);
    expect(back.getText('t').toString()).toBe('hello');
    expect(await index.getMeta('x')).toEqual(meta('x'));
  });

  it('createDoc fails on an id the log already knows (a socket-only document)', async () => {
    const { index, docLog } = await env.open();
    await docLog.append([{ docId: 'talk', update: empty }]);
    expect(await index.createDoc(meta('talk'), empty)).toBe(false);
    expect((await index.getMeta('talk'))?.template).toBeNull();
  });

  it('lists by archived flag, searches name/number, sorts by updatedAt desc then id', async () => {
    const { index } = await env.open();
    await index.createDoc(
      meta('a', { name: 'Perlindungan Arsip', updatedAt: '2026-01-02T00:00:00Z' }),
      empty,
    );
    await index.createDoc(
      meta('b', { name: 'Cuti Pegawai', updatedAt: '2026-01-03T00:00:00Z' }),
      empty,
    );
    await index.createDoc(meta('c', { name: 'Arsip Vital', archived: true }), empty);
    // Same updatedAt: byte order of ids (upper case first), whatever the database locale.
    await index.createDoc(
      meta('Z', { number: '800/ARSIP', updatedAt: '2026-01-01T00:00:00Z' }),
      empty,
    );
    await index.createDoc(meta('_y', { updatedAt: '2026-01-01T00:00:00Z' }), empty);
    await index.createDoc(meta('y', { updatedAt: '2026-01-01T00:00:00Z' }), empty);
    expect((await index.listMeta()).map((m) => m.id)).toEqual(['b', 'a', 'Z', '_y', 'y']);
    expect((await index.listMeta({ q: 'arsip' })).map((m) => m.id)).toEqual(['a', 'Z']);
    expect((await index.listMeta({ archived: true })).map((m) => m.id)).toEqual(['c']);
    expect(await index.setArchived('a', true)).toBe(true);
    expect(await index.setArchived('missing', true)).toBe(false);
    expect((await index.listMeta({ archived: true, q: 'ARSIP' })).map((m) => m.id).sort()).toEqual([
      'a',
      'c',
    ]);
    await index.setArchived('a', false);
    expect((await index.listMeta({ archived: false })).map((m) => m.id)).toEqual([
      'b',
      'a',
      'Z',
      '_y',
      'y',
    ]);
  });

  it('updateMeta changes listing fields only', async () => {
    const { index } = await env.open();
    await index.createDoc(meta('m'), empty);
    await index.updateMeta('m', {
      name: 'Baru',
      stepCount: 12,
      status: 'approved',
      updatedAt: '2026-02-01T00:00:00Z',
    });
    await index.updateMeta('m', {});
    // Fields outside the listing are ignored (a caller passing a whole summary).
    await index.updateMeta('m', { template: 'sample', archived: true } as never);
    await index.updateMeta('missing', { name: 'x' });
    expect(await index.getMeta('m')).toEqual(
      meta('m', {
        name: 'Baru',
        stepCount: 12,
        status: 'approved',
        updatedAt: '2026-02-01T00:00:00Z',
      }),
    );
    expect(await index.getMeta('missing')).toBeNull();
  });

  it('text round-trips exactly (quotes, non-ASCII)', async () => {
    const { index } = await env.open();
    const name = `Prosedur "Arsip" — ke-2 'é' 文书 🗂️`;
    await index.createDoc(meta('u', { name, number: "800/12/'A'" }), empty);
    expect(await index.getMeta('u')).toMatchObject({ name, number: "800/12/'A'" });
    expect((await index.listMeta({ q: '文书' })).map((m) => m.id)).toEqual(['u']);
  });
});

describeStores('SettingsStore contract', backends(), (env) => {
  it('settings round-trip; the last write wins', async () => {
    const { settings } = await env.open();
    expect(await settings.getSetting('k')).toBeNull();
    await settings.setSetting('k', '1');
    await settings.setSetting('k', '2');
    await settings.setSetting('other', '');
    expect(await settings.getSetting('k')).toBe('2');
    expect(await settings.getSetting('other')).toBe('');
  });
});
