// Service worker of the report pages (served as /activites/service-worker.js, scope /activites/): keeps a
// copy of the blank report forms, made without any named person, and of the files they use, so that
// /activites/nouveau opens on a phone without network. Reports typed offline are kept by the page
// (offline-report.js), encrypted, never by this worker.
const CACHE = "declic-activites-v1";
const FORM = "/activites/nouveau";
const OFFLINE_PAGES = { individuel: `${FORM}?hors-ligne=1`, collectif: `${FORM}?type=collectif&hors-ligne=1` };
const HASHED = /\.[0-9a-f]{10}\.[a-z]+$/;
const ASSET_IN_PAGE = /(?:href|src)="(\/static\/[^"]+|\/theme\.css)"/g;

/** Fetches the offline copies of the form (only while signed in: a redirect to sign-in is not kept) and their files. */
async function refreshCopies() {
  const cache = await caches.open(CACHE);
  for (const url of Object.values(OFFLINE_PAGES)) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok || response.redirected) continue;
    const html = await response.clone().text();
    await cache.put(url, response);
    const assets = [...new Set([...html.matchAll(ASSET_IN_PAGE)].map((m) => m[1]))];
    for (const asset of assets) {
      if (!(await cache.match(asset))) await cache.add(asset);
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(refreshCopies().catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page asks for fresh copies each time it opens with network (places and usual choices change),
// and for the copies to go when the person signs out.
self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const done = (ok) => port?.postMessage({ ok });
  if (event.data?.type === "refresh") event.waitUntil(refreshCopies().then(() => done(true), () => done(false)));
  if (event.data?.type === "clear") event.waitUntil(caches.delete(CACHE).then(() => done(true)));
});

async function offlineForm(url) {
  const cache = await caches.open(CACHE);
  const type = url.searchParams.get("type") === "collectif" ? "collectif" : "individuel";
  const copy = (await cache.match(OFFLINE_PAGES[type])) ?? (await cache.match(OFFLINE_PAGES.individuel));
  if (copy) return copy;
  const message =
    "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>Hors connexion</title><h1>Hors connexion</h1><p>Ce formulaire n'a pas encore été gardé sur ce téléphone : " +
    "ouvrez-le une fois avec du réseau pour pouvoir l'utiliser sans réseau.</p></html>";
  return new Response(message, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === FORM) {
    event.respondWith(fetch(request).catch(() => offlineForm(url)));
    return;
  }
  if (url.pathname.startsWith("/static/") || url.pathname === "/theme.css") {
    // Hashed files never change: the copy first. The others (the brand colour): the network first.
    const cached = () => caches.match(request, { ignoreVary: true, ignoreSearch: true });
    const immutable = HASHED.test(url.pathname);
    event.respondWith(
      immutable
        ? cached().then((copy) => copy ?? fetch(request))
        : fetch(request).catch(() => cached().then((copy) => copy ?? Response.error())),
    );
  }
});
