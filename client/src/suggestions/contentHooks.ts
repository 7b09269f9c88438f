import type { SopDoc } from '@shared/model/index';
import type { Actor } from '@shared/model/types';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * The content a suggestion card reads (step order for "after step N", pelaksana names),
 * subscribed like the editor's own hooks; these also render outside a browser (static
 * markup in tests), where a store needs a server snapshot.
 */
export function useStepOrder(sop: SopDoc): readonly string[] {
  const sub = useCallback((cb: () => void) => sop.steps.observeOrder(cb), [sop]);
  const get = () => sop.steps.ids();
  return useSyncExternalStore(sub, get, get);
}

export function useActorList(sop: SopDoc): Actor[] {
  const sub = useCallback((cb: () => void) => sop.actors.observe(cb), [sop]);
  const get = () => sop.actors.list();
  return useSyncExternalStore(sub, get, get);
}
