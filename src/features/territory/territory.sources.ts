// Where commune centres and boundaries come from: the official geographic API (production),
// or files given by path (the bundled fixtures for tests and the offline demo).
import { readFile } from "node:fs/promises";
import type { Point } from "./territory.ts";

export type Geometry = { type: "Polygon" | "MultiPolygon"; coordinates: unknown };

export interface CommuneGeodata {
  /** Centres by INSEE code. May hold former codes (merged communes) when the source is older. */
  centres: Map<string, Point>;
  boundaries: Map<string, Geometry>;
  source: "file" | "api";
}

export interface TerritorySource {
  describe(): string;
  load(departement: string): Promise<CommuneGeodata>;
}

/** Parses `code_insee,nom,departement,latitude,longitude` rows, keeping one département. */
export function parseCentresCsv(text: string, departement: string): Map<string, Point> {
  const centres = new Map<string, Point>();
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [iCode, iDep, iLat, iLon] = [col("code_insee"), col("departement"), col("latitude"), col("longitude")];
  if (iCode < 0 || iLat < 0 || iLon < 0) throw new Error("centres file: expected columns code_insee, latitude, longitude");
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cells = line.split(",");
    const code = cells[iCode] ?? "";
    const dep = iDep >= 0 ? cells[iDep] : code.slice(0, 2);
    if (dep !== departement) continue;
    const latitude = Number(cells[iLat]);
    const longitude = Number(cells[iLon]);
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) centres.set(code, { latitude, longitude });
  }
  return centres;
}

/** Reads a GeoJSON FeatureCollection whose features carry `code` (INSEE) in their properties. */
export function parseBoundaries(geojson: unknown, departement: string): Map<string, Geometry> {
  const boundaries = new Map<string, Geometry>();
  const features = (geojson as { features?: unknown[] }).features ?? [];
  for (const feature of features as { properties?: { code?: string }; geometry?: Geometry }[]) {
    const code = feature.properties?.code;
    const geometry = feature.geometry;
    if (!code || !geometry || !code.startsWith(departement)) continue;
    if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") boundaries.set(code, geometry);
  }
  return boundaries;
}

export function fileTerritorySource(centresFile: string, boundariesFile: string | null): TerritorySource {
  return {
    describe: () => `files (${centresFile}${boundariesFile ? `, ${boundariesFile}` : ""})`,
    async load(departement) {
      const centres = parseCentresCsv(await readFile(centresFile, "utf8"), departement);
      const boundaries = boundariesFile
        ? parseBoundaries(JSON.parse(await readFile(boundariesFile, "utf8")), departement)
        : new Map<string, Geometry>();
      return { centres, boundaries, source: "file" };
    },
  };
}

interface ApiCommune {
  code: string;
  centre?: { type: "Point"; coordinates: [number, number] };
  contour?: Geometry;
}

/** The official geographic API: GET /departements/{code}/communes?fields=code,centre,contour. */
export function geoApiTerritorySource(baseUrl: string, timeoutMs: number, fetchImpl: typeof fetch = fetch): TerritorySource {
  return {
    describe: () => `API ${baseUrl}`,
    async load(departement) {
      const url = `${baseUrl}/departements/${encodeURIComponent(departement)}/communes?fields=code,centre,contour&format=json`;
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`geographic API answered ${response.status} for ${url}`);
      const communes = (await response.json()) as ApiCommune[];
      if (!Array.isArray(communes)) throw new Error(`geographic API: unexpected answer for ${url}`);
      const centres = new Map<string, Point>();
      const boundaries = new Map<string, Geometry>();
      for (const c of communes) {
        const coords = c.centre?.coordinates;
        if (coords && Number.isFinite(coords[0]) && Number.isFinite(coords[1])) {
          centres.set(c.code, { longitude: coords[0], latitude: coords[1] });
        }
        if (c.contour) boundaries.set(c.code, c.contour);
      }
      return { centres, boundaries, source: "api" };
    },
  };
}
