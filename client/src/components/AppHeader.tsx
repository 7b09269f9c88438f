import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { MoreHorizontal } from 'lucide-react';
import {
  Fragment,
  type ReactNode,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { UserMenu } from '../auth/UserMenu';
import { getZoom, subscribeZoom } from '../lib/prefs';
import { NotificationsBell } from '../notifications/NotificationsBell';
import { languageAction, zoomAction } from './displayActions';
import { type FitStep, type ItemState, itemStates, type Measure, pickHidden } from './headerFit';
import type { HeaderItem } from './headerItem';

export type { HeaderItem } from './headerItem';

/** Susun's mark: three lines of a procedure on a rounded square (colour from `currentColor`). */
export function BrandMark({ className = 'brand-mark' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M9 10h14M9 16h10M9 22h14" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

const GAP_REM = 0.25;

/** The fitting steps of a set of items, in the order they are taken. */
function stepsOf(items: readonly HeaderItem[]): FitStep[] {
  const steps: FitStep[] = [];
  for (const it of items) {
    if (it.compactPriority !== undefined)
      steps.push({ item: it.id, kind: 'compact', priority: it.compactPriority });
    if (it.menu !== undefined && it.priority !== undefined)
      steps.push({ item: it.id, kind: 'menu', priority: it.priority });
  }
  return steps.sort((a, b) => a.priority - b.priority || (a.kind === 'compact' ? -1 : 1));
}

/** The brand and the user's name shorten like any item; zoom and language move to the menu. */
const BUILT_IN: readonly HeaderItem[] = [
  { id: 'brand', slot: 'status', compactPriority: 0.5, render: () => null },
  { id: 'user', slot: 'actions', compactPriority: 2.5, render: () => null },
  zoomAction(),
  languageAction(),
];

/**
 * The top bar: brand, the page's title (`children`, marked `data-header-title`),
 * its status and actions (`items`), notifications and the user's menu. Items
 * that do not fit beside a readable title first shorten, then move into the
 * "⋯" menu (`header-more`) — measured after layout, whatever the window, zoom,
 * language or title — so nothing overlaps, is cut off or scrolls sideways. On a
 * phone-width bar the title takes its own line.
 */
export function AppHeader({
  children,
  items = [],
}: {
  children?: ReactNode;
  items?: readonly HeaderItem[];
}) {
  const { t } = useTranslation();
  const all = useMemo(() => [...items, ...BUILT_IN], [items]);
  // Kept while equal: a new `items` array with the same fitting steps (the page
  // re-rendered, a catalogue loaded) needs no new fit pass — the measure forces a
  // layout of the whole page, 300 table rows included. Width changes reach the
  // resize observer instead.
  const stepsNow = stepsOf(all);
  const stepsKey = stepsNow.map((s) => `${s.item}:${s.kind}:${s.priority}`).join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: equal steps, same array
  const steps = useMemo(() => stepsNow, [stepsKey]);
  const row = useRef<HTMLDivElement>(null);
  const widths = useRef(new Map<string, number>());
  const [hidden, setHidden] = useState(0);
  // The last move of the current chain of passes: never undo right after taking a
  // step (a width measured differently could otherwise make the two alternate).
  const lastMove = useRef<'hide' | 'show' | null>(null);
  const [resized, onResize] = useReducer((x: number) => x + 1, 0);
  useSyncExternalStore(subscribeZoom, getZoom, getZoom);

  // The row, the title and the free space: any of them changing size (window,
  // zoom, a renamed SOP, a wider action) may call for a new fit. Why the check in
  // the callback: the saved-state pill changes width with every keystroke; the
  // observer then runs after layout, where measuring is cheap, and the header
  // re-renders only when the fit would really change.
  const observer = useRef<ResizeObserver | null>(null);
  const observed = useRef(new Set<Element>());
  const measureRef = useRef<() => number | null>(() => null);
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (measureRef.current() !== null) onResize();
    });
    observer.current = ro;
    return () => {
      ro.disconnect();
      observer.current = null;
      observed.current.clear();
    };
  }, []);
  useSyncExternalStore(subscribeZoom, getZoom, getZoom);

  /** Measures the row and returns the new number of steps, or null when it stays. */
  const measure = (): number | null => {
    const el = row.current;
    if (!el) return null;
    const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    for (const node of el.querySelectorAll<HTMLElement>('[data-item]')) {
      widths.current.set(node.dataset.item ?? '', node.getBoundingClientRect().width / rem);
    }
    const title = el.querySelector<HTMLElement>('[data-header-title]');
    const spacer = el.querySelector<HTMLElement>('.app-header-spacer');
    for (const node of [el, title, spacer]) {
      if (node && observer.current && !observed.current.has(node)) {
        observed.current.add(node);
        observer.current.observe(node);
      }
    }
    const m: Measure = {
      rem,
      rowWidth: el.clientWidth,
      titleWidth: title?.clientWidth ?? 0,
      titleNatural: title?.scrollWidth ?? 0,
      spacer: spacer?.clientWidth ?? 0,
      overflow: el.scrollWidth - el.clientWidth,
      gapRem: GAP_REM,
    };
    const next = pickHidden(hidden, steps, widths.current, m);
    return next === hidden ? null : next;
  };
  measureRef.current = measure;

  // Measure after every layout, before paint: one step per pass until it fits.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measured after each render and resize
  useLayoutEffect(() => {
    const next = measure();
    if (next === null || (next < hidden && lastMove.current === 'hide')) {
      lastMove.current = null;
      return;
    }
    lastMove.current = next > hidden ? 'hide' : 'show';
    setHidden(next);
  }, [hidden, steps, resized]);

  const states = itemStates(steps, hidden);
  const stateOf = (id: string): ItemState => states.get(id) ?? 'full';
  const inline = (slot: HeaderItem['slot']) =>
    all
      .filter((it) => it.slot === slot && it.id !== 'brand' && it.id !== 'user')
      .map((it) => {
        const state = stateOf(it.id);
        if (state === 'menu') return null;
        return (
          <div key={it.id} className="app-header-item" data-item={`${it.id}:${state}`}>
            {it.render(state)}
          </div>
        );
      });
  const inMenu = all.filter((it) => stateOf(it.id) === 'menu' && it.menu !== undefined);
  const brandState = stateOf('brand');
  const userState = stateOf('user');
  return (
    <header className="app-header">
      <div className="app-header-row" ref={row}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Link
          href="/"
          className="brand"
          aria-label={t('app.backToList')}
          data-item={`brand:${brandState}`}
        >
          <BrandMark />
          {brandState === 'full' && <span className="brand-name">{t('app.name')}</span>}
        </Link>
        <div className="app-header-main">{children}</div>
        <div className="app-header-status">{inline('status')}</div>
        <div className="app-header-spacer" />
        <div className="app-header-actions">
          {inline('actions')}
          {inMenu.length > 0 && (
            // Not modal: an item may open a dialog, which then owns focus and pointer.
            <DropdownMenu.Root modal={false}>
              <DropdownMenu.Trigger asChild>
                <button
                  type="button"
                  className="btn btn-ghost btn-icon"
                  aria-label={t('header.more')}
                  title={t('header.more')}
                  data-testid="header-more"
                >
                  <MoreHorizontal aria-hidden />
                </button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content
                  className="menu-content header-menu"
                  align="end"
                  sideOffset={6}
                  collisionPadding={8}
                  data-testid="header-menu"
                >
                  {inMenu.map((it, i) => (
                    <Fragment key={it.id}>
                      {i > 0 && <DropdownMenu.Separator className="menu-separator" />}
                      {it.menu}
                    </Fragment>
                  ))}
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          )}
          <NotificationsBell />
          <div className="app-header-item" data-item={`user:${userState}`}>
            <UserMenu compact={userState !== 'full'} />
          </div>
        </div>
      </div>
    </header>
  );
}
