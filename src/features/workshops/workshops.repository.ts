// The only workshop code that touches Kysely: series, dated workshops, registrations.
import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import type { RegistrationStatus, WorkshopRegistrationsTable, WorkshopsTable } from "../booking/booking.table.ts";
import type { RegistrationState } from "./workshops.ts";

export async function seriesActiveBetween(db: DbOrTx, from: string, to: string) {
  return db
    .selectFrom("workshop_series")
    .selectAll()
    .where("valid_from", "<=", to)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", from)]))
    .execute();
}

/** Inserts dated workshops; one that exists already for (series, start) is left as it is. */
export async function insertWorkshops(db: DbOrTx, rows: Insertable<WorkshopsTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto("workshops")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Locks the workshop row until the end of the transaction: registrations to one workshop run one at a time. */
export async function lockWorkshop(trx: DbOrTx, id: string) {
  return trx.selectFrom("workshops").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function registrationStates(trx: DbOrTx, workshopId: string): Promise<(RegistrationState & { email: string | null; phone: string | null; firstName: string })[]> {
  const rows = await trx
    .selectFrom("workshop_registrations")
    .select(["id", "status", "created_at", "offer_expires_at", "email", "phone", "first_name"])
    .where("workshop_id", "=", workshopId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at, offerExpiresAt: r.offer_expires_at, email: r.email, phone: r.phone, firstName: r.first_name }));
}

/** created_at is the real time of the insert, taken under the workshop lock: the waiting list follows arrival. */
export async function insertRegistration(trx: DbOrTx, values: Omit<Insertable<WorkshopRegistrationsTable>, "created_at">): Promise<string> {
  const row = await trx
    .insertInto("workshop_registrations")
    .values({ ...values, created_at: sql<Date>`clock_timestamp()` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRegistration(
  trx: DbOrTx,
  id: string,
  change: { status: RegistrationStatus; offeredAt?: Date | null; offerExpiresAt?: Date | null; now: Date },
): Promise<void> {
  await trx
    .updateTable("workshop_registrations")
    .set({
      status: change.status,
      updated_at: change.now,
      ...(change.offeredAt !== undefined ? { offered_at: change.offeredAt } : {}),
      ...(change.offerExpiresAt !== undefined ? { offer_expires_at: change.offerExpiresAt } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export async function findRegistrationByTokenHash(db: DbOrTx, tokenHash: string) {
  return db.selectFrom("workshop_registrations").selectAll().where("manage_token_hash", "=", tokenHash).executeTakeFirst();
}

/** Workshops not yet started that hold an offer past its time. */
export async function workshopsWithLapsedOffers(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("workshop_registrations")
    .select("workshop_id")
    .distinct()
    .where("status", "=", "offered")
    .where("offer_expires_at", "<=", now)
    .execute();
  return rows.map((r) => r.workshop_id);
}

/** A workshop with its place, commune and the number of seats held. */
export async function findWorkshopDetails(db: DbOrTx, id: string) {
  return db
    .selectFrom("workshops as w")
    .leftJoin("places as p", "p.id", "w.place_id")
    .leftJoin("communes as c", "c.code", "p.commune_code")
    .leftJoin("advisors as a", "a.id", "w.advisor_id")
    .select([
      "w.id",
      "w.title",
      "w.themes",
      "w.level",
      "w.description",
      "w.is_remote",
      "w.video_url",
      "w.starts_at",
      "w.ends_at",
      "w.capacity",
      "w.is_public",
      "w.cancelled_at",
      "w.structure_id",
      "w.advisor_id",
      "a.user_id as advisor_user_id",
      "a.first_name as advisor_first_name",
      "p.name as place_name",
      "p.slug as place_slug",
      "p.address as place_address",
      "p.postcode as place_postcode",
      "c.name as commune_name",
      sql<number>`(select count(*)::int from workshop_registrations r where r.workshop_id = w.id and r.status in ('registered', 'offered', 'attended', 'absent'))`.as(
        "seats_taken",
      ),
    ])
    .where("w.id", "=", id)
    .executeTakeFirst();
}

export type WorkshopDetails = NonNullable<Awaited<ReturnType<typeof findWorkshopDetails>>>;

export async function attendanceList(db: DbOrTx, workshopId: string) {
  return db
    .selectFrom("workshop_registrations")
    .select(["id", "first_name", "last_name", "status"])
    .where("workshop_id", "=", workshopId)
    .where("status", "in", ["registered", "attended", "absent"])
    .orderBy("last_name")
    .orderBy("first_name")
    .orderBy("id")
    .execute();
}

export async function setAttendance(db: Db, workshopId: string, marks: Map<string, "attended" | "absent">, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [id, status] of marks) {
      await trx
        .updateTable("workshop_registrations")
        .set({ status, updated_at: now })
        .where("id", "=", id)
        .where("workshop_id", "=", workshopId)
        .where("status", "in", ["registered", "attended", "absent"])
        .execute();
    }
  });
}
