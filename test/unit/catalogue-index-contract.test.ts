/**
 * SopIndex catalogue contract (issue 17): search over name, number and step text,
 * filters, sorting, paging and the total, the same on memory, SQLite and PostgreSQL.
 */
import { expect, it } from 'vitest';
import type { CatalogueFields, CatalogueQuery, DocMeta } from '../../server/storage/sopIndex.js';
import { backends, describeStores } from '../helpers/storeBackends.js';

type Row = DocMeta & Partial<CatalogueFields>;

function meta(id: string, over: Partial<Row> = {}): Row {
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

describeStores('SopIndex catalogue contract', backends(), (env) => {
  async function seeded() {
    const stores = await env.open();
    const { index } = stores;
    await index.createDoc(
      meta('a', {
        name: 'Perlindungan Arsip Vital',
        number: 'SOP/ARS/2026/001',
        status: 'approved',
        updatedAt: '2026-03-01T00:00:00Z',
        effectiveDate: '2026-01-15',
        reviewDate: '2027-01-15',
        searchText:
          'perlindungan arsip vital sop/ars/2026/001 arsiparis menyiapkan boks arsip tahan api',
      }),
      empty,
    );
    await index.createDoc(
      meta('b', {
        name: 'Cuti Pegawai',
        number: 'SOP/KPG/2026/002',
        status: 'in_review',
        updatedAt: '2026-03-03T00:00:00Z',
        searchText: 'cuti pegawai sop/kpg/2026/002 kepala subbagian memeriksa formulir cuti',
      }),
      empty,
    );
    await index.createDoc(
      meta('c', {
        name: 'Penyelamatan Arsip Pasca Banjir',
        number: 'SOP/ARS/2025/010',
        status: 'approved',
        updatedAt: '2026-02-01T00:00:00Z',
        effectiveDate: '2025-06-01',
        reviewDate: '2026-06-01',
        searchText: 'penyelamatan arsip pasca banjir pengelola arsip mengeringkan arsip basah',
      }),
      empty,
    );
    await index.createDoc(
      meta('d', {
        name: 'Pengadaan Barang',
        status: 'revoked',
        updatedAt: '2026-01-05T00:00:00Z',
        effectiveDate: '2024-01-01',
        searchText: 'pengadaan barang pejabat pengadaan',
      }),
      empty,
    );
    // Archived: never listed among the active ones.
    await index.createDoc(
      meta('e', { name: 'Arsip Lama', archived: true, searchText: 'arsip lama' }),
      empty,
    );
    // A row stored before the catalogue: no search text, found by name and number only.
    await index.createDoc(
      meta('f', { name: 'Kearsipan Dinamis', updatedAt: '2026-01-02T00:00:00Z' }),
      empty,
    );
    return stores;
  }
  const ids = async (index: Awaited<ReturnType<typeof seeded>>['index'], q: CatalogueQuery) =>
    (await index.queryCatalogue(q)).rows.map((r) => r.id);

  it('searches words in name, number and step text, case-insensitively', async () => {
    const { index } = await seeded();
    // Step text only ("boks", "mengeringkan"), name, number; several words must all match.
    expect(await ids(index, { q: 'BOKS' })).toEqual(['a']);
    expect(await ids(index, { q: 'mengeringkan' })).toEqual(['c']);
    expect(await ids(index, { q: 'sop/kpg' })).toEqual(['b']);
    expect(await ids(index, { q: 'arsip banjir' })).toEqual(['c']);
    // Substrings: "arsip" is in "kearsipan" (a row without search text, by its name).
    expect(await ids(index, { q: 'arsip' })).toEqual(['a', 'c', 'f']);
    expect(await ids(index, { q: 'tidak-ada' })).toEqual([]);
    // Words shorter than three characters too (no trigram index for them in SQLite).
    expect(await ids(index, { q: 'vi' })).toEqual(['a']);
    expect(await ids(index, { q: 'vi boks' })).toEqual(['a']);
    expect(await ids(index, { q: 'arsip', archived: true })).toEqual(['e']);
  });

  it('filters by status, ids, effective and review dates', async () => {
    const { index } = await seeded();
    expect(await ids(index, { statuses: ['approved'] })).toEqual(['a', 'c']);
    expect(await ids(index, { statuses: ['approved', 'revoked'], q: 'pengadaan' })).toEqual(['d']);
    expect(await ids(index, { ids: ['b', 'c', 'zzz'] })).toEqual(['b', 'c']);
    expect(await ids(index, { ids: [] })).toEqual([]);
    expect(await ids(index, { effectiveFrom: '2025-01-01' })).toEqual(['a', 'c']);
    expect(await ids(index, { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' })).toEqual([
      'c',
    ]);
    expect(await ids(index, { reviewBefore: '2026-12-31' })).toEqual(['c']);
  });

  it('sorts by each key, empty dates last, ties by id', async () => {
    const { index } = await seeded();
    expect(await ids(index, {})).toEqual(['b', 'a', 'c', 'd', 'f']);
    expect(await ids(index, { sort: 'updatedAt', order: 'asc' })).toEqual([
      'f',
      'd',
      'c',
      'a',
      'b',
    ]);
    expect(await ids(index, { sort: 'name' })).toEqual(['b', 'f', 'd', 'c', 'a']);
    expect(await ids(index, { sort: 'status' })).toEqual(['f', 'b', 'a', 'c', 'd']);
    expect(await ids(index, { sort: 'effectiveDate' })).toEqual(['d', 'c', 'a', 'b', 'f']);
    expect(await ids(index, { sort: 'effectiveDate', order: 'desc' })).toEqual([
      'a',
      'c',
      'd',
      'b',
      'f',
    ]);
    expect(await ids(index, { sort: 'reviewDate' })).toEqual(['c', 'a', 'b', 'd', 'f']);
    expect(await ids(index, { sort: 'number' })).toEqual(['d', 'f', 'c', 'a', 'b']);
  });

  it('pages with a total of every matching row', async () => {
    const { index } = await seeded();
    const p1 = await index.queryCatalogue({ sort: 'name', limit: 2 });
    expect(p1.rows.map((r) => r.id)).toEqual(['b', 'f']);
    expect(p1.total).toBe(5);
    const p2 = await index.queryCatalogue({ sort: 'name', limit: 2, offset: 2 });
    expect(p2.rows.map((r) => r.id)).toEqual(['d', 'c']);
    expect(p2.total).toBe(5);
    const past = await index.queryCatalogue({ sort: 'name', limit: 2, offset: 10 });
    expect(past).toEqual({ rows: [], total: 5 });
    const filtered = await index.queryCatalogue({ q: 'arsip', limit: 1 });
    expect(filtered.total).toBe(3);
    expect(filtered.rows).toHaveLength(1);
  });

  it('answers the catalogue dates but never the search text; updateMeta keeps them current', async () => {
    const { index } = await seeded();
    const [a] = (await index.queryCatalogue({ ids: ['a'] })).rows;
    expect(a).toEqual({
      ...meta('a', {
        name: 'Perlindungan Arsip Vital',
        number: 'SOP/ARS/2026/001',
        status: 'approved',
        updatedAt: '2026-03-01T00:00:00Z',
      }),
      effectiveDate: '2026-01-15',
      reviewDate: '2027-01-15',
    });
    // getMeta keeps its shape.
    expect(Object.keys((await index.getMeta('a'))!).sort()).toEqual(Object.keys(meta('a')).sort());
    await index.updateMeta('b', {
      status: 'approved',
      effectiveDate: '2026-04-01',
      reviewDate: '2027-04-01',
      searchText: 'cuti tahunan pegawai negeri',
    });
    expect(await ids(index, { q: 'tahunan' })).toEqual(['b']);
    expect(await ids(index, { q: 'formulir' })).toEqual([]);
    const [b] = (await index.queryCatalogue({ ids: ['b'] })).rows;
    expect(b).toMatchObject({
      status: 'approved',
      effectiveDate: '2026-04-01',
      reviewDate: '2027-04-01',
    });
  });

  it('gives the dashboard facts and the rows still to index', async () => {
    const { index, docLog } = await seeded();
    const facts = await index.catalogueFacts({ ids: ['a', 'b', 'd'], limit: 1 });
    expect(facts.sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual([
      { id: 'a', status: 'approved', reviewDate: '2027-01-15' },
      { id: 'b', status: 'in_review', reviewDate: '' },
      { id: 'd', status: 'revoked', reviewDate: '' },
    ]);
    // Socket-only documents are not SOPs and never need indexing.
    await docLog.append([{ docId: 'talk', update: empty }]);
    expect(await index.unindexed(10)).toEqual(['f']);
    await index.updateMeta('f', { searchText: '' });
    expect(await index.unindexed(10)).toEqual([]);
  });
});
