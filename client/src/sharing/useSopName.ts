import { useCallback, useContext, useSyncExternalStore } from 'react';
import { SopContext } from '../editor/model/hooks';

const noop = () => () => {};

/** The open SOP's name (Nama SOP), live; '' outside the editor. */
export function useSopName(): string {
  const sop = useContext(SopContext);
  const sub = useCallback((cb: () => void) => (sop ? sop.identity.observe(cb) : noop()), [sop]);
  return useSyncExternalStore(sub, () => sop?.identity.get().name ?? '');
}
