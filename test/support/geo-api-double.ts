// Test double of the official geographic API (geo.api.gouv.fr), for tests only: a real HTTP server on
// 127.0.0.1 that answers GET /departements/{code}/communes?fields=…&format=json from the bundled fixtures,
// returning only the requested fields, like the real API. It records every requested URL and can be told
// to fail (HTTP 500) or to hang.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { FIXTURES } from "./templates.ts";

export type GeoApiMode = "ok" | "error" | "hang";

export interface GeoApiDouble {
  baseUrl: string;
  /** Path and query of each request, in order. */
  requests: { url: string; accept: string | undefined }[];
  mode: GeoApiMode;
  close(): Promise<void>;
}

interface ApiCommune {
  code: string;
  nom: string;
  centre?: { type: "Point"; coordinates: [number, number] };
  contour?: unknown;
}

const require = createRequire(import.meta.url);

/**
 * The API's answer for every département, built from the 2018 centres and the boundaries of Lot-et-Garonne.
 * Like the real API it lists current communes only: codes that disappeared in a merger since 2018 are left out.
 */
function loadFixtureCommunes(): Map<string, ApiCommune[]> {
  const official = JSON.parse(readFileSync(require.resolve("@etalab/decoupage-administratif/data/communes.json"), "utf8")) as {
    code: string;
    type: string;
  }[];
  const current = new Set(official.filter((c) => c.type === "commune-actuelle").map((c) => c.code));
  const contours = new Map<string, unknown>();
  const geojson = JSON.parse(readFileSync(join(FIXTURES, "communes-47.geojson"), "utf8")) as {
    features: { properties: { code: string }; geometry: unknown }[];
  };
  for (const f of geojson.features) contours.set(f.properties.code, f.geometry);
  const byDepartement = new Map<string, ApiCommune[]>();
  const lines = readFileSync(join(FIXTURES, "communes-centres-2018.csv"), "utf8").split("\n").slice(1);
  for (const line of lines) {
    const [code, nom, dep, lat, lon] = line.split(",");
    if (!code || !nom || !dep || !current.has(code)) continue;
    const list = byDepartement.get(dep) ?? [];
    const contour = contours.get(code);
    list.push({ code, nom, centre: { type: "Point", coordinates: [Number(lon), Number(lat)] }, ...(contour ? { contour } : {}) });
    byDepartement.set(dep, list);
  }
  return byDepartement;
}

export async function startGeoApiDouble(): Promise<GeoApiDouble> {
  const communes = loadFixtureCommunes();
  const requests: GeoApiDouble["requests"] = [];
  const double: GeoApiDouble = { baseUrl: "", requests, mode: "ok", close: async () => {} };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ url: req.url ?? "", accept: req.headers.accept });
    if (double.mode === "hang") return; // never answers; closed with the server
    if (double.mode === "error") {
      res.writeHead(500, { "content-type": "application/json" }).end('{"code":500,"message":"Internal Server Error"}');
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/departements\/([^/]+)\/communes$/.exec(url.pathname);
    const list = match && req.method === "GET" ? communes.get(decodeURIComponent(match[1] ?? "")) : undefined;
    if (!list) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"code":404,"message":"Département non trouvé"}');
      return;
    }
    const fields = (url.searchParams.get("fields") ?? "nom,code").split(",");
    const answer = list.map((c) => Object.fromEntries(Object.entries(c).filter(([key]) => fields.includes(key))));
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(answer));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  double.baseUrl = `http://127.0.0.1:${port}`;
  double.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return double;
}
