// Reads and writes of the booking slice: everything computeSlots needs for a place or an advisor, the
// appointment kinds of a structure, and the appointments themselves.
import { type Insertable, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { addDays, parisToInstant } from "../calendar/paris-time.ts";
import type { AppointmentKindRow, AppointmentsTable } from "./booking.table.ts";
import { BOOKING_LIMIT_WINDOW_MS } from "./booking.ts";
import type { AdvisorAbsence, AdvisorPermanence, ExistingAppointment, OpeningPeriod } from "./slots.ts";

export interface BookingPlace {
  id: string;
  slug: string;
  name: string;
  address: string;
  postcode: string;
  communeName: string;
  phone: string | null;
  structureId: string;
  isPublic: boolean;
}

export async function findBookingPlace(db: DbOrTx, by: { id: string } | { slug: string }): Promise<BookingPlace | null> {
  let query = db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select([
      "places.id",
      "places.slug",
      "places.name",
      "places.address",
      "places.postcode",
      "communes.name as communeName",
      "places.phone",
      "places.structure_id as structureId",
      "places.is_public as isPublic",
    ]);
  query = "id" in by ? query.where("places.id", "=", by.id) : query.where("places.slug", "=", by.slug);
  return (await query.executeTakeFirst()) ?? null;
}

/** Places a person may book at from the back office, by name; all of them when structureIds is null. */
export async function listPlacesForStaff(db: DbOrTx, structureIds: string[] | null): Promise<{ id: string; name: string; communeName: string }[]> {
  if (structureIds !== null && structureIds.length === 0) return [];
  let query = db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select(["places.id", "places.name", "communes.name as communeName"]);
  if (structureIds !== null) query = query.where("places.structure_id", "in", structureIds);
  return query.orderBy("places.name").orderBy("places.id").execute();
}

/** Active motifs of a structure; only those anyone may book online for the public. */
export async function listKinds(db: DbOrTx, structureId: string, audience: "public" | "staff"): Promise<AppointmentKindRow[]> {
  let query = db.selectFrom("appointment_kinds").selectAll().where("structure_id", "=", structureId).where("active", "=", true);
  if (audience === "public") query = query.where("bookable_by", "=", "public");
  return query.orderBy("name").orderBy("id").execute();
}

export interface SlotData {
  permanences: AdvisorPermanence[];
  openings: OpeningPeriod[];
  absences: AdvisorAbsence[];
  appointments: ExistingAppointment[];
  advisorNames: Map<string, string>;
}

/** Active advisors with a permanence by appointment, or an exceptional opening, at the place. */
async function bookableAdvisorIds(db: DbOrTx, placeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("advisors")
    .select("advisors.id")
    .where("advisors.active", "=", true)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("permanences")
            .select(sql`1`.as("one"))
            .whereRef("permanences.advisor_id", "=", "advisors.id")
            .where("permanences.place_id", "=", placeId)
            .where("permanences.mode", "in", ["appointment", "both"]),
        ),
        eb.exists(
          eb
            .selectFrom("opening_periods")
            .select(sql`1`.as("one"))
            .whereRef("opening_periods.advisor_id", "=", "advisors.id")
            .where("opening_periods.place_id", "=", placeId),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * What computeSlots needs over the Paris dates [from, to]: for the advisors bookable at the place (or the
 * advisors given), ALL their permanences, openings, absences and appointments, at every place.
 */
export async function loadSlotData(db: DbOrTx, scope: { placeId: string } | { advisorIds: string[] }, from: string, to: string): Promise<SlotData> {
  const advisorIds = "placeId" in scope ? await bookableAdvisorIds(db, scope.placeId) : scope.advisorIds;
  if (advisorIds.length === 0) return { permanences: [], openings: [], absences: [], appointments: [], advisorNames: new Map() };
  // A day more on each side: an appointment or opening around midnight still counts.
  const rangeStart = parisToInstant(addDays(from, -1), "00:00");
  const rangeEnd = parisToInstant(addDays(to, 2), "00:00");
  const [advisors, permanences, openings, absences, appointments] = await Promise.all([
    db.selectFrom("advisors").select(["id", "first_name"]).where("id", "in", advisorIds).where("active", "=", true).execute(),
    db
      .selectFrom("permanences")
      .select([
        "advisor_id",
        "place_id",
        "weekdays",
        "start_time",
        "end_time",
        "every_weeks",
        sql<string>`valid_from::text`.as("valid_from"),
        sql<string | null>`valid_to::text`.as("valid_to"),
        sql<string[]>`cancelled_dates::text[]`.as("cancelled_dates"),
        "mode",
      ])
      .where("advisor_id", "in", advisorIds)
      .execute(),
    db
      .selectFrom("opening_periods")
      .select(["advisor_id", "place_id", "starts_at", "ends_at"])
      .where("advisor_id", "in", advisorIds)
      .where("starts_at", "<", rangeEnd)
      .where("ends_at", ">", rangeStart)
      .execute(),
    db
      .selectFrom("absences")
      .select([
        "advisor_id",
        "kind",
        "starts_at",
        "ends_at",
        "weekdays",
        "start_time",
        "end_time",
        sql<string | null>`valid_from::text`.as("valid_from"),
        sql<string | null>`valid_to::text`.as("valid_to"),
      ])
      .where("advisor_id", "in", advisorIds)
      .execute(),
    db
      .selectFrom("appointments")
      .select(["advisor_id", "starts_at", "ends_at", "status"])
      .where("advisor_id", "in", advisorIds)
      .where("status", "<>", "cancelled")
      .where("starts_at", "<", rangeEnd)
      .where("ends_at", ">", rangeStart)
      .execute(),
  ]);
  const active = new Set(advisors.map((a) => a.id));
  return {
    advisorNames: new Map(advisors.map((a) => [a.id, a.first_name])),
    permanences: permanences
      .filter((p) => active.has(p.advisor_id))
      .map((p) => ({
        advisorId: p.advisor_id,
        placeId: p.place_id,
        mode: p.mode,
        weekdays: p.weekdays.map(Number),
        startTime: p.start_time,
        endTime: p.end_time,
        everyWeeks: Number(p.every_weeks),
        validFrom: p.valid_from,
        validTo: p.valid_to,
        cancelledDates: p.cancelled_dates,
      })),
    openings: openings.map((o) => ({ advisorId: o.advisor_id, placeId: o.place_id, start: new Date(o.starts_at), end: new Date(o.ends_at) })),
    absences: absences.flatMap((a): AdvisorAbsence[] => {
      if (a.starts_at !== null && a.ends_at !== null) {
        return [{ advisorId: a.advisor_id, type: "once", kind: a.kind, start: new Date(a.starts_at), end: new Date(a.ends_at) }];
      }
      if (a.weekdays === null || a.valid_from === null) return [];
      return [
        {
          advisorId: a.advisor_id,
          type: "weekly",
          kind: a.kind,
          weekdays: a.weekdays.map(Number),
          startTime: a.start_time,
          endTime: a.end_time,
          validFrom: a.valid_from,
          validTo: a.valid_to,
        },
      ];
    }),
    appointments: appointments.map((a) => ({ advisorId: a.advisor_id, start: new Date(a.starts_at), end: new Date(a.ends_at), status: a.status })),
  };
}

export async function findKind(db: DbOrTx, id: string): Promise<AppointmentKindRow | null> {
  return (await db.selectFrom("appointment_kinds").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function findAdvisorContact(db: DbOrTx, id: string): Promise<{ firstName: string; email: string | null } | null> {
  const row = await db.selectFrom("advisors").select(["first_name", "email"]).where("id", "=", id).executeTakeFirst();
  return row ? { firstName: row.first_name, email: row.email } : null;
}

/** Public and API bookings made from one client address within the throttle window. */
export async function countRecentBookings(db: DbOrTx, ipHash: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom("appointments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("booked_ip_hash", "=", ipHash)
    .where("created_at", ">", new Date(now.getTime() - BOOKING_LIMIT_WINDOW_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Locks the advisor's row until the end of the transaction: bookings (and moves) of one advisor's time
 * then run one after the other, so overlapping slots of different motifs never deadlock on the
 * exclusion constraint, whatever the number of app instances.
 */
export async function lockAdvisor(trx: DbOrTx, advisorId: string): Promise<boolean> {
  const row = await trx.selectFrom("advisors").select("id").where("id", "=", advisorId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function insertAppointment(db: DbOrTx, values: Insertable<AppointmentsTable>): Promise<{ id: string }> {
  return db.insertInto("appointments").values(values).returning("id").executeTakeFirstOrThrow();
}

/** An appointment seen through its personal link, with what its pages and messages show. */
export async function findAppointmentByTokenHash(db: DbOrTx, hash: string, lock = false) {
  let query = db
    .selectFrom("appointments")
    .innerJoin("appointment_kinds", "appointment_kinds.id", "appointments.kind_id")
    .innerJoin("advisors", "advisors.id", "appointments.advisor_id")
    .leftJoin("places", "places.id", "appointments.place_id")
    .leftJoin("communes", "communes.code", "places.commune_code")
    .select([
      "appointments.id",
      "appointments.advisor_id",
      "appointments.place_id",
      "appointments.kind_id",
      "appointments.starts_at",
      "appointments.ends_at",
      "appointments.status",
      "appointments.first_name",
      "appointments.phone",
      "appointments.email",
      "appointment_kinds.name as kind_name",
      "appointment_kinds.location",
      "advisors.first_name as advisor_first_name",
      "advisors.email as advisor_email",
      "places.slug as place_slug",
      "places.name as place_name",
      "places.address as place_address",
      "places.postcode as place_postcode",
      "places.phone as place_phone",
      "communes.name as commune_name",
    ])
    .where("appointments.manage_token_hash", "=", hash);
  if (lock) query = query.forUpdate("appointments");
  return (await query.executeTakeFirst()) ?? null;
}

export type ManagedAppointment = NonNullable<Awaited<ReturnType<typeof findAppointmentByTokenHash>>>;

export async function markCancelled(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.updateTable("appointments").set({ status: "cancelled", cancelled_at: now, updated_at: now }).where("id", "=", id).execute();
}

/** Moves an appointment in place (same row, same personal link) to another time, possibly another advisor. */
export async function moveAppointment(db: DbOrTx, id: string, to: { advisorId: string; start: Date; end: Date }, now: Date): Promise<void> {
  await db.updateTable("appointments").set({ advisor_id: to.advisorId, starts_at: to.start, ends_at: to.end, updated_at: now }).where("id", "=", id).execute();
}

/** The code of a commune of the département from what a person typed (exact name or postcode), or null. */
export async function findCommuneCode(db: DbOrTx, departement: string, text: string, key: string): Promise<string | null> {
  const digits = text.replace(/\s/g, "");
  const row = /^\d{5}$/.test(digits)
    ? await db
        .selectFrom("communes")
        .select("code")
        .where("departement", "=", departement)
        .where((eb) => eb.or([eb("code", "=", digits), sql<boolean>`${digits} = any(postcodes)`]))
        .orderBy("population", "desc")
        .executeTakeFirst()
    : await db.selectFrom("communes").select("code").where("departement", "=", departement).where("search_name", "=", key).orderBy("population", "desc").executeTakeFirst();
  return row?.code ?? null;
}
