// Test double of the national address API: a real HTTP server on 127.0.0.1 answering GET /search/?q=…&citycode=…
// with a GeoJSON FeatureCollection. Known addresses are registered by the test; anything else gets no feature.
// It records the requested URLs and can be told to fail (HTTP 500) or to hang.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type AddressApiMode = "ok" | "error" | "hang";

export interface KnownAddress {
  citycode: string;
  /** Matched when the query contains this text, case-insensitively. */
  contains: string;
  latitude: number;
  longitude: number;
  score: number;
}

export interface AddressApiDouble {
  baseUrl: string;
  requests: string[];
  mode: AddressApiMode;
  known: KnownAddress[];
  close(): Promise<void>;
}

function answer(url: URL, known: KnownAddress[]): unknown {
  const q = (url.searchParams.get("q") ?? "").toLowerCase();
  const citycode = url.searchParams.get("citycode");
  const hit = known.find((k) => (!citycode || k.citycode === citycode) && q.includes(k.contains.toLowerCase()));
  const features = hit
    ? [
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [hit.longitude, hit.latitude] },
          properties: { label: q, score: hit.score, citycode: hit.citycode, type: "housenumber" },
        },
      ]
    : [];
  return { type: "FeatureCollection", version: "draft", features, query: q };
}

export async function startAddressApiDouble(): Promise<AddressApiDouble> {
  const double: AddressApiDouble = { baseUrl: "", requests: [], mode: "ok", known: [], close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    double.requests.push(req.url ?? "");
    if (double.mode === "hang") return;
    if (double.mode === "error") {
      res.writeHead(500, { "content-type": "application/json" }).end('{"code":500,"message":"Internal Server Error"}');
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" || url.pathname !== "/search/") {
      res.writeHead(404, { "content-type": "application/json" }).end('{"code":404,"message":"Not found"}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(answer(url, double.known)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  double.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return double;
}
