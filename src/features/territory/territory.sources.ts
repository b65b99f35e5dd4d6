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

/** One CSV line into cells; fields may be double-quoted (a name holding a comma, "" for a quote). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** The département of an INSEE commune code: three characters overseas (971…), two elsewhere (2A…). */
function departementOfCode(code: string): string {
  return code.startsWith("97") ? code.slice(0, 3) : code.slice(0, 2);
}

function isCoordinate(latitude: number, longitude: number): boolean {
  return Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
}

/** Parses `code_insee,nom,departement,latitude,longitude` rows, keeping one département. */
export function parseCentresCsv(text: string, departement: string): Map<string, Point> {
  const centres = new Map<string, Point>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "");
  const col = (name: string) => header.indexOf(name);
  const [iCode, iDep, iLat, iLon] = [col("code_insee"), col("departement"), col("latitude"), col("longitude")];
  if (iCode < 0 || iLat < 0 || iLon < 0) throw new Error("centres file: expected columns code_insee, latitude, longitude");
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const cells = splitCsvLine(line);
    const code = cells[iCode] ?? "";
    if (code === "") continue;
    const dep = iDep >= 0 ? cells[iDep] : departementOfCode(code);
    if (dep !== departement) continue;
    const latitude = cells[iLat] ? Number(cells[iLat]) : Number.NaN;
    const longitude = cells[iLon] ? Number(cells[iLon]) : Number.NaN;
    if (isCoordinate(latitude, longitude)) centres.set(code, { latitude, longitude });
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
      let communes: unknown;
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(`answered ${response.status}`);
        communes = await response.json();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : message;
        throw new Error(`geographic API ${url}: ${reason}`, { cause: error });
      }
      if (!Array.isArray(communes)) throw new Error(`geographic API ${url}: unexpected answer (not a list of communes)`);
      const centres = new Map<string, Point>();
      const boundaries = new Map<string, Geometry>();
      for (const c of communes as (ApiCommune | null)[]) {
        if (!c || typeof c.code !== "string") continue;
        const coords = c.centre?.coordinates;
        if (Array.isArray(coords) && isCoordinate(coords[1], coords[0])) {
          centres.set(c.code, { longitude: coords[0], latitude: coords[1] });
        }
        if (c.contour?.type === "Polygon" || c.contour?.type === "MultiPolygon") boundaries.set(c.code, c.contour);
      }
      return { centres, boundaries, source: "api" };
    },
  };
}
