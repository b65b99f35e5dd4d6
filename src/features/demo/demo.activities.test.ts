import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import type { ActivityReportRow } from "../activities/activities.table.ts";
import { type ActivityReportInput, checkActivityReport } from "../activities/activity.ts";
import { type PersonProfile, reportToRows } from "../activities/activity-row.ts";
import { durationPresetOf } from "../activities/taxonomy.ts";
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, isoWeekday, toParis } from "../calendar/paris-time.ts";

let handle: DatabaseHandle;
let reports: ActivityReportRow[];
let participants: Map<string, string[]>;
const today = toParis(DEMO_NOW).date;

before(async () => {
  handle = await openTestDatabase("demo");
  reports = await handle.db.selectFrom("activity_reports").selectAll().orderBy("date").orderBy("id").execute();
  participants = new Map();
  for (const p of await handle.db.selectFrom("activity_participants").select(["report_id", "beneficiary_id"]).execute()) {
    participants.set(p.report_id, [...(participants.get(p.report_id) ?? []), p.beneficiary_id]);
  }
});
after(async () => {
  await handle.close();
});

/** A stored report read back as the form would have posted it. */
function toInput(r: ActivityReportRow, participantIds: string[]): ActivityReportInput {
  const preset = durationPresetOf(r.duration_minutes);
  const input: ActivityReportInput = {
    type: r.type,
    date: r.date,
    placeType: r.place_type,
    placeId: r.place_id ?? undefined,
    communeCode: r.place_type === "domicile" || r.place_type === "autre-lieu" ? (r.commune_code ?? undefined) : undefined,
    durationPreset: preset ?? "autre",
    durationMinutes: preset ? undefined : String(r.duration_minutes),
    equipment: r.equipment,
    themes: r.themes,
    procedureAreas: r.procedure_areas,
    notes: r.notes ?? undefined,
  };
  if (r.type === "individuel") {
    const known = r.beneficiary_id !== null;
    return {
      ...input,
      autonomy: r.autonomy ?? undefined,
      oriented: r.oriented === null ? undefined : r.oriented ? "oui" : "non",
      referralStructure: r.referral_structure ?? undefined,
      beneficiaryId: r.beneficiary_id ?? undefined,
      gender: known ? undefined : (r.beneficiary_gender ?? undefined),
      ageBand: known ? undefined : (r.beneficiary_age_band ?? undefined),
      socialStatus: known ? undefined : (r.beneficiary_social_status ?? undefined),
      residenceCommuneCode: known ? undefined : (r.beneficiary_commune_code ?? undefined),
    };
  }
  return { ...input, title: r.title, level: r.level ?? undefined, participantIds, anonymousParticipants: { total: r.anonymous_total, ...r.anonymous_participants } };
}

test("the demo holds a year of activity: tens of thousands of reports, about 85 % individual, about 400 identified people", async () => {
  assert.ok(reports.length >= 25_000 && reports.length <= 35_000, `${reports.length} reports`);
  const individual = reports.filter((r) => r.type === "individuel").length / reports.length;
  assert.ok(individual > 0.8 && individual < 0.9, `${individual} individual`);
  const dates = reports.map((r) => r.date);
  assert.ok((dates[0] as string) >= addDays(today, -365), dates[0]);
  assert.ok((dates[dates.length - 1] as string) <= addDays(today, -1), dates[dates.length - 1]);
  for (const r of reports) assert.ok(r.is_demo && r.deleted_at === null && r.created_at.getTime() <= DEMO_NOW.getTime(), r.id);
  const people = await handle.db.selectFrom("beneficiaries").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  assert.ok(people.n >= 350 && people.n <= 450, `${people.n} beneficiaries`);
  const perAdvisor = new Map<string, number>();
  for (const r of reports) perAdvisor.set(r.advisor_id, (perAdvisor.get(r.advisor_id) ?? 0) + 1);
  assert.equal(perAdvisor.size, 38, "every advisor reports");
});

test("every demo report passes the form's check and is stored exactly as the form would store it", async () => {
  const people = await handle.db.selectFrom("beneficiaries").selectAll().execute();
  const profiles = new Map<string, PersonProfile>(
    people.map((b) => [b.id, { gender: b.gender, ageBand: b.age_band, socialStatus: b.social_status, communeCode: b.residence_commune_code }]),
  );
  const placeCommune = new Map((await handle.db.selectFrom("places").select(["id", "commune_code"]).execute()).map((p) => [p.id, p.commune_code]));
  // Every linked report, every report about a known person, and one in ten of the others.
  const sample = reports.filter((r, i) => r.appointment_id || r.workshop_id || r.beneficiary_id || participants.has(r.id) || i % 10 === 0);
  for (const row of sample) {
    const checked = checkActivityReport(toInput(row, participants.get(row.id) ?? []), { now: DEMO_NOW });
    assert.ok(checked.ok, `${row.id}: ${JSON.stringify(checked.ok ? null : checked.errors)}`);
    const again = reportToRows(checked.report, {
      advisorId: row.advisor_id,
      structureId: row.structure_id,
      createdByUserId: row.created_by_user_id,
      placeCommuneCode: row.place_id ? (placeCommune.get(row.place_id) ?? null) : null,
      profiles,
      appointmentId: row.appointment_id,
      workshopId: row.workshop_id,
    });
    const { anonymous_participants, ...rest } = again.report;
    for (const [key, value] of Object.entries(rest)) assert.deepEqual(row[key as keyof ActivityReportRow], value, `${row.id}.${key}`);
    assert.deepEqual(row.anonymous_participants, anonymous_participants ? JSON.parse(anonymous_participants) : null);
  }
  assert.ok(sample.length > 3000);
});

test("reports happen where the advisor works: their own places, or a commune for home visits and other places", async () => {
  const permanences = await handle.db.selectFrom("permanences").select(["advisor_id", "place_id"]).execute();
  const ownPlaces = new Set(permanences.map((p) => `${p.advisor_id}|${p.place_id}`));
  const byType = new Map<string, number>();
  for (const r of reports) {
    byType.set(r.place_type, (byType.get(r.place_type) ?? 0) + 1);
    if (r.place_type === "lieu-activite") assert.ok(ownPlaces.has(`${r.advisor_id}|${r.place_id}`), r.id);
    if (r.place_type === "a-distance") assert.equal(r.commune_code, null);
    else assert.ok(r.commune_code, r.id);
  }
  assert.ok((byType.get("lieu-activite") ?? 0) / reports.length > 0.6);
  for (const type of ["domicile", "a-distance", "autre-lieu"]) assert.ok((byType.get(type) ?? 0) > 500, type);
});

test("the year has a season: tax returns in April–May and back to school in September above the mean, August below", () => {
  const byMonth = new Map<string, number>();
  for (const r of reports) byMonth.set(r.date.slice(0, 7), (byMonth.get(r.date.slice(0, 7)) ?? 0) + 1);
  const months = [...byMonth.keys()].filter((m) => m >= "2025-11" && m <= "2026-10");
  assert.equal(months.length, 12);
  const mean = months.reduce((s, m) => s + (byMonth.get(m) as number), 0) / 12;
  for (const m of ["2026-04", "2026-05", "2026-09"]) assert.ok((byMonth.get(m) as number) > mean, `${m}: ${byMonth.get(m)} vs ${mean}`);
  assert.ok((byMonth.get("2026-08") as number) < 0.7 * mean, `August: ${byMonth.get("2026-08")}`);

  const share = (month: string, test: (r: ActivityReportRow) => boolean) => {
    const of = reports.filter((r) => r.date.startsWith(month));
    return of.filter(test).length / of.length;
  };
  const taxes = (r: ActivityReportRow) => r.procedure_areas.includes("argent-impots");
  const school = (r: ActivityReportRow) => r.themes.includes("scolarite") || r.procedure_areas.includes("famille-scolarite");
  assert.ok(share("2026-05", taxes) > 2 * share("2026-02", taxes));
  assert.ok(share("2026-09", school) > 2 * share("2026-03", school));
});

test("no report on Sundays, public holidays, the advisor's Afpa training day or leave", async () => {
  const holidays = holidaySet(addDays(today, -366), today, "47");
  const absences = await handle.db.selectFrom("absences").selectAll().execute();
  const training = new Map(absences.filter((a) => a.kind === "training").map((a) => [a.advisor_id, a.weekdays ?? []]));
  const leave = absences.filter((a) => a.starts_at !== null && a.ends_at !== null);
  for (const r of reports) {
    const weekday = isoWeekday(r.date);
    assert.notEqual(weekday, 7, r.date);
    assert.ok(!holidays.has(r.date), `${r.date} is a holiday`);
    assert.ok(!(training.get(r.advisor_id) ?? []).includes(weekday), `${r.date}: training day`);
  }
  for (const a of leave) {
    const from = toParis(a.starts_at as Date).date;
    const to = toParis(new Date((a.ends_at as Date).getTime() - 1)).date;
    assert.ok(!reports.some((r) => r.advisor_id === a.advisor_id && r.date >= from && r.date <= to), `leave of ${a.advisor_id}`);
  }
});
