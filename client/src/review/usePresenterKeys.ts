import { useEffect, useRef } from 'react';
import { isEditable } from './followPresenter';
import type { ReviewApi } from './reviewTypes';

/** Keys that move the presenter (outside text fields): next and previous step. */
const NEXT = new Set(['PageDown', 'j', 'J']);
const PREV = new Set(['PageUp', 'k', 'K']);
/** In the presentation view the arrows and space move too (nothing else to scroll). */
const NEXT_PRESENTING = new Set(['ArrowRight', 'ArrowDown', ' ']);
const PREV_PRESENTING = new Set(['ArrowLeft', 'ArrowUp']);

/** What a key does for the presenter: +1, -1 or nothing. */
export function presenterKeyMove(
  e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target'>,
  presenting: boolean,
): 1 | -1 | 0 {
  if (e.altKey || e.ctrlKey || e.metaKey) return 0;
  if (isEditable(e.target)) return 0;
  if (NEXT.has(e.key) || (presenting && NEXT_PRESENTING.has(e.key))) return 1;
  if (PREV.has(e.key) || (presenting && PREV_PRESENTING.has(e.key))) return -1;
  return 0;
}

/**
 * The presenter's keyboard: PageDown / J for the next step, PageUp / K for the
 * previous one (arrows and space too in the presentation view), whenever the
 * user is not typing. Everyone following moves with them.
 */
export function usePresenterKeys(api: ReviewApi | null, presenting = false): void {
  const latest = useRef(api);
  latest.current = api;
  const active = !!api?.session && !!api.isPresenter;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // Another dialog (verdict comment, approval) has the keyboard.
      const dialog = (e.target as Element | null)?.closest?.(
        '[role="dialog"], [role="alertdialog"]',
      );
      if (dialog && !dialog.hasAttribute('data-presentation')) return;
      const move = presenterKeyMove(e, presenting);
      if (move === 0) return;
      e.preventDefault();
      latest.current?.moveBy(move);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, presenting]);
}
