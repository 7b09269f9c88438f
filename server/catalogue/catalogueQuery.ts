/**
 * The catalogue query (issue 17) as SQL for SQLite and PostgreSQL, and as a filter and
 * comparator for the memory store: one definition of what matches and in which order,
 * so the three backends answer alike (checked by the contract suite).
 *
 * Search: each word of `q` must occur, case-insensitively, as a substring of the row's
 * search text (name, number, pelaksana and step text, lower-cased when the room writes the
 * listing row) or of its name or number. Substrings rather than tokens because Indonesian
 * builds words with affixes (arsip → kearsipan, pengarsipan) and there is no stemmer for
 * it in SQLite's FTS5 or PostgreSQL's default configurations; a scan of one text column is
 * fast enough for an agency's register (see the catalogue benchmark).
 */
import type {
  CatalogueFields,
  CatalogueQuery,
  CatalogueRow,
  CatalogueSort,
  DocMeta,
} from '../storage/sopIndex.js';

/** Longest accepted word and most words of a search. */
const MAX_TERM = 100;
const MAX_TERMS = 8;

/** The words of a search, lower-cased (blank: none). */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((t) => t.slice(0, MAX_TERM));
}

/** Lower-case as SQLite's `lower()` and PostgreSQL's under `COLLATE "C"` do: ASCII only. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** Status order of the lifecycle, for sorting by status. */
const STATUS_RANK = ['draft', 'in_review', 'approved', 'revoked', 'superseded'];
const STATUS_SQL = `CASE status ${STATUS_RANK.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE 9 END`;

const SORT_SQL: Record<CatalogueSort, string> = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  name: 'lower(name)',
  number: 'number',
  status: STATUS_SQL,
  effectiveDate: 'effective_date',
  reviewDate: 'review_date',
};
const DATE_SORTS: ReadonlySet<CatalogueSort> = new Set(['effectiveDate', 'reviewDate']);

export function sortOf(q: CatalogueQuery): { sort: CatalogueSort; desc: boolean } {
  const sort = q.sort ?? 'updatedAt';
  const desc =
    (q.order ?? (sort === 'updatedAt' || sort === 'createdAt' ? 'desc' : 'asc')) === 'desc';
  return { sort, desc };
}

export type Dialect = 'sqlite' | 'pg';

/** `WHERE` clause (without the keyword), its parameters and the `ORDER BY` of a query. */
export function catalogueSql(
  q: CatalogueQuery,
  dialect: Dialect,
  /**
   * SQL matching one search word in a row's search text, given the word as a bound
   * parameter (`param(value)` binds a value and answers its placeholder); default: the
   * word is a substring of the `search_text` column.
   */
  textMatch?: (term: string, param: (v: unknown) => string) => string,
): { where: string; params: unknown[]; orderBy: string } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return dialect === 'pg' ? `$${params.length}` : '?';
  };
  const conds = [
    'template IS NOT NULL',
    `archived = ${p(dialect === 'pg' ? !!q.archived : q.archived ? 1 : 0)}`,
  ];
  if (q.statuses && q.statuses.length > 0)
    conds.push(`status IN (${q.statuses.map((s) => p(s)).join(', ')})`);
  if (q.ids)
    conds.push(
      dialect === 'pg'
        ? `id = ANY(${p([...q.ids])}::text[])`
        : `id IN (SELECT value FROM json_each(${p(JSON.stringify(q.ids))}))`,
    );
  if (q.effectiveFrom !== undefined)
    conds.push(`effective_date <> '' AND effective_date >= ${p(q.effectiveFrom)}`);
  if (q.effectiveTo !== undefined)
    conds.push(`effective_date <> '' AND effective_date <= ${p(q.effectiveTo)}`);
  if (q.reviewBefore !== undefined)
    conds.push(`review_date <> '' AND review_date <= ${p(q.reviewBefore)}`);
  const find = dialect === 'pg' ? 'strpos' : 'instr';
  for (const term of searchTerms(q.q)) {
    // PostgreSQL reuses one numbered parameter; SQLite's `?` takes one value each.
    const inText = textMatch
      ? textMatch(term, p)
      : `${find}(coalesce(search_text, ''), ${p(term)}) > 0`;
    const u = p(term);
    const w = dialect === 'pg' ? u : p(term);
    conds.push(`(${inText} OR ${find}(lower(name), ${u}) > 0 OR ${find}(lower(number), ${w}) > 0)`);
  }
  const { sort, desc } = sortOf(q);
  const dir = desc ? 'DESC' : 'ASC';
  const col = SORT_SQL[sort];
  const orderBy = DATE_SORTS.has(sort)
    ? `(${col} = '') ASC, ${col} ${dir}, id ASC`
    : `${col} ${dir}, id ASC`;
  return { where: conds.join(' AND '), params, orderBy };
}

/** `LIMIT/OFFSET` of a query ('' for every row). */
export function pageSql(q: CatalogueQuery, dialect: Dialect): string {
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const limit =
    q.limit === undefined ? (dialect === 'pg' ? 'ALL' : '-1') : Math.max(0, Math.floor(q.limit));
  return `LIMIT ${limit} OFFSET ${offset}`;
}

/** A row as the memory store keeps it. */
export type MemRow = DocMeta & Omit<CatalogueFields, 'searchText'> & { searchText: string | null };

/** Whether a memory row matches `q` (as {@link catalogueSql}'s `WHERE`). */
export function matchesCatalogue(m: MemRow, q: CatalogueQuery, ids?: ReadonlySet<string>): boolean {
  if (m.template === null || m.archived !== !!q.archived) return false;
  if (q.statuses && q.statuses.length > 0 && !q.statuses.includes(m.status)) return false;
  if (ids && !ids.has(m.id)) return false;
  if (
    q.effectiveFrom !== undefined &&
    (m.effectiveDate === '' || m.effectiveDate < q.effectiveFrom)
  )
    return false;
  if (q.effectiveTo !== undefined && (m.effectiveDate === '' || m.effectiveDate > q.effectiveTo))
    return false;
  if (q.reviewBefore !== undefined && (m.reviewDate === '' || m.reviewDate > q.reviewBefore))
    return false;
  const name = asciiLower(m.name);
  const number = asciiLower(m.number);
  const text = m.searchText ?? '';
  return searchTerms(q.q).every((t) => text.includes(t) || name.includes(t) || number.includes(t));
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function sortValue(m: CatalogueRow, sort: CatalogueSort): string | number {
  switch (sort) {
    case 'name':
      return asciiLower(m.name);
    case 'status': {
      const i = STATUS_RANK.indexOf(m.status);
      return i < 0 ? 9 : i;
    }
    default:
      return m[sort];
  }
}

/** The comparator of {@link catalogueSql}'s `ORDER BY`. */
export function catalogueComparator(
  q: CatalogueQuery,
): (a: CatalogueRow, b: CatalogueRow) => number {
  const { sort, desc } = sortOf(q);
  const dated = DATE_SORTS.has(sort);
  return (a, b) => {
    if (dated) {
      const e = cmp(sortValue(a, sort) === '' ? 1 : 0, sortValue(b, sort) === '' ? 1 : 0);
      if (e !== 0) return e;
    }
    const c = cmp(sortValue(a, sort), sortValue(b, sort));
    if (c !== 0) return desc ? -c : c;
    return cmp(a.id, b.id);
  };
}

/** The page of sorted rows `q` asks for. */
export function pageOf<T>(rows: T[], q: CatalogueQuery): T[] {
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  return q.limit === undefined
    ? rows.slice(offset)
    : rows.slice(offset, offset + Math.max(0, Math.floor(q.limit)));
}
