// The motifs (appointment kinds) of a structure.
import type { DbOrTx } from "../../db/schema.ts";
import type { AppointmentKind } from "../booking/booking.ts";

export async function findStructure(db: DbOrTx, id: string) {
  return db.selectFrom("structures").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
}

/** Structures that employ advisors, or only some of them, by name. */
export async function listStructuresWithAdvisors(db: DbOrTx, only: string[] | null) {
  let query = db
    .selectFrom("structures")
    .select(["structures.id", "structures.name"])
    .where((eb) => eb.exists(eb.selectFrom("advisors").select("advisors.id").whereRef("advisors.structure_id", "=", "structures.id")));
  if (only !== null) {
    if (only.length === 0) return [];
    query = query.where("structures.id", "in", only);
  }
  return query.orderBy("structures.name").execute();
}

export async function listKinds(db: DbOrTx, structureId: string) {
  return db.selectFrom("appointment_kinds").selectAll().where("structure_id", "=", structureId).orderBy("active", "desc").orderBy("name").execute();
}

export async function findKind(db: DbOrTx, id: string) {
  return db.selectFrom("appointment_kinds").selectAll().where("id", "=", id).executeTakeFirst();
}

export type KindValues = Omit<AppointmentKind, "id"> & { active: boolean };

function columns(v: KindValues) {
  return {
    name: v.name,
    duration_minutes: v.durationMinutes,
    location: v.location,
    bookable_by: v.bookableBy,
    earliest_minutes: v.earliestMinutes,
    latest_months: v.latestMonths,
    active: v.active,
  };
}

export async function insertKind(db: DbOrTx, structureId: string, v: KindValues): Promise<void> {
  await db
    .insertInto("appointment_kinds")
    .values({ structure_id: structureId, ...columns(v) })
    .execute();
}

export async function updateKind(db: DbOrTx, id: string, v: KindValues): Promise<void> {
  await db.updateTable("appointment_kinds").set(columns(v)).where("id", "=", id).execute();
}
