/**
 * The shape of an SOP's content document as the model reads it (see
 * `shared/model/layout.ts`), checked on every new item of a client update before it is
 * applied: an update that would put something the model cannot read under a known
 * root (a string where a step map belongs, a map key a step does not have, a Y.Map in a
 * text field), create an unknown root, or nest the narrative deeper than
 * {@link MAX_NARRATIVE_DEPTH}, is refused. Together with the server-only `meta` root
 * (the schema version cannot be set by a client), no sequence of client updates can
 * make a document unreadable.
 */
import { IDENTITY_TEXT_FIELDS, LIST_BOXES, STEP_TEXT_FIELDS } from '../../shared/model/layout.js';
import { MAX_RICH_TEXT_DEPTH } from '../../shared/model/richText.js';
import type { Inspection, Landing } from './updateInspector.js';
import type { ShapeItem } from './validate.js';

/**
 * Deepest nesting of narrative XML a client may write: the readers' limit, so what a
 * client writes is always read in full (deeper stored content is flattened by readers).
 */
export const MAX_NARRATIVE_DEPTH = MAX_RICH_TEXT_DEPTH;

const ID_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const NARRATIVE_ROOT = /^narrative\.[A-Za-z0-9_-]{1,64}$/;

// lib0 `any` tags (see validate.ts ShapeItem.anyTags)
const STRING = [119];
const NULL = [126];
const NUMBER = [125, 123, 124];
const OBJECT = [118];

type Value = 'text' | number[];

/** Fields of one entry map, per collection root: a Y.Text, or primitives with these tags. */
const STEP_FIELDS: Record<string, Value> = {
  order: STRING,
  kind: STRING,
  actorId: [...STRING, ...NULL],
  timeAmount: [...NUMBER, ...NULL],
  timeUnit: STRING,
  yes: [...STRING, ...NULL],
  no: [...STRING, ...NULL],
  ...Object.fromEntries(STEP_TEXT_FIELDS.map((f) => [f, 'text' as const])),
};
const ACTOR_FIELDS: Record<string, Value> = { order: STRING, name: 'text' };
const LIST_FIELDS: Record<string, Value> = {
  order: STRING,
  text: 'text',
  type: STRING,
  // Keterkaitan: the linked SOP's id (issue 17)
  sopId: STRING,
};

const ENTRY_ROOTS = new Map<string, Record<string, Value>>([
  ['steps', STEP_FIELDS],
  ['actors', ACTOR_FIELDS],
  ...LIST_BOXES.map((b) => [`list.${b}`, LIST_FIELDS] as [string, Record<string, Value>]),
]);
const TEXT_ROOTS = new Set([
  ...IDENTITY_TEXT_FIELDS.map((f) => `identity.${f}`),
  'identity.approvedBy.title',
  'identity.approvedBy.name',
  'identity.approvedBy.nip',
]);

/** ContentDeleted (1) is what GC'd content looks like on the wire: always acceptable. */
const DELETED = 1;
/** Plain text content: ContentString (4) and formatting marks (6). */
const TEXT_CONTENT = new Set([DELETED, 4, 6]);

function isPrimitive(item: ShapeItem, tags: number[]): boolean {
  if (item.content === DELETED) return true;
  return item.content === 8 && item.anyTags?.length === 1 && tags.includes(item.anyTags[0] ?? -1);
}

function isType(item: ShapeItem, typeRef: number): boolean {
  return item.content === DELETED || (item.content === 7 && item.typeRef === typeRef);
}

/** Why this new item breaks the content document's shape; null when it fits. */
export function contentProblem(item: ShapeItem, at: Landing): string | null {
  const { root, path } = at;
  const where = [root, ...path.map((k) => k ?? '[]')].join('.');
  if (TEXT_ROOTS.has(root)) {
    if (path.length === 0 && at.key === null && TEXT_CONTENT.has(item.content)) return null;
    return `${where}: a text field holds only text`;
  }
  const fields = ENTRY_ROOTS.get(root);
  if (fields) {
    if (path.length === 0) {
      if (at.key !== null && ID_KEY.test(at.key) && isType(item, 1)) return null;
      return `${where}: entries are maps keyed by id`;
    }
    if (path.length === 1) {
      const want = at.key === null ? undefined : fields[at.key];
      if (want === undefined) return `${where}: unknown field ${String(at.key)}`;
      if (want === 'text' ? isType(item, 2) : isPrimitive(item, want)) return null;
      return `${where}.${at.key}: wrong type`;
    }
    if (path.length === 2 && fields[path[1] ?? ''] === 'text') {
      if (at.key === null && TEXT_CONTENT.has(item.content)) return null;
      return `${where}: a text field holds only text`;
    }
    return `${where}: nothing is nested there`;
  }
  if (root === 'narrativeIndex') {
    if (path.length === 0 && at.key !== null && ID_KEY.test(at.key))
      if (isPrimitive(item, OBJECT)) return null;
    return `${where}: index entries are {order} objects keyed by section`;
  }
  if (NARRATIVE_ROOT.test(root)) return narrativeProblem(item, at, where);
  return `unknown root ${root.slice(0, 80)}`;
}

function narrativeProblem(item: ShapeItem, at: Landing, where: string): string | null {
  if (at.path.length >= MAX_NARRATIVE_DEPTH)
    return `${where}: narrative nested deeper than ${MAX_NARRATIVE_DEPTH}`;
  if (item.content === DELETED) return null;
  if (at.key !== null) {
    // Attributes of an element or of a text run: plain values.
    if (item.content === 8 || item.content === 2) return null;
    return `${where}: attributes hold plain values`;
  }
  const parent = at.parentTypeRef; // null: the fragment root; 3 element; 6 xml text
  if (parent === 6)
    return TEXT_CONTENT.has(item.content) || item.content === 5
      ? null
      : `${where}: text holds text`;
  if (parent === null || parent === 3 || parent === 4) {
    if (item.content === 7 && (item.typeRef === 3 || item.typeRef === 6)) return null;
    return `${where}: the narrative holds elements and text`;
  }
  return `${where}: not a narrative node`;
}

/** The first shape problem of an inspected update, or null. */
export function schemaProblem(ins: Inspection): string | null {
  for (const { item, at } of ins.landed) {
    const p = contentProblem(item, at);
    if (p) return p;
  }
  return null;
}
