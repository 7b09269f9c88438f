/**
 * Structural diff of two SOP snapshots (issue 16): what changed between two versions,
 * or a version and now. Steps and pelaksana are matched by their stable ids, never by
 * position: a step is added, removed, moved (its place among the steps both sides have
 * changed: see {@link movedIds}) and/or changed (with the fields and a word-level diff
 * of each). Identity fields, list boxes and narrative sections are compared as text.
 *
 * The diff is complete: with the new side's values it carries (added content, changed
 * values, where added and moved entries go) it rebuilds the new snapshot from the old
 * one (test/unit/diff-structural.test.ts checks exactly that on generated pairs).
 * Pure and plain JSON: the server's compare endpoint answers it as it is, and the
 * client computes the same thing against its live document.
 */
import { anchorsIn, type DiffPart, listDiff, movedIds, wordDiff } from './diffText.js';
import { APPROVER_FIELDS, IDENTITY_TEXT_FIELDS, LIST_BOXES, type ListBox } from './layout.js';
import type {
  Actor,
  ApprovedBy,
  Identity,
  IdentityTextField,
  NarrativeSection,
  RelatedSop,
  RichTextNode,
  SopSnapshot,
  Step,
} from './types.js';

export type { DiffPart } from './diffText.js';

/** Fields of a step a change can name (`actorId` is the pelaksana, `yes`/`no` the decision exits). */
export const STEP_DIFF_FIELDS = [
  'kind',
  'actorId',
  'activity',
  'requirements',
  'time',
  'output',
  'notes',
  'yes',
  'no',
] as const satisfies ReadonlyArray<keyof Step>;
export type StepDiffField = (typeof STEP_DIFF_FIELDS)[number];

/** Free-text fields compared word by word. */
const STEP_WORD_FIELDS = new Set<StepDiffField>(['activity', 'requirements', 'output', 'notes']);

/** One changed field of a step: old and new value; `words` for text fields and time. */
export type StepFieldChange = {
  [F in StepDiffField]: { field: F; from: Step[F]; to: Step[F]; words?: DiffPart[] };
}[StepDiffField];

export interface StepChange {
  id: string;
  fields: StepDiffField[];
  changes: StepFieldChange[];
}

export interface StepsDiff {
  /** New steps, in the new order. */
  added: string[];
  /** Steps gone, in the old order. */
  removed: string[];
  /** Steps on both sides whose place among those steps changed, in the new order. */
  moved: string[];
  /** Steps on both sides with at least one field changed, in the new order. */
  changed: StepChange[];
  /** Where each added or moved step now stands: the step before it (null: first). */
  after: Record<string, string | null>;
  /** The content of the added steps, in the new order. */
  addedSteps: Step[];
}

export interface ActorRename {
  id: string;
  from: string;
  to: string;
  words: DiffPart[];
}

export interface ActorsDiff {
  added: string[];
  removed: string[];
  renamed: ActorRename[];
  /** Reordered swimlane columns (same rule as moved steps). */
  moved: string[];
  after: Record<string, string | null>;
  addedActors: Actor[];
}

/** Identity field names: the text fields, `approvedBy.<title|name|nip>` and the list boxes. */
export type IdentityDiffField = IdentityTextField | `approvedBy.${keyof ApprovedBy}` | ListBox;

export type IdentityChange =
  | {
      field: IdentityTextField | `approvedBy.${keyof ApprovedBy}`;
      kind: 'text';
      from: string;
      to: string;
      words: DiffPart[];
    }
  | {
      field: Exclude<ListBox, 'relatedSops'>;
      kind: 'list';
      from: string[];
      to: string[];
      items: DiffPart[];
    }
  | {
      field: 'relatedSops';
      kind: 'related';
      from: RelatedSop[];
      to: RelatedSop[];
      items: DiffPart[];
    };

export interface IdentityDiff {
  changed: IdentityChange[];
}

export interface NarrativeChange {
  key: string;
  /** Plain text of each side (paragraphs on their own lines) and its word diff. */
  from: string;
  to: string;
  words: DiffPart[];
  /** The new content (a change of formatting alone leaves `words` all `eq`). */
  content: RichTextNode;
}

export interface NarrativeDiff {
  added: string[];
  removed: string[];
  changed: NarrativeChange[];
  moved: string[];
  after: Record<string, string | null>;
  addedSections: NarrativeSection[];
}

export interface SopDiff {
  steps: StepsDiff;
  actors: ActorsDiff;
  identity: IdentityDiff;
  narrative: NarrativeDiff;
}

/** Counts of a diff: a version's summary ("+2 langkah, 5 diubah"). */
export interface DiffSummary {
  steps: { added: number; removed: number; moved: number; changed: number };
  /** Pelaksana added, removed, renamed or reordered. */
  actors: number;
  /** Identity fields changed. */
  identity: number;
  /** Narrative sections added, removed, changed or reordered. */
  narrative: number;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function timeText(t: Step['time']): string {
  return `${t.amount ?? '—'} ${t.unit}`;
}

function stepChange(a: Step, b: Step): StepChange | null {
  const changes: StepFieldChange[] = [];
  for (const field of STEP_DIFF_FIELDS) {
    const from = a[field];
    const to = b[field];
    if (sameValue(from, to)) continue;
    const c = { field, from, to } as StepFieldChange;
    if (STEP_WORD_FIELDS.has(field)) c.words = wordDiff(from as string, to as string);
    else if (field === 'time') c.words = wordDiff(timeText(a.time), timeText(b.time));
    changes.push(c);
  }
  return changes.length ? { id: b.id, fields: changes.map((c) => c.field), changes } : null;
}

/** Matching of two id-keyed ordered lists: added, removed, moved and the anchors. */
function matchOrder<T extends { id: string }>(from: readonly T[], to: readonly T[]) {
  const oldIds = from.map((x) => x.id);
  const newIds = to.map((x) => x.id);
  const had = new Set(oldIds);
  const has = new Set(newIds);
  const added = newIds.filter((id) => !had.has(id));
  const removed = oldIds.filter((id) => !has.has(id));
  const movedSet = movedIds(oldIds, newIds);
  const moved = newIds.filter((id) => movedSet.has(id));
  const after = anchorsIn(newIds, [...added, ...moved]);
  return { added, removed, moved, after, had };
}

/** The steps part of {@link diffSnapshots}. */
export function diffSteps(from: readonly Step[], to: readonly Step[]): StepsDiff {
  const m = matchOrder(from, to);
  const old = new Map(from.map((s) => [s.id, s]));
  const changed: StepChange[] = [];
  for (const s of to) {
    const before = old.get(s.id);
    const c = before && stepChange(before, s);
    if (c) changed.push(c);
  }
  return {
    added: m.added,
    removed: m.removed,
    moved: m.moved,
    changed,
    after: m.after,
    addedSteps: to.filter((s) => !m.had.has(s.id)).map((s) => structuredClone(s)),
  };
}

function diffActors(from: readonly Actor[], to: readonly Actor[]): ActorsDiff {
  const m = matchOrder(from, to);
  const old = new Map(from.map((a) => [a.id, a]));
  const renamed: ActorRename[] = [];
  for (const a of to) {
    const before = old.get(a.id);
    if (before && before.name !== a.name)
      renamed.push({
        id: a.id,
        from: before.name,
        to: a.name,
        words: wordDiff(before.name, a.name),
      });
  }
  return {
    added: m.added,
    removed: m.removed,
    renamed,
    moved: m.moved,
    after: m.after,
    addedActors: to.filter((a) => !m.had.has(a.id)).map((a) => ({ ...a })),
  };
}

const RELATED_LABEL = (r: RelatedSop) => `${r.type}: ${r.text}`;

function diffIdentity(a: Identity, b: Identity): IdentityDiff {
  const changed: IdentityChange[] = [];
  for (const field of IDENTITY_TEXT_FIELDS)
    if (a[field] !== b[field])
      changed.push({
        field,
        kind: 'text',
        from: a[field],
        to: b[field],
        words: wordDiff(a[field], b[field]),
      });
  for (const f of APPROVER_FIELDS) {
    const from = a.approvedBy[f];
    const to = b.approvedBy[f];
    if (from !== to)
      changed.push({ field: `approvedBy.${f}`, kind: 'text', from, to, words: wordDiff(from, to) });
  }
  for (const box of LIST_BOXES) {
    if (box === 'relatedSops') {
      if (sameValue(a.relatedSops, b.relatedSops)) continue;
      changed.push({
        field: box,
        kind: 'related',
        from: a.relatedSops.map((r) => ({ ...r })),
        to: b.relatedSops.map((r) => ({ ...r })),
        items: listDiff(a.relatedSops.map(RELATED_LABEL), b.relatedSops.map(RELATED_LABEL)),
      });
      continue;
    }
    const from = a[box];
    const to = b[box];
    if (sameValue(from, to)) continue;
    changed.push({
      field: box,
      kind: 'list',
      from: [...from],
      to: [...to],
      items: listDiff(from, to),
    });
  }
  return { changed };
}

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'listItem',
  'codeBlock',
  'horizontalRule',
]);

/**
 * Plain text of a narrative section: each paragraph (heading, list item, ...) on its own
 * line, a hard break as a newline. Iterative: content may be nested deeply.
 */
export function narrativeText(node: RichTextNode): string {
  const lines: string[] = [];
  let line = '';
  const stack: Array<RichTextNode | 'end'> = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === undefined) break;
    if (n === 'end') {
      lines.push(line);
      line = '';
      continue;
    }
    if (n.type === 'text') line += n.text ?? '';
    else if (n.type === 'hardBreak') line += '\n';
    const block =
      BLOCK_TYPES.has(n.type) && !(n.content ?? []).some((c) => BLOCK_TYPES.has(c.type));
    if (block) stack.push('end');
    const kids = n.content ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as RichTextNode);
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function diffNarrative(
  from: readonly NarrativeSection[],
  to: readonly NarrativeSection[],
): NarrativeDiff {
  const withIds = (xs: readonly NarrativeSection[]) => xs.map((s) => ({ id: s.key, s }));
  const m = matchOrder(withIds(from), withIds(to));
  const old = new Map(from.map((s) => [s.key, s]));
  const changed: NarrativeChange[] = [];
  for (const s of to) {
    const before = old.get(s.key);
    if (!before || sameValue(before.content, s.content)) continue;
    const a = narrativeText(before.content);
    const b = narrativeText(s.content);
    changed.push({
      key: s.key,
      from: a,
      to: b,
      words: wordDiff(a, b),
      content: structuredClone(s.content),
    });
  }
  return {
    added: m.added,
    removed: m.removed,
    changed,
    moved: m.moved,
    after: m.after,
    addedSections: to.filter((s) => !m.had.has(s.key)).map((s) => structuredClone(s)),
  };
}

/** What changed from `from` to `to` (content only: status and timestamps are not compared). */
export function diffSnapshots(from: SopSnapshot, to: SopSnapshot): SopDiff {
  return {
    steps: diffSteps(from.steps, to.steps),
    actors: diffActors(from.actors, to.actors),
    identity: diffIdentity(from.identity, to.identity),
    narrative: diffNarrative(from.narrative, to.narrative),
  };
}

/** The counts of a diff. */
export function summarizeDiff(d: SopDiff): DiffSummary {
  const a = d.actors;
  const n = d.narrative;
  const actorIds = new Set([...a.added, ...a.removed, ...a.moved, ...a.renamed.map((r) => r.id)]);
  const sectionKeys = new Set([
    ...n.added,
    ...n.removed,
    ...n.moved,
    ...n.changed.map((c) => c.key),
  ]);
  return {
    steps: {
      added: d.steps.added.length,
      removed: d.steps.removed.length,
      moved: d.steps.moved.length,
      changed: d.steps.changed.length,
    },
    actors: actorIds.size,
    identity: d.identity.changed.length,
    narrative: sectionKeys.size,
  };
}

/** True when the summary counts nothing. */
export function isEmptySummary(s: DiffSummary): boolean {
  const st = s.steps;
  return st.added + st.removed + st.moved + st.changed + s.actors + s.identity + s.narrative === 0;
}

/** How a step shows in a compare view: one mark per step (a moved and edited step is `changed`, flagged moved). */
export type StepMark = 'added' | 'removed' | 'moved' | 'changed';

/** Each step's mark (steps left out did not change). */
export function stepMarks(d: StepsDiff): Map<string, { mark: StepMark; moved: boolean }> {
  const out = new Map<string, { mark: StepMark; moved: boolean }>();
  const moved = new Set(d.moved);
  for (const id of d.added) out.set(id, { mark: 'added', moved: false });
  for (const id of d.removed) out.set(id, { mark: 'removed', moved: false });
  for (const id of d.moved) out.set(id, { mark: 'moved', moved: true });
  for (const c of d.changed) out.set(c.id, { mark: 'changed', moved: moved.has(c.id) });
  return out;
}
