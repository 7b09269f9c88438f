/** Helpers shared by storage implementations for listing metadata. */
import type { DocMeta } from './sopIndex.js';

/** Metadata row for a document first seen through the socket (no REST create). */
export function newMetaRow(id: string, now: string): DocMeta {
  return {
    id,
    name: '',
    number: '',
    status: 'draft',
    stepCount: 0,
    template: null,
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
}

/** Case-insensitive substring match of `q` on name or number; empty q matches all. */
export function matchesQuery(meta: DocMeta, q: string | undefined): boolean {
  const needle = q?.trim().toLowerCase();
  if (!needle) return true;
  return meta.name.toLowerCase().includes(needle) || meta.number.toLowerCase().includes(needle);
}

const META_COLUMNS: Record<string, string> = {
  name: 'name',
  number: 'number',
  status: 'status',
  stepCount: 'step_count',
  updatedAt: 'updated_at',
  effectiveDate: 'effective_date',
  reviewDate: 'review_date',
  searchText: 'search_text',
};

/** The column names and values of an `updateMeta` call (unknown and undefined fields skipped). */
export function metaAssignments(fields: object): [string[], Array<string | number>] {
  const cols: string[] = [];
  const vals: Array<string | number> = [];
  for (const [k, v] of Object.entries(fields)) {
    const col = META_COLUMNS[k];
    if (col && v !== undefined) {
      cols.push(col);
      vals.push(v as string | number);
    }
  }
  return [cols, vals];
}
