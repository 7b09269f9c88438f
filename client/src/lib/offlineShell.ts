/**
 * Registers the service worker that keeps the app shell for offline reopening
 * (production builds only; the dev server serves modules it would not know).
 * What this page already loaded before the worker took control is handed to
 * it to cache, so the first visit is enough.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
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
  });
}
