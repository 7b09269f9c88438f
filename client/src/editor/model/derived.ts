import { type Problem, type SopDoc, validate } from '@shared/model/index';
import type { SopSnapshot } from '@shared/model/types';
import { startTransition, useEffect, useState } from 'react';
import { onDocChange } from '../../lib/docChange';

/** Snapshot + validation, recomputed after edits settle. */
export interface Derived {
  snapshot: SopSnapshot;
  problems: Problem[];
}

/**
 * A plain snapshot of the SOP and its validation problems, recomputed at most
 * every `delayMs` after changes stop. Why debounced: `toSnapshot` and
 * `validate` walk the whole document; doing that per keystroke on a 300-step
 * SOP would cost more than the keystroke itself.
 */
export function useDerived(sop: SopDoc, delayMs = 300): Derived {
  const [derived, setDerived] = useState<Derived>(() => compute(sop));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const run = () => {
      idle = null;
      const next = compute(sop);
      // A transition: a keystroke arriving meanwhile renders first.
      startTransition(() => setDerived(next));
    };
    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        // Wait for a quiet moment of the main thread, not just of the document.
        if (idle === null)
          idle =
            typeof requestIdleCallback === 'function'
              ? requestIdleCallback(run, { timeout: 1000 })
              : -1;
        if (idle === -1) run();
      }, delayMs);
    };
    const off = onDocChange(sop.doc, onUpdate);
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
      if (idle !== null && idle !== -1) cancelIdleCallback(idle);
    };
  }, [sop, delayMs]);
  return derived;
}

function compute(sop: SopDoc): Derived {
  const snapshot = sop.toSnapshot();
  return { snapshot, problems: validate(snapshot) };
}
