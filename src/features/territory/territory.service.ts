// Synchronises the configured département's communes and EPCIs, and reports what is degraded.
import type { Db } from "../../db/schema.ts";
import { getSetting, putSetting } from "../../db/settings.repository.ts";
import { loadOfficialGeography } from "./official-geography.ts";
import { buildTerritory } from "./territory.build.ts";
import { upsertCommunes, upsertEpcis } from "./territory.repository.ts";
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
  };
  await db.transaction().execute(async (trx) => {
    await upsertEpcis(trx, build.epcis);
    await upsertCommunes(trx, build.communes);
    await putSetting(trx, TERRITORY_STATUS_KEY, status, now);
  });
  return status;
}

export async function getTerritoryStatus(db: Db): Promise<TerritoryStatus | undefined> {
  return getSetting<TerritoryStatus>(db, TERRITORY_STATUS_KEY);
}

/** Plain-French sentences about what does not work fully, for admins and the health check. */
export function describeDegradation(status: TerritoryStatus | undefined): string[] {
  if (!status) return ["Le territoire n'a pas encore été chargé : lancez « npm run cli -- territory sync »."];
  const notes: string[] = [];
  if (status.sourceError) notes.push(`Les positions des communes n'ont pas pu être chargées (${status.sourceError}).`);
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
