/** Helpers shared by storage implementations for listing metadata. */
import type { DocMeta } from './types.js';

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
