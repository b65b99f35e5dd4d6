import { type Insertable, type SqlBool, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { CommunesTable, EpcisTable } from "./territory.table.ts";
import type { CommuneQuery } from "./territory.ts";

export interface CommuneMatch {
  code: string;
  name: string;
  postcodes: string[];
  population: number;
  epci_code: string | null;
  epci_name: string | null;
  latitude: number | null;
  longitude: number | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** Best match first: exact name or postcode, then prefixes, then the most populous. */
export async function searchCommunes(db: DbOrTx, departement: string, query: CommuneQuery, limit: number): Promise<CommuneMatch[]> {
  if (query.kind === "empty") return [];
  let select = db
    .selectFrom("communes")
    .leftJoin("epcis", "epcis.code", "communes.epci_code")
    .select([
      "communes.code",
      "communes.name",
      "communes.postcodes",
      "communes.population",
      "communes.epci_code",
      "epcis.name as epci_name",
      "communes.latitude",
      "communes.longitude",
    ])
    .where("communes.departement", "=", departement);
  if (query.kind === "postcode") {
    const prefix = `${escapeLike(query.prefix)}%`;
    const postcodeStarts = sql<SqlBool>`exists (select 1 from unnest(communes.postcodes) as p(code) where p.code like ${prefix})`;
    // INSEE codes look like postcodes but are not (INSEE 47300 is Sérignac-sur-Garonne, postcode 47310):
    // digits match a code only whole, so typing "4730" suggests the communes of postcode 47300, not codes 47301–47309.
    // Corsican codes (2A…, 2B…) hold a letter no postcode has, and match by prefix.
    const codeMatches = /[AB]/.test(query.prefix) ? sql<SqlBool>`communes.code like ${prefix}` : sql<SqlBool>`communes.code = ${query.prefix}`;
    select = select
      .where((eb) => eb.or([postcodeStarts, codeMatches]))
      .orderBy(sql`case when ${query.prefix} = any(communes.postcodes) then 0 when ${postcodeStarts} then 1 else 2 end`);
  } else {
    const key = query.key;
    const rank = sql<number>`case
      when communes.search_name = ${key} then 0
      when communes.search_name like ${`${escapeLike(key)}%`} then 1
      when ' ' || communes.search_name like ${`% ${escapeLike(key)}%`} then 2
      else 3 end`;
    select = select.where("communes.search_name", "like", `%${escapeLike(key)}%`).orderBy(rank);
  }
  return select.orderBy("communes.population", "desc").orderBy("communes.name").limit(limit).execute();
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
