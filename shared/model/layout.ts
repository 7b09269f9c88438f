/**
 * Root names of an SOP Y.Doc and raw accessors. Every fixed field is a root
 * type: two replicas that open an empty doc (before sync) never create
 * competing nested types, because root types are identified by name and merge.
 * Nested Y.Maps exist only for entries with fresh random ids (steps, actors,
 * list items), which no other replica can create concurrently.
 */
import * as Y from 'yjs';
import type { ApprovedBy, IdentityTextField, ListField } from './types.js';

export type ListBox = ListField | 'relatedSops';

export const IDENTITY_TEXT_FIELDS: readonly IdentityTextField[] = [
  'number',
  'name',
  'agency',
  'unit',
  'createdDate',
  'revisedDate',
  'effectiveDate',
];
export const APPROVER_FIELDS: readonly (keyof ApprovedBy)[] = ['title', 'name', 'nip'];
export const LIST_BOXES: readonly ListBox[] = [
  'legalBasis',
  'executorQualifications',
  'relatedSops',
  'equipment',
  'warnings',
  'records',
];
export const STEP_TEXT_FIELDS = ['activity', 'requirements', 'output', 'notes'] as const;
export type StepTextField = (typeof STEP_TEXT_FIELDS)[number];

/** A Y.Map entry of an ordered collection; values are primitives or Y.Text. */
export type EntryMap = Y.Map<unknown>;

export const root = {
  meta: (doc: Y.Doc) => doc.getMap<unknown>('meta'),
  identityText: (doc: Y.Doc, f: IdentityTextField) => doc.getText(`identity.${f}`),
  approverText: (doc: Y.Doc, f: keyof ApprovedBy) => doc.getText(`identity.approvedBy.${f}`),
  list: (doc: Y.Doc, box: ListBox) => doc.getMap<EntryMap>(`list.${box}`),
  actors: (doc: Y.Doc) => doc.getMap<EntryMap>('actors'),
  steps: (doc: Y.Doc) => doc.getMap<EntryMap>('steps'),
  narrativeIndex: (doc: Y.Doc) => doc.getMap<{ order: string }>('narrativeIndex'),
  narrativeName: (key: string) => `narrative.${key}`,
  narrative: (doc: Y.Doc, key: string) => doc.getXmlFragment(`narrative.${key}`),
};

/**
 * The same roots for reading only: undefined while the doc has none of that name.
 * `doc.getText(name)` and friends create the root they are asked for, and a created root
 * stays in `doc.share` as long as the doc is loaded (~0.7 KB of heap each, however empty).
 * A new SOP has content in only a few of its ~25 roots, so code that only reads a loaded
 * document (the server's listing summary, catalogue fields, links) peeks instead: a server
 * holding many SOPs open then holds only the roots they have.
 */
export const peek = {
  meta: (doc: Y.Doc) => (doc.share.has('meta') ? root.meta(doc) : undefined),
  identityText: (doc: Y.Doc, f: IdentityTextField) =>
    doc.share.has(`identity.${f}`) ? root.identityText(doc, f) : undefined,
  list: (doc: Y.Doc, box: ListBox) =>
    doc.share.has(`list.${box}`) ? root.list(doc, box) : undefined,
  actors: (doc: Y.Doc) => (doc.share.has('actors') ? root.actors(doc) : undefined),
  steps: (doc: Y.Doc) => (doc.share.has('steps') ? root.steps(doc) : undefined),
};

/**
 * Drops from `doc.share` the roots that are not in `had` and are still empty and unobserved:
 * those a model made only to read (`toSnapshot` builds one). Call it right after the read,
 * in the same synchronous run, so that nothing else can have taken them up (see `peek`).
 */
export function dropRootsMadeToRead(doc: Y.Doc, had: ReadonlySet<string>): void {
  for (const [name, type] of doc.share) {
    if (had.has(name)) continue;
    const unused =
      type._start === null &&
      type._map.size === 0 &&
      type._eH.l.length === 0 &&
      type._dEH.l.length === 0;
    if (unused) doc.share.delete(name);
  }
}

const FIXED_ROOTS = new Set<string>([
  'meta',
  'actors',
  'steps',
  'narrativeIndex',
  ...IDENTITY_TEXT_FIELDS.map((f) => `identity.${f}`),
  ...APPROVER_FIELDS.map((f) => `identity.approvedBy.${f}`),
  ...LIST_BOXES.map((b) => `list.${b}`),
]);

/** Whether `name` is a root the model reads (a fixed root or a `narrative.<key>` fragment). */
export function isKnownRoot(name: string): boolean {
  return FIXED_ROOTS.has(name) || name.startsWith('narrative.');
}

/** Read a string-valued key, '' when absent. */
export function str(m: EntryMap, key: string): string {
  const v = m.get(key);
  return typeof v === 'string' ? v : '';
}

/** Read a Y.Text-valued key as a string, '' when absent. */
export function txt(m: EntryMap, key: string): string {
  const v = m.get(key);
  return v instanceof Y.Text ? v.toString() : '';
}

/** The Y.Text under `key`; throws if the entry lacks it (entries are created complete). */
export function ytext(m: EntryMap, key: string): Y.Text {
  const v = m.get(key);
  if (!(v instanceof Y.Text)) throw new Error(`entry has no text field ${key}`);
  return v;
}

/** A new entry map holding `order`, the given primitives and the given texts. */
export function newEntry(
  order: string,
  prims: Record<string, string | number | null>,
  texts: Record<string, string>,
): EntryMap {
  const m = new Y.Map<unknown>();
  m.set('order', order);
  for (const [k, v] of Object.entries(prims)) m.set(k, v);
  for (const [k, v] of Object.entries(texts)) m.set(k, new Y.Text(v));
  return m;
}
