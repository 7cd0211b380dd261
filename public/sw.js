// My Journey's service worker: keeps the app's own files (the page, its script, its
// WebAssembly, its styles and icons) so the app opens with no signal.
// It never keeps answers from /api/ (a young person's words, sent "no-store") or cookies.
//
// A new build is picked up the next time the app opens with a signal: the page is always
// asked for first, and the files it names are kept; files of older builds are dropped.
// Drafts and things waiting to send live in the page's own storage, so a new build
// never touches them.
"use strict";

const CACHE = "my-journey-app";
// Files whose names Trunk gives a content hash: the same name always means the same file.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg|png)$/;
// The easier-to-read font: fetched only by someone who chooses it, then kept for them.
const FONT = /^\/fonts\/[\w.-]+\.woff2$/;
const ALWAYS = ["/manifest.webmanifest", "/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(refresh().catch(() => {}).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

// Keeps the page (from `page`, or asked for now) and every file it names, then drops
// whatever this build no longer uses.
async function refresh(page) {
  const index = page || (await fetch("/", { cache: "no-cache" }));
  if (!index.ok) return;
  const html = await index.clone().text();
  const wanted = new Set(ALWAYS);
  for (const found of html.matchAll(/(?:href|src)="(\/[^"?#]+)"/g)) wanted.add(found[1]);
  // Trunk's start-up script names its JavaScript and WebAssembly in single quotes.
  for (const found of html.matchAll(/'(\/[^'?#]+\.(?:js|wasm))'/g)) wanted.add(found[1]);
  wanted.delete("/");
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...wanted].map(async (path) => {
      if (HASHED.test(path) && (await cache.match(path))) return;
      const response = await fetch(path, { cache: "no-cache" });
      if (response.ok) await cache.put(path, response);
    }),
  );
  await cache.put("/", index);
  wanted.add("/");
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (!wanted.has(path) && !FONT.test(path)) await cache.delete(request);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (
    request.method !== "GET" ||
    url.origin !== self.location.origin ||
    url.pathname.startsWith("/api/")
  ) {
    return; // straight to the network, never kept
  }
  if (request.mode === "navigate") {
    // The newest page when there is a signal; the kept one when there isn't. Every
    // screen (/goals, /feedback…) is the same page.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const type = response.headers.get("content-type") || "";
          if (response.ok && type.startsWith("text/html")) {
            event.waitUntil(refresh(response.clone()).catch(() => {}));
          }
          return response;
        })
        .catch(async () => (await caches.match("/")) || Response.error()),
    );
    return;
  }
  if (FONT.test(url.pathname)) {
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then(async (response) => {
            if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
            return response;
          }),
      ),
    );
    return;
  }
  event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
});
