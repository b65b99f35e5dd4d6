// Writes the demo's year of activity inside the demo transaction, after the booking demo: identified
// people with their consent, activity reports (mapped with reportToRows, exactly as the form stores
// them), workshop participants and the coordinators' work log. Batched inserts keep the load fast.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { AnonymousBreakdown } from "../activities/activities.table.ts";
import type { ActivityReport } from "../activities/activity.ts";
import { type ParticipantRow, type PersonProfile, type ReportRow, reportToRows } from "../activities/activity-row.ts";
import { addDays, isoWeekday, parisToInstant, toParis } from "../calendar/paris-time.ts";
import { activityPeriod } from "./demo.activities.calendar.ts";
import { demoCoordinationEvents } from "./demo.activities.coordination.ts";
import { type ActivityPlanInput, type AppointmentFact, planDemoActivity, type WorkshopFact } from "./demo.activities.ts";
import { demoAbsences } from "./demo.booking.ts";
import type { DemoNetwork } from "./demo.data.ts";
import type { DemoSchedule } from "./demo.permanences.ts";

export interface ActivitySeedContext {
  network: DemoNetwork;
  schedule: DemoSchedule;
  now: Date;
  structureOf(key: string): string;
  advisorOf(email: string): string;
  placeOf(slug: string): string;
  userOf(email: string): string;
}

export interface ActivitySeedSummary {
  reports: number;
  individual: number;
  collective: number;
  /** Known people in workshops (activity_participants rows). */
  participants: number;
  beneficiaries: number;
  likelyDuplicates: number;
  appointmentReports: number;
  /** Attended appointments left without a report, to show « Compléter le compte rendu ». */
  appointmentsToComplete: number;
  workshopReports: number;
  coordinationEvents: number;
}

const BATCH = 1000;

async function insertBatches<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Rows sent as one JSON document per batch and expanded by the database (json_populate_recordset):
 * one parameter instead of thirty per row, about twice as fast on the embedded database. Every row
 * has the same keys; columns left out keep their defaults.
 */
type StoredReport = Omit<ReportRow, "anonymous_participants"> & {
  id: string;
  anonymous_participants: AnonymousBreakdown | null;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
};

async function insertJson(trx: DbOrTx, table: "activity_reports" | "activity_participants", rows: object[]): Promise<void> {
  await insertBatches(rows, async (chunk) => {
    const columns = sql.join(Object.keys(chunk[0] as object).map((c) => sql.ref(c)));
    await sql`insert into ${sql.table(table)} (${columns})
      select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::json)`.execute(trx);
  });
}

/** Past appointments and workshops of the booking demo, in a stable order. */
async function bookingFacts(trx: DbOrTx, now: Date): Promise<{ appointments: AppointmentFact[]; workshops: WorkshopFact[] }> {
  const appointments = await trx
    .selectFrom("appointments as a")
    .innerJoin("advisors as v", "v.id", "a.advisor_id")
    .innerJoin("places as p", "p.id", "a.place_id")
    .innerJoin("appointment_kinds as k", "k.id", "a.kind_id")
    .select(["a.id", "v.email", "p.slug", "k.location", "a.starts_at", "a.ends_at", "a.status", "a.themes", "a.birth_year", "a.commune_code"])
    .where("a.starts_at", "<", now)
    .orderBy("a.starts_at")
    .orderBy("v.email")
    .execute();
  const workshops = await trx
    .selectFrom("workshops as w")
    .innerJoin("advisors as v", "v.id", "w.advisor_id")
    .leftJoin("places as p", "p.id", "w.place_id")
    .select([
      "w.id",
      "v.email",
      "p.slug",
      "w.title",
      "w.themes",
      "w.level",
      "w.starts_at",
      "w.ends_at",
      sql<number>`(select count(*)::int from workshop_registrations r where r.workshop_id = w.id and r.status = 'attended')`.as("attended"),
    ])
    .where("w.ends_at", "<", now)
    .orderBy("w.starts_at")
    .execute();
  return {
    appointments: appointments.map((a) => ({
      id: a.id,
      advisor: a.email as string,
      place: a.slug,
      location: a.location,
      start: a.starts_at,
      end: a.ends_at,
      status: a.status,
      themes: a.themes,
      birthYear: a.birth_year,
      communeCode: a.commune_code,
    })),
    workshops: workshops.map((w) => ({
      id: w.id,
      advisor: w.email as string,
      place: w.slug,
      title: w.title,
      themes: w.themes,
      level: w.level,
      start: w.starts_at,
      end: w.ends_at,
      attended: w.attended,
    })),
  };
}

/** What the plan needs from the database: the département's communes and the booking demo's past. */
export async function activityPlanInput(db: DbOrTx, network: DemoNetwork, schedule: DemoSchedule, now: Date): Promise<ActivityPlanInput> {
  const communes = await db
    .selectFrom("communes")
    .select(["code", "latitude", "longitude", "population"])
    .where("departement", "=", network.departement)
    .orderBy("code")
    .execute();
  const facts = await bookingFacts(db, now);
  return { network, schedule, absences: demoAbsences(schedule, toParis(now).date), now, communes, ...facts };
}

export async function loadDemoActivity(trx: DbOrTx, ctx: ActivitySeedContext): Promise<ActivitySeedSummary> {
  const { network, schedule, now } = ctx;
  const today = toParis(now).date;
  const plan = planDemoActivity(await activityPlanInput(trx, network, schedule, now));

  const structureOfAdvisor = new Map(network.accounts.flatMap((a) => (a.advisor ? [[a.email, ctx.structureOf(a.advisor.structure)] as const] : [])));
  const beneficiaryId = new Map(plan.beneficiaries.map((b) => [b.key, randomUUID()]));
  const idOf = (key: string) => beneficiaryId.get(key) as string;
  const profiles = new Map<string, PersonProfile>(
    plan.beneficiaries.map((b) => [idOf(b.key), { gender: b.gender, ageBand: b.ageBand, socialStatus: b.socialStatus, communeCode: b.residenceCommuneCode }]),
  );

  await insertBatches(plan.beneficiaries, (chunk) =>
    trx
      .insertInto("beneficiaries")
      .values(
        chunk.map((b) => ({
          id: idOf(b.key),
          advisor_id: ctx.advisorOf(b.advisor),
          structure_id: ctx.structureOf(b.structure),
          shared_with_structure: b.shared,
          first_name: b.firstName,
          last_name: b.lastName,
          search_name: b.searchName,
          phone: b.phone,
          email: b.email,
          birth_year: b.birthYear,
          notes: b.notes,
          residence_commune_code: b.residenceCommuneCode,
          gender: b.gender,
          social_status: b.socialStatus,
          age_band: b.ageBand,
          consent_at: b.consentAt,
          consent_method: b.consentMethod,
          consent_by_user_id: ctx.userOf(b.advisor),
          is_demo: true,
          created_at: b.consentAt,
          updated_at: b.consentAt,
        })),
      )
      .execute(),
  );

  const reports: StoredReport[] = [];
  const participants: (ParticipantRow & { report_id: string })[] = [];
  for (const draft of plan.reports) {
    const id = randomUUID();
    const rows = reportToRows(withIds(draft.report, ctx.placeOf, idOf), {
      advisorId: ctx.advisorOf(draft.advisor),
      structureId: structureOfAdvisor.get(draft.advisor) as string,
      createdByUserId: ctx.userOf(draft.advisor),
      placeCommuneCode: draft.placeCommune,
      profiles,
      appointmentId: draft.appointmentId,
      workshopId: draft.workshopId,
    });
    const breakdown = rows.report.anonymous_participants;
    reports.push({
      id,
      ...rows.report,
      // The breakdown travels inside the JSON document as an object, not as a JSON string.
      anonymous_participants: typeof breakdown === "string" ? (JSON.parse(breakdown) as AnonymousBreakdown) : null,
      is_demo: true,
      created_at: draft.createdAt,
      updated_at: draft.createdAt,
    });
    for (const p of rows.participants) participants.push({ report_id: id, ...p });
  }
  await insertJson(trx, "activity_reports", reports);
  await insertJson(trx, "activity_participants", participants);
  const events = await coordinationEvents(trx, ctx, today);
  return {
    reports: reports.length,
    individual: reports.filter((r) => r.type === "individuel").length,
    collective: reports.filter((r) => r.type === "collectif").length,
    participants: participants.length,
    beneficiaries: plan.beneficiaries.length,
    likelyDuplicates: plan.beneficiaries.filter((b) => b.likelyDuplicateOf !== null).length,
    appointmentReports: reports.filter((r) => r.appointment_id !== null).length,
    appointmentsToComplete: plan.appointmentsToComplete.length,
    workshopReports: reports.filter((r) => r.workshop_id !== null).length,
    coordinationEvents: events,
  };
}

/** The draft's place slug and beneficiary keys replaced by row ids. */
function withIds(report: ActivityReport, placeOf: (slug: string) => string, idOf: (key: string) => string): ActivityReport {
  const place = report.place.type === "lieu-activite" ? { ...report.place, placeId: placeOf(report.place.placeId) } : report.place;
  if (report.type === "collectif") {
    return { ...report, place, participants: { ...report.participants, beneficiaryIds: report.participants.beneficiaryIds.map(idOf) } };
  }
  const beneficiary = report.beneficiary.kind === "known" ? { kind: "known" as const, beneficiaryId: idOf(report.beneficiary.beneficiaryId) } : report.beneficiary;
  return { ...report, place, beneficiary };
}

async function coordinationEvents(trx: DbOrTx, ctx: ActivitySeedContext, today: string): Promise<number> {
  const { network, now } = ctx;
  const coordinator = network.accounts.find((a) => a.roles.some((r) => r.role === "coordinator"));
  const series = await trx.selectFrom("workshop_series").select(["valid_from", "weekday"]).orderBy("valid_from").executeTakeFirst();
  let seriesStart: string | null = null;
  if (series) {
    seriesStart = series.valid_from;
    while (isoWeekday(seriesStart) !== series.weekday) seriesStart = addDays(seriesStart, 1);
  }
  const main = network.structures.find((s) => s.kind === "departement")?.communeCode ?? network.places[0]?.communeCode ?? null;
  const second = network.places.map((p) => p.communeCode).find((code) => code !== main) ?? null;
  const events = demoCoordinationEvents({
    ...activityPeriod(today),
    departement: network.departement,
    advisors: network.accounts.filter((a) => a.advisor).length,
    mainCommune: main,
    secondCommune: second,
    seriesStart,
  });
  if (events.length === 0) return 0;
  await trx
    .insertInto("coordination_events")
    .values(
      events.map((e) => ({
        kind: e.kind,
        date: e.date,
        title: e.title,
        duration_minutes: e.durationMinutes,
        participants_count: e.participantsCount,
        partners: e.partners,
        commune_code: e.communeCode,
        notes: e.notes,
        created_by_user_id: coordinator ? ctx.userOf(coordinator.email) : null,
        is_demo: true,
        created_at: loggedAt(e.date, now),
        updated_at: loggedAt(e.date, now),
      })),
    )
    .execute();
  return events.length;
}

/** Coordinators log their work the evening it happens. */
function loggedAt(date: string, now: Date): Date {
  const at = parisToInstant(date, "18:00");
  return at.getTime() < now.getTime() ? at : now;
}
