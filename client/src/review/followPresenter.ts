/**
 * DOM side of presenter mode: mark the presenter's step row and, for
 * followers, bring it into view. Rows are rendered by the editor
 * (`[data-testid=step-row][data-step-id=…]`); we only set data attributes on
 * them (React leaves attributes it does not own alone, unlike `className`).
 */

export const PRESENTER_ATTR = 'data-review-presenter';

export function stepRow(stepId: string, root: ParentNode = document): HTMLElement | null {
  return root.querySelector<HTMLElement>(
    `[data-testid="step-row"][data-step-id="${CSS.escape(stepId)}"]`,
  );
}

/** Marks the presenter's row (removing the mark from any other); null clears. */
export function markPresenterRow(stepId: string | null, root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[${PRESENTER_ATTR}]`)) {
    if (el.dataset.stepId !== stepId) el.removeAttribute(PRESENTER_ATTR);
  }
  if (stepId) stepRow(stepId, root)?.setAttribute(PRESENTER_ATTR, 'true');
}

/** Scrolls the row into the middle of the view (smooth unless the user prefers less motion). */
export function scrollToStep(stepId: string, root: ParentNode = document): boolean {
  const row = stepRow(stepId, root);
  if (!row) return false;
  const reduce =
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  row.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  settle(stepId, root, ++scrollGeneration, 3);
  return true;
}

let scrollGeneration = 0;

/**
 * Why: off-screen rows use `content-visibility: auto` with an estimated height,
 * so the target of a (smooth) scroll is computed from estimates; the rows
 * rendered on the way are often taller (verdict buttons, long text) and the
 * scroll stops short of the row. Once it has ended, re-check and correct
 * instantly a few times. A newer move (generation) cancels an older correction.
 */
function settle(stepId: string, root: ParentNode, generation: number, tries: number): void {
  if (typeof window === 'undefined') return;
  let done = false;
  const check = () => {
    if (done) return;
    done = true;
    window.removeEventListener('scrollend', check);
    clearTimeout(timer);
    if (generation !== scrollGeneration || tries <= 0) return;
    const row = stepRow(stepId, root);
    if (!row) return;
    const r = row.getBoundingClientRect();
    if (r.top >= 0 && r.bottom <= window.innerHeight) return;
    row.scrollIntoView({ block: 'center', behavior: 'auto' });
    // An instant scroll renders the rows around the target, which may shift it again.
    requestAnimationFrame(() => settle(stepId, root, generation, tries - 1));
  };
  window.addEventListener('scrollend', check);
  const timer = setTimeout(check, 1200);
}

/** The step id of the row containing `el`, if any. */
export function stepIdOf(el: EventTarget | null): string | null {
  if (!(el instanceof Element)) return null;
  const row = el.closest<HTMLElement>('[data-testid="step-row"][data-step-id]');
  return row?.dataset.stepId ?? null;
}
