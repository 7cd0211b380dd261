// My Journey's service worker: keeps the app's own files (the page, its script, its
// WebAssembly, its styles and icons) so the young person's app opens with no signal.
// The staff app (/staff/) is left alone: it always comes from the network.
// It never keeps answers from /api/ (a young person's words, sent "no-store") or cookies.
//
// A new build is picked up the next time the app opens with a signal: the page is always
// asked for first, and the files it names are kept; files of older builds are dropped.
// Drafts and things waiting to send live in the page's own storage, so a new build
// never touches them.
//
// It also sends a safety flag or a check-in made with no signal while the app is closed,
// through Background Sync where the browser has it: the page keeps a copy of each in Cache
// Storage (OUTBOX, at /outbox/kept/{client id}; a service worker cannot read localStorage)
// and asks for a sync; the browser wakes this worker when the phone can reach the server.
// Each is POSTed with the session cookie, safety flags first. Once the server has it (2xx)
// a note goes to /outbox/sent/{client id}, so the app can say "it has gone", and only then
// is the copy removed. The server records each client id once, so if the app sends it
// too, nothing is doubled. Anything else (no signal, a 5xx) is kept and tried again later;
// a refusal (signed out, 4xx) is left for the app, which explains it.
"use strict";

const CACHE = "my-journey-app";
const OUTBOX = "my-journey-outbox";
const KEPT = "/outbox/kept/";
const SENT = "/outbox/sent/";
const SYNC_TAG = "journey-outbox";
// Files whose names Trunk gives a content hash (8 to 16 hex digits: Trunk drops leading
// zeros): the same name always means the same file.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|svg|png|json)$/;
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
  // Files only (a name with an extension): the first screen's links to other screens
  // (/help, /settings) are the same page, kept as "/".
  for (const found of html.matchAll(/(?:href|src)="(\/[^"?#]*\.[A-Za-z0-9]+)"/g)) wanted.add(found[1]);
  // Trunk's start-up script names its JavaScript and WebAssembly in single quotes.
  for (const found of html.matchAll(/'(\/[^'?#]+\.(?:js|wasm))'/g)) wanted.add(found[1]);
  // The screens fetched only when opened (the app is split by `cargo xtask`): the page
  // lists their files, so every screen opens with no signal once the app has been kept.
  const later = html.match(/<script type="application\/json" id="later">([^<]*)<\/script>/);
  if (later) for (const path of JSON.parse(later[1])) wanted.add(path);
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
    url.pathname.startsWith("/api/") ||
    url.pathname === "/staff" ||
    url.pathname.startsWith("/staff/")
  ) {
    return; // straight to the network, never kept (the staff app needs a signal)
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
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((kept) => kept || fetch(request)),
  );
});

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(sendKept());
});

const json = (value) =>
  new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } });

// Sends every kept copy of whoever is signed in. Rejects while something could not be sent
// for want of a signal (or the server had a problem), so the browser tries again later.
async function sendKept() {
  const cache = await caches.open(OUTBOX);
  const found = [];
  for (const request of await cache.keys()) {
    if (!new URL(request.url).pathname.startsWith(KEPT)) continue;
    const response = await cache.match(request);
    const item = response && (await response.json().catch(() => null));
    if (item) found.push({ request, item });
  }
  if (found.length === 0) return;
  // Only the person signed in now: another's would be refused anyway.
  const me = await fetch("/api/v1/me", {
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (me.status >= 500) throw new Error("the server could not say who is signed in");
  if (!me.ok) return; // signed out: the app sends it once they sign in again
  const { username } = await me.json();
  const first = (entry) => (entry.item.kind === "safety_flag" ? 0 : 1);
  found.sort((a, b) => first(a) - first(b) || a.item.queued_at - b.item.queued_at);
  let tryAgain = false;
  for (const { request, item } of found) {
    if (item.username !== username) continue;
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(item.body),
      });
    } catch {
      tryAgain = true;
      break; // no signal
    }
    if (response.ok) {
      // The note first: if this worker stops between the two, the app still hears of it.
      await cache.put(SENT + encodeURIComponent(item.client_id), json({
        client_id: item.client_id,
        username: item.username,
        kind: item.kind,
        sent_at: Date.now(),
      }));
      await cache.delete(request);
      for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
        client.postMessage({ type: "outbox-sent", client_id: item.client_id });
      }
    } else if (response.status >= 500 || response.status === 429) {
      tryAgain = true;
    }
  }
  if (tryAgain) throw new Error("not everything could be sent yet");
}
