import { createContext, useContext } from 'react';

/**
 * Whether the open SOP is frozen (approved, revoked or superseded): inputs are
 * read-only, selects and structural buttons disabled, the narrative not
 * editable. Comment buttons stay usable — commenting on an SOP in force is fine.
 * Default false, so components outside the editor shell keep working.
 */
export const EditLockContext = createContext(false);

/** The editor's read-only lock (see `EditLockContext`). */
export function useEditLocked(): boolean {
  return useContext(EditLockContext);
}
