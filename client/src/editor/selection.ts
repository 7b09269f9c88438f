import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

/** The selected step (last focused row, or the one clicked in the flowchart). */
export class SelectionStore {
  private id: string | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): string | null => this.id;

  set(id: string | null): void {
    if (id === this.id) return;
    this.id = id;
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

export const SelectionContext = createContext<SelectionStore>(new SelectionStore());

/** Whether step `id` is selected; only the rows whose answer changes re-render. */
export function useIsSelected(id: string): boolean {
  const store = useContext(SelectionContext);
  const get = useCallback(() => store.get() === id, [store, id]);
  return useSyncExternalStore(store.subscribe, get);
}

export function useSelectedId(): string | null {
  const store = useContext(SelectionContext);
  return useSyncExternalStore(store.subscribe, store.get);
}
