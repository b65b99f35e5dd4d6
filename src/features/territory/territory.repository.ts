import { type Insertable, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { CommunesTable, EpcisTable } from "./territory.table.ts";

export interface CommuneMatch {
  code: string;
  name: string;
  search_name: string;
  postcodes: string[];
  population: number;
  epci_code: string | null;
  epci_name: string | null;
  latitude: number | null;
  longitude: number | null;
}

function searchableCommunes(db: DbOrTx, departement: string) {
  return db
    .selectFrom("communes")
    .leftJoin("epcis", "epcis.code", "communes.epci_code")
    .select([
      "communes.code",
      "communes.name",
      "communes.search_name",
      "communes.postcodes",
      "communes.population",
      "communes.epci_code",
      "epcis.name as epci_name",
      "communes.latitude",
      "communes.longitude",
    ])
    .where("communes.departement", "=", departement);
}

/** Every commune of the département with what a search shows of it: a few hundred rows, matched in memory. */
export async function listSearchableCommunes(db: DbOrTx, departement: string): Promise<CommuneMatch[]> {
  return searchableCommunes(db, departement).execute();
}

/** One commune of the département by its INSEE code, as a search shows it. */
export async function findSearchableCommune(db: DbOrTx, departement: string, code: string): Promise<CommuneMatch | undefined> {
  return searchableCommunes(db, departement).where("communes.code", "=", code).executeTakeFirst();
}

export async function findCommune(db: DbOrTx, code: string) {
  return db.selectFrom("communes").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function upsertEpcis(db: DbOrTx, epcis: Insertable<EpcisTable>[]): Promise<void> {
  if (epcis.length === 0) return;
  await db
    .insertInto("epcis")
    .values(epcis)
    .onConflict((oc) =>
      oc.column("code").doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        kind: eb.ref("excluded.kind"),
        population: eb.ref("excluded.population"),
      })),
    )
    .execute();
}

export async function upsertCommunes(db: DbOrTx, communes: Insertable<CommunesTable>[]): Promise<void> {
  for (let i = 0; i < communes.length; i += 200) {
    await db
      .insertInto("communes")
      .values(communes.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          search_name: eb.ref("excluded.search_name"),
          departement: eb.ref("excluded.departement"),
          postcodes: eb.ref("excluded.postcodes"),
          population: eb.ref("excluded.population"),
          epci_code: eb.ref("excluded.epci_code"),
          latitude: eb.ref("excluded.latitude"),
          longitude: eb.ref("excluded.longitude"),
          centre_source: eb.ref("excluded.centre_source"),
          boundary: eb.ref("excluded.boundary"),
          synced_at: eb.ref("excluded.synced_at"),
        })),
      )
      .execute();
  }
}

export async function listCommuneCentres(db: DbOrTx, departement: string) {
  return db
    .selectFrom("communes")
    .select(["code", "name", "population", "latitude", "longitude", "epci_code"])
    .where("departement", "=", departement)
    .orderBy("code")
    .execute();
}

export async function territorySummary(db: DbOrTx, departement: string) {
  return db
    .selectFrom("communes")
    .select([
      sql<number>`count(*)::int`.as("communes"),
      sql<number>`count(*) filter (where latitude is null)::int`.as("withoutCentre"),
      sql<number>`count(*) filter (where boundary is null)::int`.as("withoutBoundary"),
      sql<number>`coalesce(sum(population), 0)::int`.as("population"),
    ])
    .where("departement", "=", departement)
    .executeTakeFirstOrThrow();
}

/** Communes of the département that already have a centre or a boundary. */
export async function listStoredPositions(db: DbOrTx, departement: string) {
  return db
    .selectFrom("communes")
    .select(["code", "latitude", "longitude", "centre_source", "boundary"])
    .where("departement", "=", departement)
    .where((eb) => eb.or([eb("latitude", "is not", null), eb("boundary", "is not", null)]))
    .execute();
}
