import type { Anchor } from '@shared/discussion/index';

/** CSS selector of the element showing an anchor in the editor, or null. */
export function anchorSelector(anchor: Anchor): string | null {
  switch (anchor.kind) {
    case 'step':
      return `[data-testid="step-row"][data-step-id="${CSS.escape(anchor.stepId)}"]`;
    case 'identity':
      return `[data-identity-field="${CSS.escape(anchor.field)}"]`;
    case 'narrative':
      return `[data-testid="narrative-editor"][data-section="${CSS.escape(anchor.section)}"]`;
    default:
      return null;
  }
}

/**
 * Default `onFocusAnchor`: scrolls the anchor's element into view and flashes
 * it (class `dc-anchor-flash`). Returns false when the anchor is not on screen
 * (deleted step, unknown field). Identity fields are found by a
 * `data-identity-field="<field>"` attribute, falling back to `#identity`.
 */
export function focusAnchor(anchor: Anchor, root: ParentNode = document): boolean {
  const sel = anchorSelector(anchor);
  let el = sel ? root.querySelector<HTMLElement>(sel) : null;
  if (!el && anchor.kind === 'identity') el = root.querySelector<HTMLElement>('#identity');
  if (!el && anchor.kind === 'sop') el = root.querySelector<HTMLElement>('#main');
  if (!el) return false;
  if (anchor.kind === 'step' && anchor.field) {
    const cell = el.querySelector<HTMLElement>(`[data-field="${CSS.escape(anchor.field)}"]`);
    if (cell) el = cell.closest<HTMLElement>('td, [role="cell"]') ?? cell;
  }
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.classList.remove('dc-anchor-flash');
  // Force a reflow so the animation restarts when the same anchor is focused twice.
  void el.offsetWidth;
  el.classList.add('dc-anchor-flash');
  el.addEventListener('animationend', () => el?.classList.remove('dc-anchor-flash'), {
    once: true,
  });
  return true;
}
