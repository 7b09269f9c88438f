import type { ListBox, SopDoc } from '@shared/model/index';
import type { Actor, Identity, ListField, Meta, Step } from '@shared/model/types';
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

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
