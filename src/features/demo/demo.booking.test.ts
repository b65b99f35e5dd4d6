import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { THEMES } from "../activities/taxonomy.ts";
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { occurrences } from "../permanences/permanence.ts";

let handle: DatabaseHandle;
before(async () => {
  handle = await openTestDatabase("demo");
});
after(async () => {
  await handle.close();
});

test("the demo loads appointments of every status on both databases, none overlapping another of the same advisor", async () => {
  const statuses = await handle.db
    .selectFrom("appointments")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status")
    .execute();
  const count = new Map(statuses.map((s) => [s.status, s.n]));
  for (const status of ["planned", "attended", "no_show", "excused", "cancelled"] as const) assert.ok((count.get(status) ?? 0) > 0, status);
  const overlaps = await sql<{ n: number }>`
    select count(*)::int as n from appointments a join appointments b
      on a.advisor_id = b.advisor_id and a.id < b.id
     and a.status <> 'cancelled' and b.status <> 'cancelled'
     and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`.execute(handle.db);
  assert.equal(overlaps.rows[0]?.n, 0);
});

test("past demo appointments are settled and coming ones are planned, all with consent and a way to reach the person", async () => {
  const rows = await handle.db.selectFrom("appointments").selectAll().execute();
  const today = toParis(DEMO_NOW).date;
  for (const a of rows) {
    const date = toParis(a.starts_at).date;
    assert.ok(date >= addDays(today, -28) && date <= addDays(today, 21), date);
    if (a.starts_at.getTime() >= DEMO_NOW.getTime()) assert.equal(a.status, "planned");
    else assert.notEqual(a.status, "planned");
    assert.ok(a.consent_at.getTime() <= DEMO_NOW.getTime());
    assert.ok(a.phone !== null || a.email !== null);
    if (a.phone) assert.match(a.phone, /^06 12 34 56 \d\d$/);
    if (a.email) assert.match(a.email, /@example\.org$/);
    assert.equal(a.is_demo, true);
    assert.equal(a.cancelled_at !== null, a.status === "cancelled");
    for (const theme of a.themes) assert.ok(THEMES.some((t) => t.code === theme), theme);
  }
  assert.deepEqual([...new Set(rows.map((a) => a.booked_via))].sort(), ["public", "staff"]);
});

test("every demo appointment falls inside one of its advisor's appointment permanences at its place", async () => {
  const [appointments, permanences] = await Promise.all([
    handle.db.selectFrom("appointments").select(["advisor_id", "place_id", "starts_at", "ends_at"]).execute(),
    handle.db.selectFrom("permanences").selectAll().where("mode", "in", ["appointment", "both"]).execute(),
  ]);
  const today = toParis(DEMO_NOW).date;
  const holidays = holidaySet(addDays(today, -40), addDays(today, 40), "47");
  const windows = permanences.flatMap((p) =>
    occurrences(
      { weekdays: p.weekdays, startTime: p.start_time, endTime: p.end_time, everyWeeks: p.every_weeks, validFrom: p.valid_from, validTo: p.valid_to, cancelledDates: p.cancelled_dates },
      addDays(today, -30),
      addDays(today, 30),
      holidays,
    ).map((o) => ({ advisor: p.advisor_id, place: p.place_id, ...o })),
  );
  assert.ok(appointments.length > 300);
  for (const a of appointments) {
    const inside = windows.some(
      (w) => w.advisor === a.advisor_id && w.place === a.place_id && w.start <= a.starts_at && a.ends_at <= w.end,
    );
    assert.ok(inside, `${a.advisor_id} ${a.starts_at.toISOString()}`);
  }
});

test("every demo advisor trains at the Afpa every week on the weekday kept free of permanences", async () => {
  const advisors = await handle.db.selectFrom("advisors").select("id").execute();
  const absences = await handle.db.selectFrom("absences").selectAll().where("kind", "=", "training").execute();
  const permanences = await handle.db.selectFrom("permanences").select(["advisor_id", "weekdays"]).execute();
  assert.equal(advisors.length, 38);
  for (const { id } of advisors) {
    const training = absences.filter((a) => a.advisor_id === id);
    assert.equal(training.length, 1);
    const [absence] = training;
    assert.equal(absence?.label, "Formation (Afpa)");
    assert.equal(absence?.weekdays?.length, 1);
    const day = absence?.weekdays?.[0] as number;
    assert.ok(day >= 1 && day <= 5);
    assert.ok(!permanences.some((p) => p.advisor_id === id && p.weekdays.includes(day)), `advisor ${id} holds no permanence on day ${day}`);
  }
  const leave = await handle.db.selectFrom("absences").select("id").where("kind", "=", "leave").execute();
  assert.ok(leave.length > 0);
});

test("every employer offers 2 to 4 motifs, public ones and a staff-only one somewhere", async () => {
  const kinds = await handle.db.selectFrom("appointment_kinds").selectAll().execute();
  const byStructure = new Map<string, typeof kinds>();
  for (const k of kinds) byStructure.set(k.structure_id, [...(byStructure.get(k.structure_id) ?? []), k]);
  const employers = await handle.db.selectFrom("advisors").select("structure_id").distinct().execute();
  assert.equal(byStructure.size, employers.length);
  for (const list of byStructure.values()) assert.ok(list.length >= 2 && list.length <= 4);
  assert.ok(kinds.some((k) => k.bookable_by === "staff" && k.name === "Accompagnement approfondi" && k.duration_minutes === 90));
  assert.ok(kinds.some((k) => k.location === "phone" && k.duration_minutes === 30));
});

test("the demo has the weekly remote Jeudis de l'inclusion with its next 8 sessions and one-off workshops with waiting lists", async () => {
  const series = await handle.db.selectFrom("workshop_series").selectAll().execute();
  assert.equal(series.length, 1);
  const [jeudis] = series;
  assert.equal(jeudis?.title, "Les Jeudis de l'inclusion");
  assert.deepEqual([jeudis?.weekday, jeudis?.start_time, jeudis?.end_time, jeudis?.capacity, jeudis?.is_remote], [4, "14:00", "15:30", 20, true]);
  assert.equal(jeudis?.video_url, "https://visio.example/jeudis-inclusion");
  const sessions = await handle.db.selectFrom("workshops").selectAll().where("series_id", "=", jeudis?.id as string).orderBy("starts_at").execute();
  assert.equal(sessions.length, 8);
  for (const s of sessions) {
    assert.equal(toParis(s.starts_at).weekday, 4);
    assert.equal(toParis(s.starts_at).time, "14:00");
    assert.ok(s.starts_at > DEMO_NOW);
  }

  const oneOffs = await handle.db
    .selectFrom("workshops")
    .leftJoin("workshop_registrations as r", "r.workshop_id", "workshops.id")
    .select([
      "workshops.id",
      "workshops.capacity",
      "workshops.starts_at",
      "workshops.place_id",
      sql<number>`count(*) filter (where r.status in ('registered', 'offered', 'attended', 'absent'))::int`.as("seated"),
      sql<number>`count(*) filter (where r.status = 'waiting')::int`.as("waiting"),
    ])
    .where("workshops.series_id", "is", null)
    .groupBy("workshops.id")
    .execute();
  assert.ok(oneOffs.length >= 6 && oneOffs.length <= 10);
  assert.ok(oneOffs.some((w) => w.starts_at < DEMO_NOW) && oneOffs.some((w) => w.starts_at > DEMO_NOW));
  for (const w of oneOffs) {
    assert.ok(w.place_id !== null);
    assert.ok(w.seated <= w.capacity);
  }
  assert.ok(oneOffs.some((w) => w.seated === w.capacity && w.waiting > 0), "a full workshop has a waiting list");
  const offered = await handle.db.selectFrom("workshop_registrations").selectAll().where("status", "=", "offered").execute();
  assert.equal(offered.length, 1);
  assert.ok((offered[0]?.offer_expires_at as Date) > DEMO_NOW);
});

test("demo SMS and e-mails are in the outbox as already delivered, under demo: keys", async () => {
  const rows = await handle.db.selectFrom("outbox").selectAll().where("idempotency_key", "like", "demo:%").execute();
  assert.ok(rows.length >= 6, `${rows.length} messages`);
  assert.ok(rows.some((m) => m.channel === "sms") && rows.some((m) => m.channel === "email"));
  for (const m of rows) {
    assert.equal(m.status, "stored");
    assert.ok(m.sent_at !== null && m.sent_at <= DEMO_NOW);
    if (m.channel === "sms") assert.ok(m.body_text.length <= 320, m.body_text);
  }
  assert.ok(rows.some((m) => m.body_text.includes("https://visio.example/jeudis-inclusion")));
});
