import { USER_COLOURS } from '@shared/access/userColour';

/**
 * Per-browser preferences kept in localStorage: language, display zoom, the
 * user's display name and colour. Reads never throw (private mode, quota).
 */

const KEYS = {
  lang: 'susun.lang',
  zoom: 'susun.zoom',
  name: 'susun.userName',
  color: 'susun.userColor',
} as const;

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

/** Zoom steps offered by the zoom control (percent). */
export const ZOOM_STEPS = [100, 115, 130, 150, 175] as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Preferences are a convenience; losing them is acceptable.
  }
}

export function getLang(): Lang {
  const v = read(KEYS.lang);
  return v === 'en' ? 'en' : 'id';
}

export function setLang(lang: Lang): void {
  write(KEYS.lang, lang);
}

export function getZoom(): number {
  const v = Number(read(KEYS.zoom));
  return ZOOM_STEPS.includes(v as (typeof ZOOM_STEPS)[number]) ? v : 100;
}

const zoomListeners = new Set<() => void>();

/** Stores the zoom and applies it: every size is in rem, so scaling the root scales the UI. */
export function setZoom(percent: number): void {
  write(KEYS.zoom, String(percent));
  applyZoom(percent);
  for (const l of [...zoomListeners]) l();
}

/** Calls `listener` after each zoom change (for `useSyncExternalStore`). */
export function subscribeZoom(listener: () => void): () => void {
  zoomListeners.add(listener);
  return () => {
    zoomListeners.delete(listener);
  };
}

export function applyZoom(percent: number): void {
  document.documentElement.style.setProperty('--ui-zoom', String(percent / 100));
}

export function getUserName(): string | null {
  const v = read(KEYS.name)?.trim();
  return v ? v : null;
}

export function setUserName(name: string): void {
  write(KEYS.name, name.trim());
}

/** Distinct, high-contrast colours for presence (readable white text on each). */
export const USER_COLORS = USER_COLOURS;

export function getUserColor(): string {
  const v = read(KEYS.color);
  if (v && /^#[0-9a-f]{6}$/i.test(v)) return v;
  const color = USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)] ?? USER_COLORS[0];
  write(KEYS.color, color);
  return color;
}
