// The studio's service worker: after the first visit the app shell, the built assets (JS, CSS, wasm) and the
// bundled samples come from a cache, so the studio opens and trains with the network off. scripts/vite-precache.ts
// transpiles this file into dist/sw.js and defines PRECACHE before it; `npm start` (vite dev) never registers it.
//
// Cache-first for precached same-origin GETs, the network for everything else; nothing cross-origin and no
// other method is ever cached or even answered here. Cached Responses keep their headers (CSP, COOP, COEP), so a
// page served from the cache is still cross-origin isolated. The worker neither skips waiting nor claims open
// pages: a tab keeps the build it started with until every tab of the old build is closed.

/** Defined by the build: this build's cache, the prefix every build's cache name starts with, the URLs (relative to the scope) it holds. */
declare const PRECACHE: { cacheName: string; prefix: string; urls: readonly string[] };

const sw = self as unknown as ServiceWorkerGlobalScope;
const scope = new URL(sw.registration.scope);
/** The app shell: index.html is cached under the scope URL itself, which is what a navigation asks for. */
const shell = scope.href;
const precached = new Set(PRECACHE.urls.map((u) => new URL(u, scope).href));

sw.addEventListener('install', (event) => {
  // `cache: 'reload'` skips the HTTP cache, so a new build's cache never holds an older build's files.
  event.waitUntil(caches.open(PRECACHE.cacheName).then((cache) => cache.addAll([...precached].map((url) => new Request(url, { cache: 'reload' })))));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith(PRECACHE.prefix) && n !== PRECACHE.cacheName).map((n) => caches.delete(n)))),
  );
});

/** The cache key that answers `request`, or null to leave it to the network. */
function cacheKey(request: Request): string | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return null;
  // Any navigation to the studio (whatever its query: ?view=train&…) gets the app shell.
  if (request.mode === 'navigate' && (url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`)) return shell;
  if (url.search) return null;
  return precached.has(url.href) ? url.href : null;
}

sw.addEventListener('fetch', (event) => {
  const key = cacheKey(event.request);
  if (key === null) return;
  event.respondWith(
    caches
      .open(PRECACHE.cacheName)
      .then((cache) => cache.match(key))
      .then((hit) => hit ?? fetch(event.request)),
  );
});
