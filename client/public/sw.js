/*
 * Susun's service worker: keeps the app shell so an SOP opened before can be
 * reopened without a network (its content then comes from IndexedDB).
 * - navigations: network first, cached index.html when offline;
 * - /assets/* (content-hashed): cache first;
 * - /api and /collab: never touched.
 */
const CACHE = 'susun-shell-v1';

/** Caches index.html and the assets it references (entry script, styles, preloads). */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch('/index.html', { cache: 'no-cache' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/index.html', res);
  const assets = [...new Set(html.match(/\/assets\/[^"'\s)]+/g) || [])];
  await Promise.all(assets.map((u) => cache.add(u).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precacheShell().catch(() => undefined));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'precache' && Array.isArray(data.urls)) {
    event.waitUntil(
      caches
        .open(CACHE)
        .then((c) => Promise.all(data.urls.map((u) => c.add(u).catch(() => undefined)))),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab')) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put('/index.html', copy));
          }
          return res;
        })
        .catch(() => caches.match('/index.html').then((r) => r || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              void caches.open(CACHE).then((c) => c.put(req, copy));
            }
            return res;
          }),
      ),
    );
  }
});
