// Back-office queries on workshops: the list of a scope, a structure's places and advisors, writes.
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../../db/schema.ts";
import type { ValidWorkshop, WorkshopCommonValues } from "./workshop-form.ts";

/** Which workshops a person sees: all, those of some structures, or those they lead. */
export type Scope = { all: true } | { all: false; structureIds: string[]; advisorIds: string[] };

export const ADMIN_PAGE_SIZE = 20;

export async function listAdminWorkshops(db: Db, scope: Scope, now: Date, page: number) {
  let query = db.selectFrom("workshops as w").innerJoin("structures as s", "s.id", "w.structure_id").leftJoin("advisors as a", "a.id", "w.advisor_id");
  if (!scope.all) {
    const { structureIds, advisorIds } = scope;
    if (structureIds.length === 0 && advisorIds.length === 0) return { rows: [], total: 0 };
    query = query.where((eb) =>
      eb.or([...(structureIds.length > 0 ? [eb("w.structure_id", "in", structureIds)] : []), ...(advisorIds.length > 0 ? [eb("w.advisor_id", "in", advisorIds)] : [])]),
    );
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select([
      "w.id",
      "w.title",
      "w.starts_at",
      "w.ends_at",
      "w.capacity",
      "w.cancelled_at",
      "w.structure_id",
      "s.name as structure_name",
      "a.user_id as advisor_user_id",
      sql<number>`(select count(*)::int from workshop_registrations r where r.workshop_id = w.id and r.status in ('registered', 'offered', 'attended', 'absent'))`.as("seats_taken"),
    ])
    .orderBy(sql`case when w.starts_at >= ${now} then 0 else 1 end`)
    .orderBy(sql`case when w.starts_at >= ${now} then w.starts_at end asc`)
    .orderBy("w.starts_at", "desc")
    .orderBy("w.id")
    .limit(ADMIN_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PAGE_SIZE)
    .execute();
  return { rows, total };
}

export async function findWorkshop(db: DbOrTx, id: string) {
  return db.selectFrom("workshops").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function seatsHeld(db: DbOrTx, workshopId: string): Promise<number> {
  const row = await db
    .selectFrom("workshop_registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workshop_id", "=", workshopId)
    .where("status", "in", ["registered", "offered", "attended", "absent"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function structuresByIds(db: Db, ids: string[] | null) {
  let query = db.selectFrom("structures").select(["id", "name"]).orderBy("name");
  if (ids !== null) {
    if (ids.length === 0) return [];
    query = query.where("id", "in", ids);
  }
  return query.execute();
}

export async function structureOptions(db: Db, structureId: string) {
  const places = await db.selectFrom("places").select(["id", "name"]).where("structure_id", "=", structureId).orderBy("name").execute();
  const advisors = await db
    .selectFrom("advisors")
    .select(["id", "first_name", "last_name"])
    .where("structure_id", "=", structureId)
    .where("active", "=", true)
    .orderBy("last_name")
    .orderBy("first_name")
    .execute();
  return { places, advisors: advisors.map((a) => ({ id: a.id, name: `${a.first_name} ${a.last_name}` })) };
}

export async function insertWorkshop(db: DbOrTx, value: Extract<ValidWorkshop, { kind: "workshop" }>): Promise<string> {
  const row = await db
    .insertInto("workshops")
    .values({ ...value.common, starts_at: value.startsAt, ends_at: value.endsAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWorkshop(db: DbOrTx, id: string, value: Extract<ValidWorkshop, { kind: "workshop" }>): Promise<void> {
  await db
    .updateTable("workshops")
    .set({ ...value.common, starts_at: value.startsAt, ends_at: value.endsAt })
    .where("id", "=", id)
    .execute();
}

export async function insertSeries(db: DbOrTx, common: WorkshopCommonValues, rule: { weekday: number; startTime: string; endTime: string; everyWeeks: number; validFrom: string; validTo: string | null }) {
  const row = await db
    .insertInto("workshop_series")
    .values({ ...common, weekday: rule.weekday, start_time: rule.startTime, end_time: rule.endTime, every_weeks: rule.everyWeeks, valid_from: rule.validFrom, valid_to: rule.validTo })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks the workshop cancelled (once) and returns the people to tell, or null when it was cancelled already. */
export async function markCancelled(trx: DbOrTx, id: string, now: Date) {
  const updated = await trx.updateTable("workshops").set({ cancelled_at: now }).where("id", "=", id).where("cancelled_at", "is", null).returning("id").executeTakeFirst();
  if (!updated) return null;
  return trx
    .selectFrom("workshop_registrations")
    .select(["id", "first_name", "phone", "email"])
    .where("workshop_id", "=", id)
    .where("status", "in", ["registered", "offered"])
    .orderBy("id")
    .execute();
}
