import {
  type ActorRename,
  type DiffPart,
  type DiffSummary,
  diffSnapshots,
  type IdentityChange,
  type SopDiff,
  type StepChange,
  type StepFieldChange,
  type StepMark,
  stepMarks,
  summarizeDiff,
} from '@shared/model/diff';
import type { SopSnapshot, Step } from '@shared/model/types';

/** One entry of the list of changes, in the order the editor shows its parts. */
export type ChangeItem =
  | { key: string; kind: 'identity'; change: IdentityChange }
  | {
      key: string;
      kind: 'actor';
      change: 'added' | 'removed' | 'renamed' | 'moved';
      id: string;
      name: string;
      rename?: ActorRename;
    }
  | {
      key: string;
      kind: 'step';
      change: StepMark;
      id: string;
      /** 1-based numbers on each side (null: not on that side). */
      fromNo: number | null;
      toNo: number | null;
      /** The step as it is on the newer side (the old one for a removed step). */
      step: Step;
      moved: boolean;
      fields: StepFieldChange[];
    }
  | {
      key: string;
      kind: 'narrative';
      change: 'added' | 'removed' | 'changed' | 'moved';
      section: string;
      words?: DiffPart[];
    };

/** Everything a compare view shows, derived once from two snapshots. */
export interface CompareModel {
  from: SopSnapshot;
  to: SopSnapshot;
  diff: SopDiff;
  summary: DiffSummary;
  marks: ReadonlyMap<string, { mark: StepMark; moved: boolean }>;
  changes: ReadonlyMap<string, StepChange>;
  fromNo: ReadonlyMap<string, number>;
  toNo: ReadonlyMap<string, number>;
  /** Removed steps, shown just before this step of the newer side. */
  ghostsBefore: ReadonlyMap<string, readonly Step[]>;
  /** Removed steps after the newer side's last step (keyed by that step). */
  ghostsAfter: ReadonlyMap<string, readonly Step[]>;
  /** Names of pelaksana on each side. */
  fromActors: ReadonlyMap<string, string>;
  toActors: ReadonlyMap<string, string>;
  items: ChangeItem[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Builds the compare model of `from` → `to` (pure; the editor recomputes it as `to` changes). */
export function buildCompareModel(from: SopSnapshot, to: SopSnapshot): CompareModel {
  const diff = diffSnapshots(from, to);
  const marks = stepMarks(diff.steps);
  const changes = new Map(diff.steps.changed.map((c) => [c.id, c]));
  const fromNo = new Map(from.steps.map((s, i) => [s.id, i + 1]));
  const toNo = new Map(to.steps.map((s, i) => [s.id, i + 1]));
  const toIds = new Set(to.steps.map((s) => s.id));

  // Each removed step is shown before the first step after it (old order) that is still there.
  const ghostsBefore = new Map<string, Step[]>();
  const ghostsAfter = new Map<string, Step[]>();
  const removed = new Set(diff.steps.removed);
  const lastId = to.steps[to.steps.length - 1]?.id;
  from.steps.forEach((s, i) => {
    if (!removed.has(s.id)) return;
    const next = from.steps.slice(i + 1).find((x) => toIds.has(x.id));
    if (next) push(ghostsBefore, next.id, s);
    else if (lastId) push(ghostsAfter, lastId, s);
  });

  const items: ChangeItem[] = [];
  for (const c of diff.identity.changed)
    items.push({ key: `identity:${c.field}`, kind: 'identity', change: c });
  const fromActors = new Map(from.actors.map((a) => [a.id, a.name]));
  const toActors = new Map(to.actors.map((a) => [a.id, a.name]));
  const renamed = new Map(diff.actors.renamed.map((r) => [r.id, r]));
  const movedActors = new Set(diff.actors.moved);
  const addedActors = new Set(diff.actors.added);
  for (const a of to.actors) {
    const r = renamed.get(a.id);
    if (addedActors.has(a.id))
      items.push({ key: `actor:${a.id}`, kind: 'actor', change: 'added', id: a.id, name: a.name });
    else if (r)
      items.push({
        key: `actor:${a.id}`,
        kind: 'actor',
        change: 'renamed',
        id: a.id,
        name: a.name,
        rename: r,
      });
    else if (movedActors.has(a.id))
      items.push({ key: `actor:${a.id}`, kind: 'actor', change: 'moved', id: a.id, name: a.name });
  }
  for (const id of diff.actors.removed)
    items.push({
      key: `actor:${id}`,
      kind: 'actor',
      change: 'removed',
      id,
      name: fromActors.get(id) ?? '',
    });

  const fromById = new Map(from.steps.map((s) => [s.id, s]));
  const stepItem = (s: Step): void => {
    const m = marks.get(s.id);
    if (!m) return;
    items.push({
      key: `step:${s.id}`,
      kind: 'step',
      change: m.mark,
      id: s.id,
      fromNo: fromNo.get(s.id) ?? null,
      toNo: toNo.get(s.id) ?? null,
      step: s,
      moved: m.moved,
      fields: changes.get(s.id)?.changes ?? [],
    });
  };
  for (const s of to.steps) {
    for (const g of ghostsBefore.get(s.id) ?? []) stepItem(g);
    stepItem(s);
    for (const g of ghostsAfter.get(s.id) ?? []) stepItem(g);
  }
  if (to.steps.length === 0)
    for (const id of diff.steps.removed) {
      const s = fromById.get(id);
      if (s) stepItem(s);
    }

  const n = diff.narrative;
  const words = new Map(n.changed.map((c) => [c.key, c.words]));
  const movedSections = new Set(n.moved);
  const addedSections = new Set(n.added);
  for (const sec of to.narrative) {
    const key = sec.key;
    const w = words.get(key);
    if (addedSections.has(key))
      items.push({ key: `narrative:${key}`, kind: 'narrative', change: 'added', section: key });
    else if (w)
      items.push({
        key: `narrative:${key}`,
        kind: 'narrative',
        change: 'changed',
        section: key,
        words: w,
      });
    else if (movedSections.has(key))
      items.push({ key: `narrative:${key}`, kind: 'narrative', change: 'moved', section: key });
  }
  for (const key of n.removed)
    items.push({ key: `narrative:${key}`, kind: 'narrative', change: 'removed', section: key });

  return {
    from,
    to,
    diff,
    summary: summarizeDiff(diff),
    marks,
    changes,
    fromNo,
    toNo,
    ghostsBefore,
    ghostsAfter,
    fromActors,
    toActors,
    items,
  };
}
