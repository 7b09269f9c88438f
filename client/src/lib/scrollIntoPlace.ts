/**
 * Scrolls an element into place and keeps it there for a short while.
 *
 * Why: the procedure table's off-screen rows skip layout (`content-visibility:
 * auto`) and count with an estimated height. After a jump, the rows that come
 * near the view are laid out for real — a frame or a few later — and whatever
 * is below them moves (a section landed ~250px low; a presenter's row off the
 * screen). So after the jump the position is checked every frame for `ms` and
 * corrected, until the user scrolls or presses something themselves.
 */
export interface PlaceOptions {
  /** How long to keep the element in place (ms). */
  ms?: number;
  /** Whether a correction may run now (e.g. no pointer is down); default yes. */
  canFix?: () => boolean;
}

const USER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/** The one element being kept in place: a newer request replaces it. */
let current: (() => void) | null = null;

/** Returns a function that stops keeping the element in place. */
export function scrollIntoPlace(
  target: () => HTMLElement | null,
  place: (el: HTMLElement) => void,
  placed: (el: HTMLElement) => boolean,
  { ms = 1200, canFix = () => true }: PlaceOptions = {},
): () => void {
  current?.();
  current = null;
  const first = target();
  if (!first) return () => {};
  place(first);
  let stopped = false;
  let frame = 0;
  const deadline = performance.now() + ms;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (current === stop) current = null;
    cancelAnimationFrame(frame);
    for (const type of USER_INPUT) window.removeEventListener(type, stop, true);
  };
  for (const type of USER_INPUT) window.addEventListener(type, stop, true);
  const tick = () => {
    if (stopped) return;
    if (performance.now() > deadline) return stop();
    const el = target();
    if (!el) return stop();
    if (!placed(el) && canFix()) place(el);
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  current = stop;
  return stop;
}
