/**
 * DOM side of presenter mode: mark the presenter's step row and, for
 * followers, bring it into view. Rows are rendered by the editor
 * (`[data-testid=step-row][data-step-id=…]`); we only set data attributes on
 * them (React leaves attributes it does not own alone, unlike `className`).
 */
import { scrollIntoPlace } from '../lib/scrollIntoPlace';
import { InputGate } from './inputGate';

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

/** The height of the editor's sticky block (see useStickyTop). */
function stickyHeight(): number {
  const v = getComputedStyle(document.documentElement).getPropertyValue('--editor-top-h');
  return Number.parseFloat(v) || 0;
}

/** The procedure table's header row, which sticks under the sticky block. */
function tableHead(row: Element): HTMLElement | null {
  return row.closest('table')?.querySelector<HTMLElement>('thead') ?? null;
}

/**
 * The top of the visible area for a row: under the editor's sticky block and,
 * when stuck there, the table's header — a row under either is not seen, and a
 * click there lands on the header.
 */
function visibleTop(row: Element): number {
  const top = stickyHeight();
  const head = tableHead(row)?.getBoundingClientRect();
  return head && head.top <= top + 1 ? Math.max(top, head.bottom) : top;
}

/** Whether the row is entirely in the visible area (under the sticky block, above the bottom). */
export function rowInView(row: Element): boolean {
  const r = row.getBoundingClientRect();
  return r.top >= visibleTop(row) - 1 && r.bottom <= window.innerHeight + 1;
}

/** Whether any part of the row is in the visible area. */
export function rowVisible(row: Element): boolean {
  const r = row.getBoundingClientRect();
  return r.bottom > visibleTop(row) && r.top < window.innerHeight;
}

/**
 * Scrolls the window so the row sits in the middle of what is seen — under the
 * sticky block and the table's header, which stays stuck while a row of the
 * table is shown — or at its top when the row is taller than that.
 */
function centreRow(row: HTMLElement): void {
  const r = row.getBoundingClientRect();
  const head = tableHead(row)?.getBoundingClientRect().height ?? 0;
  const top = stickyHeight() + head;
  const room = window.innerHeight - top;
  const offset = r.height >= room ? 0 : (room - r.height) / 2;
  window.scrollTo({ top: window.scrollY + r.top - top - offset, behavior: 'instant' });
}

let gate: InputGate | null = null;

/**
 * The page's one input gate (created on first use): follow-scrolls wait while
 * the pointer is down and for a moment after any input, so a click never lands
 * on a row that moved under the pointer.
 */
export function followGate(): InputGate {
  gate ??= new InputGate(typeof window !== 'undefined' ? window : null);
  return gate;
}

let stopKeeping: (() => void) | null = null;

/**
 * Scrolls the row to the middle of the visible area, instantly: a jump, never a
 * slow glide that a click could meet half-way; then keeps it in view while the
 * rows around it finish their layout (see `scrollIntoPlace`). `block: 'nearest'`
 * only brings it in when it is out of view.
 */
export function scrollToStep(
  stepId: string,
  root: ParentNode = document,
  block: 'center' | 'nearest' = 'center',
): boolean {
  const row = stepRow(stepId, root);
  if (!row) return false;
  if (block === 'nearest' && rowInView(row)) return true;
  stopKeeping?.();
  stopKeeping = scrollIntoPlace(
    () => stepRow(stepId, root),
    (r) => {
      programmatic = Date.now();
      if (block === 'center') centreRow(r);
      else r.scrollIntoView({ block, behavior: 'instant' });
    },
    rowInView,
    { ms: 1500, canFix: () => followGate().quiet() },
  );
  return true;
}

/**
 * A follower's scroll to the presenter's step, through the input gate: the
 * latest call wins; it runs once the user has stopped pressing, scrolling or
 * typing for a moment.
 */
export function followTo(stepId: string, root: ParentNode = document): void {
  followGate().whenQuiet(() => {
    scrollToStep(stepId, root);
  });
}

/** Drops a pending follow-scroll and stops keeping a row in view (following stopped). */
export function cancelFollow(): void {
  gate?.cancel();
  stopKeeping?.();
  stopKeeping = null;
}

/** When the last scroll this module made happened (ms), to tell it from the user's. */
let programmatic = 0;

/** When this module last scrolled the page (ms since the epoch). */
export function lastScrolledByUs(): number {
  return programmatic;
}

/** The step id of the row containing `el`, if any. */
export function stepIdOf(el: EventTarget | null): string | null {
  if (!(el instanceof Element)) return null;
  const row = el.closest<HTMLElement>('[data-testid="step-row"][data-step-id]');
  return row?.dataset.stepId ?? null;
}

/** Whether `el` is a control the user types or picks in (not a button). */
export function isEditable(el: EventTarget | null): boolean {
  // Duck-typed (no `instanceof HTMLElement`): also works on stubs outside a browser.
  const e = el as { tagName?: unknown; isContentEditable?: unknown; type?: unknown } | null;
  if (!e || typeof e.tagName !== 'string') return false;
  if (e.isContentEditable === true) return true;
  const tag = e.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof e.type === 'string' ? e.type : 'text';
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(type);
}
