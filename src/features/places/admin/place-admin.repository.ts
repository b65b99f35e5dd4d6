// Queries of the places back office. Lists filter on the viewer's scope inside the query.
import type { Insertable, Updateable } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import { EMPLOYER_KINDS } from "../../organisation/organisation.ts";
import type { PlacesTable } from "../places.table.ts";

/** Every place, or those of some structures plus those where some advisors hold a permanence. */
export type PlaceScope = { all: true } | { all: false; structureIds: string[]; advisorIds: string[] };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

export async function findAdvisorIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("advisors").select("id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.id);
}

export async function listPlacesForAdmin(db: DbOrTx, scope: PlaceScope, search: string, page: { limit: number; offset: number }) {
  let query = db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .innerJoin("structures", "structures.id", "places.structure_id");
  if (!scope.all) {
    const { structureIds, advisorIds } = scope;
    if (structureIds.length === 0 && advisorIds.length === 0) return { rows: [], total: 0 };
    query = query.where((eb) =>
      eb.or([
        ...(structureIds.length > 0 ? [eb("places.structure_id", "in", structureIds)] : []),
        ...(advisorIds.length > 0
          ? [
              eb.exists(
                eb
                  .selectFrom("permanences")
                  .select("permanences.id")
                  .whereRef("permanences.place_id", "=", "places.id")
                  .where("permanences.advisor_id", "in", advisorIds),
              ),
            ]
          : []),
      ]),
    );
  }
  if (search.trim() !== "") query = query.where("places.name", "ilike", `%${escapeLike(search.trim())}%`);
  const [rows, count] = await Promise.all([
    query
      .select([
        "places.id",
        "places.name",
        "places.slug",
        "places.is_public",
        "places.updated_on",
        "communes.name as commune_name",
        "structures.name as structure_name",
      ])
      .orderBy("places.name")
      .orderBy("places.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findPlaceForAdmin(db: DbOrTx, id: string) {
  const place = await db.selectFrom("places").selectAll().where("id", "=", id).executeTakeFirst();
  if (!place) return undefined;
  const [commune, structure, advisors] = await Promise.all([
    db.selectFrom("communes").select(["name"]).where("code", "=", place.commune_code).executeTakeFirst(),
    db.selectFrom("structures").select(["name"]).where("id", "=", place.structure_id).executeTakeFirst(),
    db.selectFrom("permanences").select("advisor_id").distinct().where("place_id", "=", id).execute(),
  ]);
  return {
    place,
    communeName: commune?.name ?? place.commune_code,
    structureName: structure?.name ?? "",
    permanenceAdvisorIds: advisors.map((a) => a.advisor_id),
  };
}

/** Employer structures, by name: all of them, or those listed. */
export async function listStructureOptions(db: DbOrTx, ids: string[] | null) {
  if (ids !== null && ids.length === 0) return [];
  let query = db.selectFrom("structures").select(["id", "name"]).where("kind", "in", EMPLOYER_KINDS);
  if (ids !== null) query = query.where("id", "in", ids);
  return query.orderBy("name").execute();
}

export async function findCommuneInDepartement(db: DbOrTx, code: string, departement: string) {
  return db
    .selectFrom("communes")
    .select(["code", "name", "postcodes", "latitude", "longitude"])
    .where("code", "=", code)
    .where("departement", "=", departement)
    .executeTakeFirst();
}

export async function slugsStartingWith(db: DbOrTx, base: string): Promise<Set<string>> {
  const rows = await db.selectFrom("places").select("slug").where("slug", "like", `${escapeLike(base)}%`).execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertPlace(db: DbOrTx, values: Insertable<PlacesTable>): Promise<void> {
  await db.insertInto("places").values(values).execute();
}

export async function updatePlace(db: DbOrTx, id: string, values: Updateable<PlacesTable>): Promise<void> {
  await db.updateTable("places").set(values).where("id", "=", id).execute();
}

export async function insertPlaceChange(
  db: DbOrTx,
  change: { placeId: string; permanenceId?: string | null; actorUserId: string; action: string; changes: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .insertInto("place_changes")
    .values({
      place_id: change.placeId,
      permanence_id: change.permanenceId ?? null,
      actor_user_id: change.actorUserId,
      action: change.action,
      changes: JSON.stringify(change.changes),
      at: change.at,
    })
    .execute();
}

export async function listPlaceChanges(db: DbOrTx, placeId: string, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("place_changes")
      .leftJoin("users", "users.id", "place_changes.actor_user_id")
      .select([
        "place_changes.id",
        "place_changes.at",
        "place_changes.action",
        "place_changes.changes",
        "place_changes.permanence_id",
        "users.first_name",
        "users.last_name",
      ])
      .where("place_changes.place_id", "=", placeId)
      .orderBy("place_changes.at", "desc")
      .orderBy("place_changes.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom("place_changes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("place_id", "=", placeId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

