// Aircare service worker (hand-written): the technician app opens without signal.
// - install: precache the app shell — the page ("/", the same for every route of the single-page app), the assets it
//   names, and every chunk those name (the pages load lazily; a visit must open offline too), the manifest, icons;
// - /assets/* (hashed names, never change): cache first;
// - navigations: network first, the cached shell when there is no signal; a new build's shell re-precaches its
//   assets and drops the old build's;
// - /api/* is never cached (personal data, always fresh; the app keeps its own offline copy in IndexedDB);
// - versioned cache names: caches of another version are deleted on activate.
/* eslint-env serviceworker */

const VERSION = 'v1';
const SHELL = `aircare-shell-${VERSION}`;
const ASSETS = `aircare-assets-${VERSION}`;
const STATIC = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/apple-touch-icon.png'];
const ASSET_RE = /\/?assets\/[A-Za-z0-9_.-]+\.(?:js|css|woff2?|ttf|png|svg|jpg|webp)/g;
const MAX_ASSETS = 400;

function assetUrlsIn(text) {
  const found = new Set();
  for (const m of text.matchAll(ASSET_RE)) found.add(m[0].startsWith('/') ? m[0] : `/${m[0]}`);
  return [...found];
}

/** The shell's assets and, transitively, every chunk named by a script or stylesheet among them. */
async function crawl(html) {
  const seen = new Set();
  const queue = assetUrlsIn(html);
  const cache = await caches.open(ASSETS);
  while (queue.length > 0 && seen.size < MAX_ASSETS) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    let res = await cache.match(url);
    if (!res) {
      res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) continue;
      await cache.put(url, res.clone());
    }
    if (/\.(js|css)$/.test(url))
      for (const next of assetUrlsIn(await res.text())) if (!seen.has(next)) queue.push(next);
  }
  return seen;
}

/** Precaches the shell of the page `html` (the current build) and forgets assets of older builds. */
async function precache(html) {
  const keep = await crawl(html);
  const cache = await caches.open(ASSETS);
  for (const req of await cache.keys()) {
    if (!keep.has(new URL(req.url).pathname)) await cache.delete(req);
  }
}

async function fetchShell() {
  const res = await fetch('/', { cache: 'no-cache', credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!res.ok) throw new Error(`shell ${res.status}`);
  return res;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetchShell();
      const shell = await caches.open(SHELL);
      await shell.put('/', res.clone());
      await shell.addAll(STATIC);
      await precache(await res.text());
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('aircare-') && name !== SHELL && name !== ASSETS) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** Network first for pages; the cached shell without signal. A new build's page re-precaches its assets. */
async function navigate(event) {
  const shell = await caches.open(SHELL);
  try {
    const res = await fetch(event.request);
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
      const html = await res.clone().text();
      const before = await shell.match('/');
      const old = before ? await before.text() : '';
      await shell.put('/', res.clone());
      if (old !== html) event.waitUntil(precache(html).catch(() => undefined));
    }
    return res;
  } catch (err) {
    const cached = await shell.match('/');
    if (cached) return cached;
    throw err;
  }
}

/** Cache first (hashed file names never change); fetched once, then kept. */
async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(request, res.clone());
  }
  return res;
}

/** The network when there is signal (the newest manifest and icons), the cached copy otherwise. */
async function networkFirst(request) {
  try {
    const res = await fetch(request);
    if (res.ok) {
      const cache = await caches.open(SHELL);
      await cache.put(request, res.clone());
    }
    return res;
  } catch (err) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request, ASSETS));
    return;
  }
  if (STATIC.includes(url.pathname)) event.respondWith(networkFirst(request));
});
