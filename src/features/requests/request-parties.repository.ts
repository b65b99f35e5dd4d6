// Who is on each side of a request: the commune's structure and its agents, the coordinators to tell,
// and the places a request may propose.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";

/** The commune's own structure, when the network knows it (a commune with an account). */
export async function findCommuneStructure(db: DbOrTx, communeCode: string) {
  return db
    .selectFrom("structures")
    .select(["id", "name"])
    .where("kind", "=", "commune")
    .where("commune_code", "=", communeCode)
    .orderBy("created_at")
    .executeTakeFirst();
}

export async function findStructure(db: DbOrTx, id: string) {
  return db
    .selectFrom("structures")
    .leftJoin("communes", "communes.code", "structures.commune_code")
    .select(["structures.id", "structures.name", "structures.kind", "structures.commune_code", "communes.name as commune_name"])
    .where("structures.id", "=", id)
    .executeTakeFirst();
}

/** Addresses of the active commune agents of a structure. */
export async function communeAgentEmails(db: DbOrTx, structureId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.email")
    .distinct()
    .where("role_assignments.role", "=", "commune_agent")
    .where("role_assignments.structure_id", "=", structureId)
    .where("users.disabled_at", "is", null)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => r.email);
}

/**
 * Whom the coordination side is: the coordinator who follows the request while they still are one, else
 * every active coordinator.
 */
export async function coordinationEmails(db: DbOrTx, assignedUserId: string | null): Promise<string[]> {
  const coordinators = db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.email")
    .distinct()
    .where("role_assignments.role", "=", "coordinator")
    .where("users.disabled_at", "is", null);
  if (assignedUserId !== null) {
    const assigned = await coordinators.where("users.id", "=", assignedUserId).execute();
    if (assigned.length > 0) return assigned.map((r) => r.email);
  }
  return (await coordinators.orderBy("users.email").execute()).map((r) => r.email);
}

export interface PlaceChoice {
  id: string;
  name: string;
  commune_name: string;
}

/**
 * Places a request may propose: the public places of the commune and every place of the commune's own
 * structure; for the coordination (commune not known yet), every place of the département.
 */
export async function placeChoices(db: DbOrTx, filter: { communeCode: string; structureId: string | null } | { departement: string }): Promise<PlaceChoice[]> {
  let query = db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select(["places.id", "places.name", "communes.name as commune_name"]);
  if ("departement" in filter) query = query.where("communes.departement", "=", filter.departement);
  else {
    const { communeCode, structureId } = filter;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb("places.commune_code", "=", communeCode), eb("places.is_public", "=", true)]),
        ...(structureId !== null ? [eb("places.structure_id", "=", structureId)] : []),
      ]),
    );
  }
  return query.orderBy(sql`communes.name`).orderBy("places.name").orderBy("places.id").execute();
}

export async function findPlaceCommune(db: DbOrTx, placeId: string) {
  return db.selectFrom("places").select(["id", "commune_code", "address", "postcode"]).where("id", "=", placeId).executeTakeFirst();
}
