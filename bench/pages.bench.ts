// Public pages on the wire: for each public page of the demo, the bytes of a first load (the HTML, the
// stylesheet, icon and scripts it names, and the map's stylesheet that map.js adds), uncompressed, gzip
// and brotli, measured side by side in one run. Figures are printed, never asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { buildApp } from "../src/app.ts";
import { openRuntime } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import { table } from "./lib/format.ts";
import { onCleanup, type Suite, type SuiteContext } from "./lib/suite.ts";

type App = Awaited<ReturnType<typeof buildApp>>;
const ENCODINGS = ["identity", "gzip", "br"] as const;
type Encoding = (typeof ENCODINGS)[number];
/** The budget of issue 12: every public page, first load, compressed, JS on. */
const BUDGET_KB = 60;

async function bytes(app: App, url: string, encoding: Encoding): Promise<number> {
  const response = await app.inject({ url, headers: { "accept-encoding": encoding } });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  return response.rawPayload.length;
}

function assetsOf(html: string): string[] {
  const named = [...html.matchAll(/<(?:link|script)[^>]+(?:href|src)="(\/(?:static\/[^"]+|theme\.css))"/g)].map((m) => m[1] ?? "");
  // map.js adds the map library's stylesheet itself when the map is shown.
  if (named.some((url) => /\/static\/map\.[0-9a-f]+\.js$/.test(url))) named.push("/static/vendor/leaflet/leaflet.css");
  return named;
}

async function publicPages(app: App): Promise<[string, string][]> {
  const api = await app.inject({ url: "/api/v1/lieux?commune=47001&rayon=20" });
  const places = (api.json() as { lieux?: { slug?: string }[] }).lieux ?? [];
  const slug = places.find((p) => p.slug)?.slug;
  const workshops = await app.inject({ url: "/ateliers" });
  const workshop = workshops.body.match(/href="(\/ateliers\/[0-9a-f-]{36})"/)?.[1];
  return [
    ["home", "/"],
    ["search form", "/trouver-de-l-aide"],
    ["results Agen 20 km (map)", "/trouver-de-l-aide?commune=47001&rayon=20"],
    ...(slug ? ([["place page", `/lieux/${slug}`]] as [string, string][]) : []),
    ["workshops", "/ateliers"],
    ...(workshop ? ([["a workshop", workshop]] as [string, string][]) : []),
    ["public figures", "/chiffres"],
    ["open data", "/donnees"],
    ["sign-in", "/connexion"],
  ];
}

export async function runPages(context: SuiteContext): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "declic-bench-pages-"));
  const removeDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const parsed = loadConfig({ DATA_DIR: dataDir, DEMO: "true", LOG_LEVEL: "silent", GEOCODER_URL: "off" });
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  const config = parsed.config;
  const runtime = await openRuntime(config, "npm run bench -- pages", pino({ level: "silent" }));
  const app = await buildApp({
    config,
    db: runtime.handle.db,
    dbKind: runtime.handle.kind,
    sessionSecret: runtime.sessionSecret,
    demo: runtime.demo,
    mailTransport: "database",
  });
  const rows: { page: string; url: string; requests: number; kb: Record<Encoding, number> }[] = [];
  try {
    for (const [page, url] of await publicPages(app)) {
      const html = (await app.inject({ url })).body;
      const urls = [url, ...assetsOf(html)];
      const kb = { identity: 0, gzip: 0, br: 0 };
      for (const encoding of ENCODINGS) {
        for (const u of urls) kb[encoding] += (await bytes(app, u, encoding)) / 1024;
      }
      rows.push({ page, url, requests: urls.length, kb });
    }
  } finally {
    await app.close();
    await runtime.handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    removeDir();
  }
  const kb = (n: number) => n.toFixed(1);
  console.log("\n### Public pages, first load (HTML + the assets it names), demo data\n");
  console.log(
    table(
      ["page", "requests", "raw KB", "gzip KB", "brotli KB", "brotli ÷ raw", `≤ ${BUDGET_KB} KB`],
      rows.map((r) => [
        r.page,
        String(r.requests),
        kb(r.kb.identity),
        kb(r.kb.gzip),
        kb(r.kb.br),
        (r.kb.br / r.kb.identity).toFixed(2),
        r.kb.br <= BUDGET_KB ? "yes" : "NO",
      ]),
    ),
  );
  mkdirSync(context.resultsDir, { recursive: true });
  const file = join(context.resultsDir, `pages-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), budgetKb: BUDGET_KB, rows }, null, 2)}\n`);
  console.log(`\nJSON: ${file}`);
  return file;
}

export const pagesSuite: Suite = {
  name: "pages",
  description: "bytes of each public page's first load, uncompressed / gzip / brotli, on the demo",
  run: (context) => runPages(context),
};
