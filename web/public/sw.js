/* global self, caches, fetch, URL, Response */
/*
 * Keel's technician app service worker (scope /tech). Hand-written, no build step.
 *
 * - App shell: navigations are network-first and fall back to the cached shell, so the app
 *   opens without a network; built assets (/assets/*, content-hashed), the web manifest and
 *   its icons are cache-first.
 * - Today's jobs: GETs of the technician's own data (/api/v1/technicians/me*, work orders,
 *   asset history, parts catalogue) are network-first with the last good answer as fallback.
 * - Writes are never handled here: the app's IndexedDB outbox owns them (idempotency keys,
 *   refusals shown to the technician).
 */
const VERSION = 'keel-tech-v2';
const SHELL = `${VERSION}-shell`;
const DATA = `${VERSION}-data`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(['/tech', '/tech.webmanifest', '/icons/keel-tech-192.png', '/icons/keel-tech-512.png'])).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => !key.startsWith(VERSION)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

const CACHED_API = [/^\/api\/v1\/technicians\/me(\/jobs)?$/, /^\/api\/v1\/work-orders\/\d+$/, /^\/api\/v1\/assets\/[^/]+\/history$/, /^\/api\/v1\/inventory\/items$/];

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(SHELL).then((cache) => cache.put('/tech', copy));
          return response;
        })
        .catch(() => caches.match('/tech', { cacheName: SHELL }).then((cached) => cached ?? Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || url.pathname === '/tech.webmanifest') {
    event.respondWith(
      caches.match(request, { cacheName: SHELL }).then((cached) =>
        cached ??
        fetch(request).then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(SHELL).then((cache) => cache.put(request, copy));
          return response;
        }),
      ),
    );
    return;
  }

  if (CACHED_API.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(DATA).then((cache) => cache.put(request.url, copy));
          return response;
        })
        .catch(() => caches.match(request.url, { cacheName: DATA }).then((cached) => cached ?? Response.error())),
    );
  }
});
