/**
 * Issue 17 — the catalogue fields of an SOP document: effective date, next review date
 * (one year after the effective date, for approved SOPs only), and the search text
 * (name, number, unit, pelaksana, step text; lower-cased), read totally.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMonths,
  catalogueFields,
  catalogueFieldsOf,
  isoDay,
  reviewDateOf,
} from '../../server/catalogue/catalogueFields.js';
import { searchTerms } from '../../server/catalogue/catalogueQuery.js';
import { fromSnapshot, templateSnapshot } from '../../shared/model/index.js';
import { root } from '../../shared/model/layout.js';

describe('catalogue fields', () => {
  it('reads dates, the review date and the search text from a document and its snapshot', () => {
    const s = templateSnapshot('sample');
    s.meta.status = 'approved';
    s.identity.effectiveDate = '2026-03-16';
    const doc = fromSnapshot(s);
    const f = catalogueFields(doc);
    expect(f.effectiveDate).toBe('2026-03-16');
    expect(f.reviewDate).toBe('2027-03-16');
    expect(f.searchText).toContain(s.identity.name.toLowerCase());
    expect(f.searchText).toContain(s.actors[0]!.name.toLowerCase());
    for (const st of s.steps)
      expect(f.searchText).toContain(st.activity.toLowerCase().replace(/\s+/g, ' '));
    expect(f.searchText).toBe(f.searchText.toLowerCase());
    expect(catalogueFieldsOf(s).effectiveDate).toBe(f.effectiveDate);
    expect(catalogueFieldsOf(s).reviewDate).toBe(f.reviewDate);
    expect(catalogueFieldsOf(s).searchText.length).toBeGreaterThan(100);
    doc.destroy();
  });

  it('has no review date unless approved, and ignores dates that are not days', () => {
    expect(reviewDateOf('draft', '2026-01-01')).toBe('');
    expect(reviewDateOf('revoked', '2026-01-01')).toBe('');
    expect(reviewDateOf('approved', '')).toBe('');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(isoDay('2026-02-30')).toBe('');
    expect(isoDay('16/03/2026')).toBe('');
    expect(isoDay(' 2026-03-16 ')).toBe('2026-03-16');
  });

  it('never throws on values of the wrong type', () => {
    const doc = new Y.Doc();
    root.meta(doc).set('status', 42 as unknown as string);
    root.steps(doc).set('bogus', 'x' as unknown as Y.Map<unknown>);
    const f = catalogueFields(doc);
    expect(f).toEqual({ effectiveDate: '', reviewDate: '', searchText: '' });
    doc.destroy();
  });

  it('splits a search into at most eight lower-cased words', () => {
    expect(searchTerms('  Arsip   BANJIR ')).toEqual(['arsip', 'banjir']);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });
});
