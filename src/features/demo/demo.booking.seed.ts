// Writes the demo's booking data inside the demo transaction: motifs, absences, workshops (the weekly series,
// its next sessions and the one-off workshops) with registrations, appointments and a few stored messages.
import type { Insertable } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { AppointmentsTable, WorkshopRegistrationsTable } from "../booking/booking.table.ts";
import { toParis } from "../calendar/paris-time.ts";
import { storedText } from "../outbox/outbox.ts";
import { type DemoAbsence, type DemoKind, demoAbsences, demoAppointments, demoKinds } from "./demo.booking.ts";
import type { DemoNetwork } from "./demo.data.ts";
import { demoMessages } from "./demo.messages.ts";
import { type DemoPerson, demoPeople } from "./demo.people.ts";
import type { DemoSchedule } from "./demo.permanences.ts";
import { type DemoWorkshop, demoWorkshops } from "./demo.workshops.ts";

export interface BookingSeedContext {
  network: DemoNetwork;
  schedule: DemoSchedule;
  now: Date;
  brand: string;
  structureOf(key: string): string;
  advisorOf(email: string): string;
  placeOf(slug: string): string;
  userOf(email: string): string;
  /** Commune code → name, for addresses in messages. */
  communeNames: Map<string, string>;
}

export interface BookingSeedSummary {
  appointmentKinds: number;
  absences: number;
  appointments: number;
  workshops: number;
  registrations: number;
  messages: number;
}

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function insertKinds(trx: DbOrTx, kinds: DemoKind[], ctx: BookingSeedContext): Promise<Map<string, string>> {
  if (kinds.length === 0) return new Map();
  const rows = await trx
    .insertInto("appointment_kinds")
    .values(
      kinds.map((k) => ({
        structure_id: ctx.structureOf(k.structure),
        name: k.name,
        duration_minutes: k.durationMinutes,
        location: k.location,
        bookable_by: k.bookableBy,
        is_demo: true,
        created_at: ctx.now,
      })),
    )
    .returning("id")
    .execute();
  return new Map(kinds.map((k, i) => [k.key, rows[i]?.id as string]));
}

async function insertAbsences(trx: DbOrTx, absences: DemoAbsence[], ctx: BookingSeedContext): Promise<void> {
  if (absences.length === 0) return;
  await trx
    .insertInto("absences")
    .values(
      absences.map((a) => ({
        advisor_id: ctx.advisorOf(a.advisorId),
        kind: a.kind,
        label: a.label,
        starts_at: a.type === "once" ? a.start : null,
        ends_at: a.type === "once" ? a.end : null,
        weekdays: a.type === "weekly" ? a.weekdays : null,
        start_time: a.type === "weekly" ? a.startTime : null,
        end_time: a.type === "weekly" ? a.endTime : null,
        valid_from: a.type === "weekly" ? a.validFrom : null,
        valid_to: a.type === "weekly" ? a.validTo : null,
        is_demo: true,
        created_at: ctx.now,
      })),
    )
    .execute();
}

function registrationRows(workshopId: string, w: DemoWorkshop, people: DemoPerson[]): Insertable<WorkshopRegistrationsTable>[] {
  return w.registrations.map((r) => {
    const p = people[r.person] as DemoPerson;
    return {
      workshop_id: workshopId,
      first_name: p.firstName,
      last_name: p.lastName,
      phone: p.phone,
      email: p.email,
      status: r.status,
      offered_at: r.offerExpiresAt ? new Date(r.offerExpiresAt.getTime() - 24 * 3_600_000) : null,
      offer_expires_at: r.offerExpiresAt,
      consent_at: r.at,
      is_demo: true,
      created_at: r.at,
      updated_at: r.at,
    };
  });
}

async function insertWorkshops(trx: DbOrTx, plan: ReturnType<typeof demoWorkshops>, people: DemoPerson[], ctx: BookingSeedContext): Promise<number> {
  let seriesId: string | null = null;
  if (plan.series) {
    const s = plan.series;
    const row = await trx
      .insertInto("workshop_series")
      .values({
        structure_id: ctx.structureOf(s.structure),
        advisor_id: ctx.advisorOf(s.advisor),
        title: s.title,
        themes: s.themes,
        level: s.level,
        description: s.description,
        is_remote: true,
        video_url: s.videoUrl,
        weekday: s.weekday,
        start_time: s.startTime,
        end_time: s.endTime,
        valid_from: s.validFrom,
        capacity: s.capacity,
        is_demo: true,
        created_at: ctx.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    seriesId = row.id;
  }
  const all = [...plan.sessions.map((w) => ({ w, series: seriesId })), ...plan.oneOffs.map((w) => ({ w, series: null }))];
  if (all.length === 0) return 0;
  const rows = await trx
    .insertInto("workshops")
    .values(
      all.map(({ w, series }) => ({
        series_id: series,
        structure_id: ctx.structureOf(w.structure),
        advisor_id: ctx.advisorOf(w.advisor),
        title: w.title,
        themes: w.themes,
        level: w.level,
        description: w.description,
        place_id: w.place === null ? null : ctx.placeOf(w.place),
        is_remote: w.place === null,
        video_url: w.videoUrl,
        starts_at: w.start,
        ends_at: w.end,
        capacity: w.capacity,
        is_demo: true,
        created_at: ctx.now,
      })),
    )
    .returning("id")
    .execute();
  const registrations = all.flatMap(({ w }, i) => registrationRows(rows[i]?.id as string, w, people));
  await insertChunked(registrations, (chunk) => trx.insertInto("workshop_registrations").values(chunk).execute());
  return registrations.length;
}

export async function loadDemoBooking(trx: DbOrTx, ctx: BookingSeedContext): Promise<BookingSeedSummary> {
  const { network, schedule, now } = ctx;
  const today = toParis(now).date;
  const people = demoPeople();
  const kinds = demoKinds(network);
  const absences = demoAbsences(schedule, today);
  const workshops = demoWorkshops(network, schedule, absences, now, network.departement);
  const busy = [...workshops.sessions, ...workshops.oneOffs].map((w) => ({ advisorId: w.advisor, start: w.start, end: w.end, status: "planned" as const }));
  const appointments = demoAppointments({ network, schedule, kinds, absences, busy, now, departement: network.departement });

  const kindIds = await insertKinds(trx, kinds, ctx);
  await insertAbsences(trx, absences, ctx);
  const registrations = await insertWorkshops(trx, workshops, people, ctx);

  const placeBySlug = new Map(network.places.map((p) => [p.slug, p]));
  const rows: Insertable<AppointmentsTable>[] = appointments.map((a) => {
    const p = people[a.person] as DemoPerson;
    const place = placeBySlug.get(a.place);
    return {
      advisor_id: ctx.advisorOf(a.advisor),
      place_id: ctx.placeOf(a.place),
      kind_id: kindIds.get(a.kind) as string,
      starts_at: a.start,
      ends_at: a.end,
      status: a.status,
      first_name: p.firstName,
      last_name: p.lastName,
      phone: p.phone,
      email: p.email,
      birth_year: p.birthYear,
      commune_code: place?.communeCode ?? null,
      accompanied: a.accompanied,
      needs: a.needs,
      themes: a.themes,
      notes: a.notes,
      consent_at: a.bookedAt,
      booked_via: a.bookedVia,
      booked_by_user_id: a.bookedVia === "staff" ? ctx.userOf(a.advisor) : null,
      cancelled_at: a.cancelledAt,
      is_demo: true,
      created_at: a.bookedAt,
      updated_at: a.cancelledAt ?? a.bookedAt,
    };
  });
  await insertChunked(rows, (chunk) => trx.insertInto("appointments").values(chunk).execute());

  const messages = demoMessages(appointments, [...workshops.sessions, ...workshops.oneOffs], {
    brand: ctx.brand,
    people,
    kinds: new Map(kinds.map((k) => [k.key, k])),
    places: new Map(
      network.places.map((p) => [p.slug, { name: p.name, address: `${p.address}, ${p.postcode} ${ctx.communeNames.get(p.communeCode) ?? ""}`.trim(), phone: p.phone }]),
    ),
    advisors: new Map(network.accounts.flatMap((a) => (a.advisor ? [[a.email, a.firstName] as const] : []))),
    now,
  });
  if (messages.length > 0) {
    await trx
      .insertInto("outbox")
      .values(
        messages.map((m) => ({
          idempotency_key: m.key,
          channel: m.channel,
          recipient: m.recipient,
          subject: m.subject,
          body_text: storedText(m.channel, m.text),
          attachments: "[]",
          status: "stored" as const,
          attempts: 1,
          not_before: m.at,
          created_at: m.at,
          sent_at: m.at,
        })),
      )
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .execute();
  }
  return {
    appointmentKinds: kinds.length,
    absences: absences.length,
    appointments: rows.length,
    workshops: workshops.sessions.length + workshops.oneOffs.length,
    registrations,
    messages: messages.length,
  };
}
