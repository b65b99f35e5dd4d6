// Queries of the open-data export and import.
import { type Insertable, sql, type Updateable } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import type { PlacesTable } from "../places.table.ts";
import type { PlaceForExport, PlaceImportValues } from "./opendata-mapping.ts";

/** The place's identifier in the standard, in byte order (matches the index places_opendata_id). */
const exportId = sql<string>`(case when places.source = 'declic' then places.id::text else places.source_id end) collate "C"`;

export interface ExportBatchRow extends PlaceForExport {
  export_id: string;
  slug: string;
}

/** The next public places after `after` (an identifier in the standard), by that identifier. */
export async function publicPlacesBatch(db: DbOrTx, after: string | null, size: number): Promise<ExportBatchRow[]> {
  return db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .select([
      "places.id",
      "places.slug",
      "places.source",
      "places.source_id",
      "places.pivot",
      "structures.siret as structure_siret",
      "places.name",
      "communes.name as commune_name",
      "places.postcode",
      "places.commune_code",
      "places.address",
      "places.address_complement",
      "places.latitude",
      "places.longitude",
      "places.typologie",
      "places.phone",
      "places.email",
      "places.emails",
      "places.website",
      "places.opening_hours",
      "places.summary",
      "places.description",
      "places.parent_structure",
      sql<string>`to_char(places.updated_on, 'YYYY-MM-DD')`.as("updated_on"),
      "places.mobility",
      "places.services",
      "places.publics",
      "places.specific_support",
      "places.fees",
      "places.national_programmes",
      "places.labels",
      "places.other_labels",
      "places.access_modes",
      "places.support_modes",
      "places.accessibility_url",
      "places.booking_url",
      exportId.as("export_id"),
    ])
    .where("places.is_public", "=", true)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`${exportId} > ${after}`))
    .orderBy(exportId)
    .limit(size)
    .execute();
}

export interface StructureOption {
  id: string;
  slug: string;
  name: string;
  siret: string | null;
}

export async function listStructures(db: DbOrTx): Promise<StructureOption[]> {
  return db.selectFrom("structures").select(["id", "slug", "name", "siret"]).orderBy("name").orderBy("slug").execute();
}

export async function findStructure(db: DbOrTx, by: { id: string } | { slug: string }): Promise<StructureOption | undefined> {
  let query = db.selectFrom("structures").select(["id", "slug", "name", "siret"]);
  query = "id" in by ? query.where("id", "=", by.id) : query.where("slug", "=", by.slug);
  return query.executeTakeFirst();
}

export interface CommuneRef {
  code: string;
  name: string;
  postcodes: string[];
  latitude: number | null;
  longitude: number | null;
}

export async function communesOf(db: DbOrTx, departement: string): Promise<CommuneRef[]> {
  return db.selectFrom("communes").select(["code", "name", "postcodes", "latitude", "longitude"]).where("departement", "=", departement).execute();
}

export interface ExistingPlace extends PlaceImportValues {
  id: string;
  source: string;
  source_id: string;
  commune_code: string;
  coordinates_precision: "address" | "commune";
  /** The owning structure's SIRET: a place whose pivot is this one stores none and inherits it. */
  structure_siret: string | null;
}

const EXISTING_COLUMNS = [
  "places.id",
  "places.source",
  "places.source_id",
  "places.commune_code",
  "places.coordinates_precision",
  "places.name",
  "places.address",
  "places.postcode",
  "places.address_complement",
  "places.latitude",
  "places.longitude",
  "places.typologie",
  "places.phone",
  "places.email",
  "places.emails",
  "places.website",
  "places.opening_hours",
  "places.summary",
  "places.description",
  "places.parent_structure",
  "places.pivot",
  "places.mobility",
  "places.services",
  "places.publics",
  "places.specific_support",
  "places.fees",
  "places.national_programmes",
  "places.labels",
  "places.other_labels",
  "places.access_modes",
  "places.support_modes",
  "places.accessibility_url",
  "places.booking_url",
  "structures.siret as structure_siret",
] as const;

/** Places already known under these (source, identifier) pairs, or (for our own places) these ids. */
export async function findExistingPlaces(db: DbOrTx, keys: { source: string; sourceId: string }[], ownIds: string[]): Promise<ExistingPlace[]> {
  const out: ExistingPlace[] = [];
  const select = () =>
    db
      .selectFrom("places")
      .innerJoin("structures", "structures.id", "places.structure_id")
      .select([...EXISTING_COLUMNS, sql<string>`to_char(places.updated_on, 'YYYY-MM-DD')`.as("updated_on")]);
  for (const source of new Set(keys.map((k) => k.source))) {
    const ids = keys.filter((k) => k.source === source).map((k) => k.sourceId);
    for (let i = 0; i < ids.length; i += 1000) {
      out.push(...(await select().where("places.source", "=", source).where("places.source_id", "in", ids.slice(i, i + 1000)).execute()));
    }
  }
  for (let i = 0; i < ownIds.length; i += 1000) {
    out.push(...(await select().where("places.source", "=", "declic").where("places.id", "in", ownIds.slice(i, i + 1000)).execute()));
  }
  return out;
}

export async function slugsStartingWith(db: DbOrTx, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("places")
    .select("slug")
    .where("slug", "like", `${base.replace(/[\\%_]/g, "\\$&")}%`)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertPlace(db: DbOrTx, values: Insertable<PlacesTable>): Promise<string> {
  const row = await db.insertInto("places").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlace(db: DbOrTx, id: string, values: Updateable<PlacesTable>): Promise<void> {
  await db.updateTable("places").set(values).where("id", "=", id).execute();
}

export async function insertPlaceChange(
  db: DbOrTx,
  change: { placeId: string; actorUserId: string | null; at: Date; changes: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto("place_changes")
    .values({ place_id: change.placeId, actor_user_id: change.actorUserId, at: change.at, action: "import", changes: JSON.stringify(change.changes) })
    .execute();
}
