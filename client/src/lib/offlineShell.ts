/**
 * Registers the service worker that keeps the app shell for offline reopening
 * (production builds only; the dev server serves modules it would not know).
 * What this page already loaded before the worker took control is handed to
 * it to cache, so the first visit is enough.
 */
/** How long after `load` the worker waits before registering. */
const SETTLE_MS = 2000;

export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // A while after `load`, once the page is idle: installing fetches every asset
  // again, which would compete with opening an SOP (its code, the socket, the
  // sync, the first rows), and the main thread is idle in the gaps between those.
  const settled = (run: () => void) =>
    setTimeout(
      () =>
        typeof requestIdleCallback === 'function'
          ? requestIdleCallback(run, { timeout: 3000 })
          : run(),
      SETTLE_MS,
    );
  window.addEventListener('load', () =>
    settled(() => {
      navigator.serviceWorker
        .register('/sw.js')
        .then(() => navigator.serviceWorker.ready)
        .then((reg) => {
          const urls = performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name))
            .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
            .map((u) => u.pathname);
          reg.active?.postMessage({ type: 'precache', urls: ['/index.html', ...urls] });
        })
        .catch(() => {
          // No offline shell (e.g. insecure origin): the app still works online.
        });
    }),
  );
}
