import { type RefObject, useLayoutEffect } from 'react';

/** The CSS variable holding the height (px) of the editor's sticky top block. */
export const STICKY_TOP_VAR = '--editor-top-h';

/**
 * Publishes the height of the sticky block at the top of the editor (header,
 * section bar, docked review bar, banners) as `--editor-top-h` on the root, so
 * `scroll-padding-top` lands sections and scrolled-to rows just under it and the
 * comment panel and table header stick right below it. Its height changes with
 * the zoom, wrapping and the bars that come and go.
 */
export function useStickyTop(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty(STICKY_TOP_VAR, `${el.offsetHeight}px`);
    publish();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(publish);
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.removeProperty(STICKY_TOP_VAR);
    };
  }, [ref]);
}

/** The sticky block's current height in px (0 outside the editor). */
export function stickyTop(): number {
  if (typeof document === 'undefined') return 0;
  const v = getComputedStyle(document.documentElement).getPropertyValue(STICKY_TOP_VAR);
  return Number.parseFloat(v) || 0;
}
