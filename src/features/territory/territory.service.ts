// Synchronises the configured département's communes and EPCIs, and reports what is degraded.
import type { Db } from "../../db/schema.ts";
import { getSetting, putSetting } from "../../db/settings.repository.ts";
import { forgetSearchableCommunes } from "./commune-search.service.ts";
import { loadOfficialGeography } from "./official-geography.ts";
import { buildTerritory, type TerritoryBuild } from "./territory.build.ts";
import { listStoredPositions, upsertCommunes, upsertEpcis } from "./territory.repository.ts";
import type { CommuneGeodata, TerritorySource } from "./territory.sources.ts";

export interface TerritoryStatus {
  departement: string;
  syncedAt: string;
  source: string;
  sourceError: string | null;
  communes: number;
  epcis: number;
  withoutCentre: { code: string; name: string }[];
  fromFormerCodes: number;
  withoutBoundary: number;
  /** Communes whose position and boundary were kept from the previous sync because the source failed. */
  keptFromPreviousSync?: number;
}

export const TERRITORY_STATUS_KEY = "territory";

export async function syncTerritory(db: Db, departement: string, source: TerritorySource, now: Date): Promise<TerritoryStatus> {
  const official = await loadOfficialGeography(departement);
  let geodata: CommuneGeodata;
  let sourceError: string | null = null;
  try {
    geodata = await source.load(departement);
  } catch (error) {
    // Without centres the product still runs: communes are kept and flagged, distances are unavailable.
    sourceError = error instanceof Error ? error.message : String(error);
    geodata = { centres: new Map(), boundaries: new Map(), source: "file" };
  }
  const build = buildTerritory(official, geodata, departement, now);
  const keptFromPreviousSync = sourceError ? await keepStoredPositions(db, departement, build) : 0;
  const status: TerritoryStatus = {
    departement,
    syncedAt: now.toISOString(),
    source: source.describe(),
    sourceError,
    communes: build.communes.length,
    epcis: build.epcis.length,
    withoutCentre: build.withoutCentre,
    fromFormerCodes: build.fromFormerCodes.length,
    withoutBoundary: build.withoutBoundary,
    ...(keptFromPreviousSync > 0 ? { keptFromPreviousSync } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await upsertEpcis(trx, build.epcis);
    await upsertCommunes(trx, build.communes);
    await putSetting(trx, TERRITORY_STATUS_KEY, status, now);
  });
  forgetSearchableCommunes(db);
  return status;
}

/**
 * A failed source must not erase what an earlier sync stored: communes already placed keep their centre and
 * boundary. Returns how many communes kept something, and updates the build's counts.
 */
async function keepStoredPositions(db: Db, departement: string, build: TerritoryBuild): Promise<number> {
  const stored = await listStoredPositions(db, departement);
  const byCode = new Map(stored.map((row) => [row.code, row]));
  let kept = 0;
  for (const commune of build.communes) {
    const previous = byCode.get(commune.code);
    if (!previous) continue;
    kept++;
    commune.latitude = previous.latitude;
    commune.longitude = previous.longitude;
    commune.centre_source = previous.centre_source;
    commune.boundary = previous.boundary === null ? null : JSON.stringify(previous.boundary);
  }
  build.withoutCentre = build.withoutCentre.filter((c) => byCode.get(c.code)?.latitude == null);
  build.withoutBoundary = build.communes.filter((c) => c.boundary === null).length;
  return kept;
}

export async function getTerritoryStatus(db: Db): Promise<TerritoryStatus | undefined> {
  return getSetting<TerritoryStatus>(db, TERRITORY_STATUS_KEY);
}

/** Plain-French sentences about what does not work fully, for admins and the health check. */
export function describeDegradation(status: TerritoryStatus | undefined): string[] {
  if (!status) return ["Le territoire n'a pas encore été chargé : lancez « npm run cli -- territory sync »."];
  const notes: string[] = [];
  if (status.sourceError) {
    const kept = status.keptFromPreviousSync
      ? ` Celles de ${status.keptFromPreviousSync} commune(s) ont été conservées depuis le chargement précédent.`
      : "";
    notes.push(`Les positions des communes n'ont pas pu être chargées (${status.sourceError}).${kept}`);
  }
  if (status.withoutCentre.length > 0) {
    notes.push(
      `${status.withoutCentre.length} commune(s) sans position connue : les distances et la carte ne les couvrent pas (${status.withoutCentre
        .slice(0, 5)
        .map((c) => c.name)
        .join(", ")}${status.withoutCentre.length > 5 ? "…" : ""}).`,
    );
  }
  if (status.withoutBoundary === status.communes && status.communes > 0) {
    notes.push("Les contours des communes ne sont pas chargés : la carte montre des points au lieu des contours.");
  }
  return notes;
}
