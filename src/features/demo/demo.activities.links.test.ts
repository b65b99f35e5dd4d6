import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { searchNameOf } from "../beneficiaries/beneficiary.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { activityPlanInput } from "./demo.activities.seed.ts";
import { planDemoActivity } from "./demo.activities.ts";
import { genericNetwork, lotEtGaronneNetwork } from "./demo.data.ts";
import { demoSchedule } from "./demo.permanences.ts";

let handle: DatabaseHandle;
const today = toParis(DEMO_NOW).date;

before(async () => {
  handle = await openTestDatabase("demo");
});
after(async () => {
  await handle.close();
});

test("every identified person gave consent to their advisor, and their reports carry their profile", async () => {
  const people = await handle.db
    .selectFrom("beneficiaries")
    .innerJoin("advisors", "advisors.id", "beneficiaries.advisor_id")
    .selectAll("beneficiaries")
    .select(["advisors.user_id as advisor_user_id", "advisors.structure_id as advisor_structure_id"])
    .execute();
  const firstReport = new Map<string, string>();
  const reports = await handle.db
    .selectFrom("activity_reports")
    .select(["beneficiary_id", "date", "beneficiary_gender", "beneficiary_age_band", "beneficiary_social_status", "beneficiary_commune_code"])
    .where("beneficiary_id", "is not", null)
    .orderBy("date")
    .execute();
  const byId = new Map(people.map((b) => [b.id, b]));
  for (const r of reports) {
    const b = byId.get(r.beneficiary_id as string);
    assert.ok(b);
    if (!firstReport.has(b.id)) firstReport.set(b.id, r.date);
    assert.deepEqual(
      [r.beneficiary_gender, r.beneficiary_age_band, r.beneficiary_social_status, r.beneficiary_commune_code],
      [b.gender, b.age_band, b.social_status, b.residence_commune_code],
    );
  }
  for (const b of people) {
    assert.ok(b.consent_at && b.consent_method, b.id);
    assert.equal(b.consent_by_user_id, b.advisor_user_id);
    assert.equal(b.structure_id, b.advisor_structure_id);
    assert.equal(b.search_name, searchNameOf(b.first_name, b.last_name));
    assert.ok(b.is_demo && b.erased_at === null && b.merged_into_id === null);
    const first = firstReport.get(b.id);
    assert.ok(first, `${b.first_name} ${b.last_name} has reports`);
    assert.ok(toParis(b.consent_at).date <= first, "consent before the first report");
  }
  const followed = [...firstReport.keys()].filter((id) => reports.filter((r) => r.beneficiary_id === id).length >= 3);
  assert.ok(followed.length > people.length / 2, "most people are followed over several reports");
  assert.ok(people.some((b) => b.shared_with_structure) && people.some((b) => !b.shared_with_structure));
  assert.ok(new Set(people.map((b) => b.consent_method)).size === 3);
});

test("a few people were entered twice, with and without accents, so the duplicate finder has something to show", async () => {
  const groups = await handle.db
    .selectFrom("beneficiaries")
    .select(["search_name", "birth_year", sql<string[]>`array_agg(first_name || ' ' || last_name order by created_at)`.as("names")])
    .groupBy(["search_name", "birth_year"])
    .having(sql`count(*)`, ">", 1)
    .execute();
  assert.ok(groups.length >= 4 && groups.length <= 12, `${groups.length} likely duplicates`);
  for (const g of groups) assert.notEqual(g.names[0], g.names[1], "spelt differently");
});

test("attended appointments of the last weeks have their report, some are left to complete, past workshops are reported", async () => {
  const attended = await handle.db
    .selectFrom("appointments")
    .leftJoin("activity_reports", "activity_reports.appointment_id", "appointments.id")
    .select(["appointments.id", "appointments.advisor_id", "appointments.starts_at", "appointments.status", "activity_reports.advisor_id as report_advisor", "activity_reports.date"])
    .where("appointments.starts_at", "<", DEMO_NOW)
    .execute();
  const reported = attended.filter((a) => a.date !== null);
  assert.ok(reported.length > 100);
  for (const a of reported) {
    assert.equal(a.status, "attended");
    assert.equal(a.report_advisor, a.advisor_id);
    assert.equal(a.date, toParis(a.starts_at).date);
  }
  const toComplete = attended.filter((a) => a.status === "attended" && a.date === null);
  assert.ok(toComplete.length >= 10, `${toComplete.length} appointments to complete`);
  assert.ok(toComplete.some((a) => toParis(a.starts_at).date >= addDays(today, -7)), "some from last week");

  const workshops = await sql<{ id: string; attended: number; anonymous_total: number | null; participants_total: number | null; type: string | null }>`
    select w.id, (select count(*)::int from workshop_registrations r where r.workshop_id = w.id and r.status = 'attended') as attended,
           a.anonymous_total, a.participants_total, a.type
      from workshops w left join activity_reports a on a.workshop_id = w.id
     where w.ends_at < ${DEMO_NOW}`.execute(handle.db);
  assert.ok(workshops.rows.length >= 1);
  for (const w of workshops.rows.filter((w) => w.attended > 0)) {
    assert.equal(w.type, "collectif");
    assert.equal(w.anonymous_total, w.attended);
    assert.equal(w.participants_total, w.attended);
  }
});

test("every workshop's anonymous breakdown adds up to its anonymous participants, known people counted on top", async () => {
  const rows = await sql<{ id: string; anonymous_total: number; participants_total: number; anonymous_participants: Record<string, Record<string, number>>; known: number }>`
    select a.id, a.anonymous_total, a.participants_total, a.anonymous_participants,
           (select count(*)::int from activity_participants p where p.report_id = a.id) as known
      from activity_reports a where a.type = 'collectif'`.execute(handle.db);
  assert.ok(rows.rows.length > 2000);
  assert.ok(rows.rows.some((r) => r.known > 0), "some known people came to workshops");
  for (const r of rows.rows) {
    assert.equal(r.participants_total, r.known + r.anonymous_total, r.id);
    for (const dimension of ["genders", "ageBands", "socialStatuses"]) {
      const counts = Object.values(r.anonymous_participants[dimension] ?? {});
      assert.equal(
        counts.reduce((s, n) => s + n, 0),
        r.anonymous_total,
        `${r.id}.${dimension}`,
      );
    }
  }
});

test("the coordinators' log holds a year of network meetings, events, partnerships and training", async () => {
  const events = await handle.db
    .selectFrom("coordination_events")
    .innerJoin("users", "users.id", "coordination_events.created_by_user_id")
    .select(["kind", "date", "title", "users.email"])
    .orderBy("date")
    .execute();
  assert.ok(events.length >= 25 && events.length <= 35, `${events.length} events`);
  assert.ok(events.every((e) => e.email === "coordination@declic47.example"));
  assert.ok(events.every((e) => e.date >= addDays(today, -365) && e.date < today));
  const kinds = new Map<string, number>();
  for (const e of events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  assert.ok((kinds.get("reunion-reseau") ?? 0) >= 10);
  for (const kind of ["evenement", "partenariat", "formation"]) assert.ok((kinds.get(kind) ?? 0) >= 3, kind);
  assert.ok(events.some((e) => e.title.includes("Jeudis de l'inclusion")));
});

test("the plan is deterministic and is what was loaded", async () => {
  const network = lotEtGaronneNetwork();
  const input = await activityPlanInput(handle.db, network, demoSchedule(network, today), DEMO_NOW);
  const first = planDemoActivity(input);
  const second = planDemoActivity(input);
  assert.deepEqual(second.reports.slice(0, 50), first.reports.slice(0, 50));
  assert.deepEqual(second.beneficiaries, first.beneficiaries);
  assert.equal(second.reports.length, first.reports.length);
  const loaded = await handle.db
    .selectFrom("activity_reports")
    .innerJoin("advisors", "advisors.id", "activity_reports.advisor_id")
    .select(["advisors.email", "date", "type", "duration_minutes", "themes"])
    .orderBy("date")
    .execute();
  assert.equal(loaded.length, first.reports.length);
  // The first day's reports, as a sorted list of what can be compared without row ids.
  const day = loaded[0]?.date as string;
  const describe = (r: { advisor: string; type: string; minutes: number; themes: string[] }) => `${r.advisor}|${r.type}|${r.minutes}|${r.themes.join()}`;
  assert.deepEqual(
    loaded
      .filter((r) => r.date === day)
      .map((r) => describe({ advisor: r.email ?? "", type: r.type, minutes: r.duration_minutes, themes: r.themes }))
      .sort(),
    first.reports
      .filter((r) => r.report.date === day)
      .map((r) => describe({ advisor: r.advisor, type: r.report.type, minutes: r.report.durationMinutes, themes: r.report.themes }))
      .sort(),
  );
});

test("another département's smaller network gets a year of activity in proportion", async () => {
  const communes = await handle.db.selectFrom("communes").select(["code", "name", "population", "postcodes", "epci_code", "latitude", "longitude"]).execute();
  const epcis = await handle.db.selectFrom("epcis").select(["code", "name", "population"]).execute();
  const network = genericNetwork({
    departement: "47",
    departementName: "Lot-et-Garonne",
    typeLiaison: 2,
    region: "75",
    chefLieu: "47001",
    communes: communes.map((c) => ({ code: c.code, name: c.name, population: c.population, postcodes: c.postcodes, epciCode: c.epci_code })),
    epcis,
  });
  const advisors = network.accounts.filter((a) => a.advisor).length;
  const schedule = demoSchedule(network, today);
  const plan = planDemoActivity({ network, schedule, absences: [], now: DEMO_NOW, communes, appointments: [], workshops: [] });
  assert.ok(plan.reports.length > 500 * advisors && plan.reports.length < 1100 * advisors, `${plan.reports.length} reports for ${advisors} advisors`);
  assert.ok(plan.beneficiaries.length >= 8 * advisors);
});
