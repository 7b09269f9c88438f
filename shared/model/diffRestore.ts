/**
 * Restoring a version (issue 16) as a forward change: the live document is edited until
 * its content equals the version's snapshot — identity, pelaksana, steps (with the
 * version's ids) and narrative — in one transaction, as the smallest set of ordinary
 * edits the model knows (text cells get minimal text edits, entries keep their order
 * keys unless they must move). Connected clients receive it like anyone's edit, and
 * nothing of the history is rewritten: restoring the state saved before it undoes it.
 * Status and timestamps (meta) are not content and stay as they are.
 */
import * as Y from 'yjs';
import type { OrderedCollection } from './collection.js';
import { movedIds } from './diffText.js';
import { normalizeRichText } from './editorSchema.js';
import {
  APPROVER_FIELDS,
  type EntryMap,
  IDENTITY_TEXT_FIELDS,
  LIST_BOXES,
  type ListBox,
  newEntry,
  root,
  STEP_TEXT_FIELDS,
} from './layout.js';
import { compareOrdered, defaultRandom, indexForPosition, placeKey, type Random } from './order.js';
import { richTextToFragment } from './richText.js';
import type { SopDoc } from './sopDoc.js';
import { setTextMinimal } from './text.js';
import type { RelatedSop, SopSnapshot, Step } from './types.js';

/** Sets primitive `key` only when it differs (an unchanged value is no update). */
function setPrim(m: EntryMap, key: string, v: string | number | null): void {
  if (m.get(key) !== v) m.set(key, v);
}

/** Sets text `key` of an entry with a minimal edit (a missing or broken text is replaced). */
function setText(m: EntryMap, key: string, v: string): void {
  const t = m.get(key);
  if (t instanceof Y.Text) setTextMinimal(t, v);
  else m.set(key, new Y.Text(v));
}

/**
 * Gives the entries of `col` the order of `ids` (all present): entries outside one
 * longest run already in order get a new key after their predecessor, in order, so
 * each key lands between its neighbours of the final order (see the proof in the test).
 */
function reorder(col: OrderedCollection<unknown>, ids: readonly string[], random: Random): void {
  // sorted() reads the map itself: ids() is cached until this transaction ends.
  const wanted = new Set(ids);
  const current = col
    .sorted()
    .map((e) => e.id)
    .filter((id) => wanted.has(id));
  const moving = movedIds(current, ids);
  ids.forEach((id, i) => {
    if (!moving.has(id)) return;
    const key = col.keyFor({ after: i > 0 ? (ids[i - 1] as string) : null }, random, id);
    col.map.get(id)?.set('order', key);
  });
}

function stepPrims(s: Step): Record<string, string | number | null> {
  return {
    kind: s.kind,
    actorId: s.actorId,
    timeAmount: s.time.amount,
    timeUnit: s.time.unit,
    yes: s.kind === 'decision' ? s.yes : null,
    no: s.kind === 'decision' ? s.no : null,
  };
}

function restoreSteps(sop: SopDoc, steps: readonly Step[], random: Random): void {
  const col = sop.steps.col;
  const want = new Set(steps.map((s) => s.id));
  for (const id of [...col.map.keys()]) if (!want.has(id)) col.map.delete(id);
  steps.forEach((s, i) => {
    const m = col.entry(s.id);
    const texts: Record<string, string> = {};
    for (const f of STEP_TEXT_FIELDS) texts[f] = s[f];
    if (!m) {
      const key = col.keyFor({ after: i > 0 ? (steps[i - 1] as Step).id : null }, random);
      col.map.set(s.id, newEntry(key, stepPrims(s), texts));
      return;
    }
    for (const [k, v] of Object.entries(stepPrims(s))) setPrim(m, k, v);
    for (const [k, v] of Object.entries(texts)) setText(m, k, v);
  });
  reorder(
    col as OrderedCollection<unknown>,
    steps.map((s) => s.id),
    random,
  );
}

function restoreActors(sop: SopDoc, actors: SopSnapshot['actors'], random: Random): string[] {
  const col = sop.actors.col;
  const want = new Set(actors.map((a) => a.id));
  actors.forEach((a, i) => {
    const m = col.entry(a.id);
    if (!m) {
      const key = col.keyFor({ after: i > 0 ? (actors[i - 1]?.id ?? null) : null }, random);
      col.map.set(a.id, newEntry(key, {}, { name: a.name }));
    } else setText(m, 'name', a.name);
  });
  reorder(
    col as OrderedCollection<unknown>,
    actors.map((a) => a.id),
    random,
  );
  // Deleted last: the restored steps no longer point at them.
  return [...col.map.keys()].filter((id) => !want.has(id));
}

/** A list box is short: when its items differ, it is written again item by item in place. */
function restoreList(
  sop: SopDoc,
  box: ListBox,
  items: ReadonlyArray<{ text: string; type?: string; sopId?: string }>,
): void {
  const api = sop.identity.list(box);
  const have = api.items();
  const same =
    have.length === items.length &&
    have.every(
      (h, i) =>
        h.text === items[i]?.text &&
        (box !== 'relatedSops' ||
          (h.type === items[i]?.type && (h.sopId ?? '') === (items[i]?.sopId ?? ''))),
    );
  if (same) return;
  const col = api.col;
  // Reuse entries position by position (minimal text edits), add or delete the rest.
  have.forEach((h, i) => {
    const item = items[i];
    const m = col.entry(h.id);
    if (!m) return;
    if (!item) {
      col.map.delete(h.id);
      return;
    }
    setText(m, 'text', item.text);
    if (box === 'relatedSops') {
      setPrim(m, 'type', item.type ?? 'related');
      if (item.sopId) setPrim(m, 'sopId', item.sopId);
      else if (m.has('sopId')) m.delete('sopId');
    }
  });
  for (let i = have.length; i < items.length; i++) {
    const item = items[i] as { text: string; type?: string; sopId?: string };
    api.add(
      item.text,
      { before: null },
      box === 'relatedSops' ? (item.type as RelatedSop['type']) : undefined,
      box === 'relatedSops' ? item.sopId : undefined,
    );
  }
}

function restoreNarrative(sop: SopDoc, sections: SopSnapshot['narrative'], random: Random): void {
  const doc = sop.doc;
  const index = root.narrativeIndex(doc);
  const want = new Set(sections.map((s) => s.key));
  for (const key of sop.narrative.keys()) if (!want.has(key)) sop.narrative.remove(key);
  for (const s of sections) {
    const normal = normalizeRichText(s.content);
    if (!index.has(s.key)) sop.narrative.add(s.key);
    if (JSON.stringify(sop.narrative.getJSON(s.key)) !== JSON.stringify(normal))
      richTextToFragment(normal, root.narrative(doc, s.key));
  }
  // Order: the same rule as steps, over the index map.
  const sorted = () =>
    [...index.entries()]
      .map(([id, v]) => ({ id, order: typeof v?.order === 'string' ? v.order : '' }))
      .sort(compareOrdered);
  const keys = sections.map((s) => s.key);
  const moving = movedIds(
    sorted().map((e) => e.id),
    keys,
  );
  keys.forEach((key, i) => {
    if (!moving.has(key)) return;
    const others = sorted().filter((e) => e.id !== key);
    const at =
      indexForPosition(others, { after: i > 0 ? (keys[i - 1] as string) : null }) ?? others.length;
    const { key: order, rekeys } = placeKey(others, at, random);
    for (const r of rekeys) index.set(r.id, { order: r.order });
    index.set(key, { order });
  });
}

/**
 * Makes the content of `sop` equal to `target` (identity, actors, steps with their ids,
 * narrative) in one transaction of `sop`'s origin. `target` must be a valid snapshot
 * (a stored version's): its steps point only at its own actors and steps.
 */
export function restoreSnapshot(
  sop: SopDoc,
  target: SopSnapshot,
  random: Random = defaultRandom,
): void {
  sop.transact(() => {
    const doc = sop.doc;
    for (const f of IDENTITY_TEXT_FIELDS)
      setTextMinimal(root.identityText(doc, f), target.identity[f]);
    for (const f of APPROVER_FIELDS)
      setTextMinimal(root.approverText(doc, f), target.identity.approvedBy[f]);
    for (const box of LIST_BOXES) {
      const items =
        box === 'relatedSops'
          ? target.identity.relatedSops.map((r) =>
              r.sopId
                ? { text: r.text, type: r.type, sopId: r.sopId }
                : { text: r.text, type: r.type },
            )
          : target.identity[box].map((text) => ({ text }));
      restoreList(sop, box, items);
    }
    const staleActors = restoreActors(sop, target.actors, random);
    restoreSteps(sop, target.steps, random);
    for (const id of staleActors) sop.actors.col.map.delete(id);
    restoreNarrative(sop, target.narrative, random);
  });
}
