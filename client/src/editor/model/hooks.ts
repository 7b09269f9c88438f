import type { ListBox, SopDoc } from '@shared/model/index';
import type { Actor, Identity, ListField, Meta, Step } from '@shared/model/types';
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';

/** The open SOP's typed model. Components read and write only through it. */
export const SopContext = createContext<SopDoc | null>(null);

export function useSop(): SopDoc {
  const sop = useContext(SopContext);
  if (!sop) throw new Error('useSop outside an open SOP');
  return sop;
}

/** Ordered step ids; re-renders only when order or membership changes (not on typing). */
export function useStepIds(): readonly string[] {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.steps.observeOrder(cb), [sop]);
  return useSyncExternalStore(sub, () => sop.steps.ids());
}

/** One step; re-renders only when that step changes. */
export function useStep(id: string): Step | undefined {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.steps.observe(id, cb), [sop, id]);
  return useSyncExternalStore(sub, () => sop.steps.get(id));
}

/** A step without its four texts (Kegiatan, Kelengkapan, Output, Keterangan). */
export type StepFields = Omit<Step, 'activity' | 'requirements' | 'output' | 'notes'>;

const TEXT_FIELDS: ReadonlySet<string> = new Set(['activity', 'requirements', 'output', 'notes']);

/** Equal values, or objects (the time) with equal values. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === Object.keys(b).length &&
    ka.every((k) => (a as Record<string, unknown>)[k] === rb[k])
  );
}

/** The step's fields other than its texts; `prev` itself when none of them changed. */
function withoutTexts(step: Step, prev: StepFields | undefined): StepFields {
  const next: Record<string, unknown> = {};
  let changed = prev === undefined;
  for (const [k, v] of Object.entries(step)) {
    if (TEXT_FIELDS.has(k)) continue;
    next[k] = v;
    if (!changed && !same((prev as unknown as Record<string, unknown>)[k], v)) changed = true;
  }
  if (!changed && prev && Object.keys(prev).length !== Object.keys(next).length) changed = true;
  return changed || !prev ? (next as unknown as StepFields) : prev;
}

/**
 * One step without its texts; re-renders only when another field changes, not
 * on typing (text cells are bound to their Y.Text and need no re-render).
 */
export function useStepFields(id: string): StepFields | undefined {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.steps.observe(id, cb), [sop, id]);
  const last = useRef<{ step: Step | undefined; fields: StepFields | undefined }>({
    step: undefined,
    fields: undefined,
  });
  const get = useCallback(() => {
    const step = sop.steps.get(id);
    const l = last.current;
    // The collection keeps the same object until the step changes.
    if (step !== l.step) {
      l.step = step;
      l.fields = step ? withoutTexts(step, l.fields) : undefined;
    }
    return l.fields;
  }, [sop, id]);
  return useSyncExternalStore(sub, get);
}

export function useActors(): Actor[] {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.actors.observe(cb), [sop]);
  return useSyncExternalStore(sub, () => sop.actors.list());
}

export function useIdentity(): Identity {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.identity.observe(cb), [sop]);
  return useSyncExternalStore(sub, () => sop.identity.get());
}

export function useMeta(): Meta {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.meta.observe(cb), [sop]);
  return useSyncExternalStore(sub, () => sop.meta.get());
}

export function useNarrativeKeys(): readonly string[] {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.narrative.observe(cb), [sop]);
  return useSyncExternalStore(sub, () => sop.narrative.keys());
}

/** Items of one identity list box (identity observers cover list changes). */
export function useListItems(box: ListBox | ListField) {
  const sop = useSop();
  const sub = useCallback((cb: () => void) => sop.identity.observe(cb), [sop]);
  return useSyncExternalStore(sub, () => sop.identity.list(box).items());
}
