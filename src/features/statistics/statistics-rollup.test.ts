import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { softDeleteReport } from "../activities/activities.repository.ts";
import { computeStatistics } from "./statistics.repository.ts";
import { demoReport, eraseOneAndMergeTwo, insertPerson, insertReport, ownAdvisor, period } from "./statistics.test-support.ts";
import type { StatsFilters } from "./statistics.ts";
import { refreshStatsRollup } from "./statistics-rollup.repository.ts";
import { rollupPlan } from "./stats-rollup-plan.ts";

// The rollup must give exactly the base tables' figures, whatever wrote the reports: every case is
// computed both ways and compared whole (totals, series, every breakdown row), after each kind of write.
const PERIODS: [string, string][] = [
  ["2025-12-01", "2026-10-31"], // whole months only
  ["2025-11-03", "2026-11-02"], // the default 12 months: partial months at both ends
  ["2026-03-15", "2026-06-20"], // partial ends around three whole months, both read as month minus the other days
  ["2026-01-25", "2026-04-05"], // partial ends read as their own days
  ["2026-05-01", "2026-05-31"], // one month
];
// Partial months of the whole network (with or without a type) come from the network's day rows: more
// start and end days, so that every month a write below touches is a partial month of some period.
const NETWORK_PERIODS: [string, string][] = [
  ["2026-02-10", "2026-07-20"], // both ends as month minus its other days (9 and 11 days)
  ["2026-07-02", "2026-09-28"], // minus one day at the start, two at the end
  ["2026-02-27", "2026-08-03"], // both ends as their own days (2 and 3 days)
  ["2026-05-31", "2026-10-01"], // one-day ends
  ["2025-12-16", "2026-02-14"], // half months around one whole month
  ["2025-05-20", "2026-01-10"], // starts before the first report (the inserts below add one in 2025-06)
  ["2026-10-05", "2027-02-28"], // one partial month only; ends after the latest month (the inserts below add a report in 2027-01)
];
const isNetwork = (scope: Partial<StatsFilters>) => scope.structureId === undefined && scope.employerKind === undefined;

describe("statistics rollup", () => {
  let handle: DatabaseHandle;
  let scopes: Partial<StatsFilters>[];
  let userId: string;
  const db = () => handle.db;

  async function sameBothWays(label: string): Promise<void> {
    const cases: [string, string, Partial<StatsFilters>[]][] = [
      ...PERIODS.map(([from, to]): [string, string, Partial<StatsFilters>[]] => [from, to, scopes]),
      ...NETWORK_PERIODS.map(([from, to]): [string, string, Partial<StatsFilters>[]] => [from, to, scopes.filter(isNetwork)]),
    ];
    for (const [from, to, inScope] of cases) {
      for (const scope of inScope) {
        const filters = period(from, to, scope);
        const rollup = await computeStatistics(db(), filters, "mois", { path: "rollup" });
        const base = await computeStatistics(db(), filters, "mois", { path: "base" });
        assert.deepEqual(rollup, base, `${label}: ${from}…${to} ${JSON.stringify(scope)}`);
      }
    }
    // The network's people groups, kept by deltas, are the people spans counted from scratch.
    const groups = (from: string) => sql<Record<string, unknown>>`
      select kind, to_char(first_month, 'YYYY-MM-DD') as first_month, array_to_string(months, ',') as months, people from (${sql.raw(from)}) g
      order by kind, first_month, months`;
    const counted = `select k.kind, date_trunc('month', s.first_day::timestamp)::date as first_month, k.months, count(*)::int as people
      from stats_person_span s cross join lateral (values ('all', s.months), ('individuel', s.ind_months), ('collectif', s.coll_months)) k(kind, months)
      where cardinality(k.months) > 0 group by 1, 2, 3`;
    const kept = (await groups("select * from stats_person_groups").execute(db())).rows;
    assert.ok(kept.length > 0, `${label}: people groups`);
    assert.deepEqual(kept, (await groups(counted).execute(db())).rows, `${label}: people groups`);
    await sameRunningTotals(label);
  }

  /** The network's running totals, kept by deltas, are stats_network summed over every month up to each one. */
  async function sameRunningTotals(label: string): Promise<void> {
    const measures = sql`activities::int as activities, acc::int as acc, minutes::float8 as minutes, ind::int as ind, ind_minutes::float8 as ind_minutes,
      coll_acc::int as coll_acc, ind_anon::int as ind_anon, coll_anon::int as coll_anon`;
    const rows = (from: string) => sql<Record<string, unknown>>`
      select to_char(month, 'YYYY-MM-DD') as month, type, source, dim, code, ${measures} from (${sql.raw(from)}) c
      order by month, type, source, dim, code`;
    const latest = await sql<{ kept: string | null; network: string | null }>`
      select to_char((select max(month) from stats_network_cum), 'YYYY-MM-DD') as kept, to_char((select max(month) from stats_network), 'YYYY-MM-DD') as network`.execute(db());
    const { kept, network } = latest.rows[0] ?? { kept: null, network: null };
    assert.ok(kept !== null && network !== null && kept >= network, `${label}: running totals up to the latest month`);
    // Every month from the first one up to the latest: each code's months up to it summed (no row while it had no activity).
    const summed = `select m.month::date as month, n.type, n.source, n.dim, n.code, sum(n.activities) as activities, sum(n.acc) as acc, sum(n.minutes) as minutes,
        sum(n.ind) as ind, sum(n.ind_minutes) as ind_minutes, sum(n.coll_acc) as coll_acc, sum(n.ind_anon) as ind_anon, sum(n.coll_anon) as coll_anon
      from generate_series((select min(month) from stats_network)::timestamp, '${kept}'::timestamp, interval '1 month') m(month)
      join stats_network n on n.month <= m.month::date and not (n.source = 'main' and n.dim = 'total')
      group by m.month, n.type, n.source, n.dim, n.code`;
    const expected = (await rows(summed).execute(db())).rows;
    assert.ok(expected.length > 0, `${label}: running totals`);
    assert.deepEqual((await rows("select * from stats_network_cum").execute(db())).rows, expected, `${label}: running totals`);
  }

  /** A demo report of the given type in the given month, with what `where` asks. */
  before(async () => {
    handle = await openTestDatabase("demo");
    const structure = await db().selectFrom("activity_reports").select("structure_id").orderBy("structure_id").limit(1).executeTakeFirstOrThrow();
    const kind = await db().selectFrom("structures").select("kind").where("id", "=", structure.structure_id).executeTakeFirstOrThrow();
    scopes = [{}, { structureId: structure.structure_id }, { employerKind: kind.kind }, { type: "collectif" }, { type: "individuel", structureId: structure.structure_id }];
    userId = (await db().selectFrom("users").select("id").limit(1).executeTakeFirstOrThrow()).id;
  });
  after(() => handle.close());

  test("the plan takes whole months from the rollup and reads partial ones from the base tables", () => {
    assert.deepEqual(rollupPlan(period("2025-11-03", "2026-11-02"), "mois"), {
      firstMonth: "2025-12-01",
      lastMonth: "2026-10-01",
      edges: [
        { from: "2025-11-03", to: "2025-11-30", minus: { from: "2025-11-01", to: "2025-11-02" } },
        { from: "2026-11-01", to: "2026-11-02", minus: null },
      ],
      cellMonths: { first: "2025-11-01", last: "2026-10-01" },
    });
    assert.deepEqual(rollupPlan(period("2026-01-25", "2026-04-20"), "mois")?.edges, [
      { from: "2026-01-25", to: "2026-01-31", minus: null },
      { from: "2026-04-01", to: "2026-04-20", minus: { from: "2026-04-21", to: "2026-04-30" } },
    ]);
    assert.deepEqual(
      rollupPlan(period("2025-12-07", "2026-12-06"), "mois", "2026-12-06")?.edges.map((e) => e.minus),
      [
        { from: "2025-12-01", to: "2025-12-06" },
        { from: "2026-12-07", to: "2026-12-31" },
      ],
      "the default 12 months on the 6th: the days after today hold no report, so the last month is read as whole month minus them",
    );
    assert.equal(rollupPlan(period("2026-03-02", "2026-03-30"), "mois"), null, "no whole month");
    assert.equal(rollupPlan(period("2026-01-01", "2026-06-30"), "semaine"), null, "weeks");
    assert.equal(rollupPlan(period("2026-01-01", "2026-06-30", { theme: "e-mail" }), "mois"), null, "theme");
    assert.equal(rollupPlan(period("2026-01-01", "2026-06-30", { gender: "feminin" }), "mois"), null, "profile");
  });

  test("on the demo network, both ways give the same figures, and the first read leaves no dirty mark", async () => {
    await sameBothWays("demo");
    const dirty = await sql<{ n: number }>`select count(*)::int as n from stats_dirty`.execute(db());
    assert.equal(dirty.rows[0]?.n, 0);
  });

  test("after inserts, including reports with people and workshops with participants, at the ends of periods", async () => {
    const advisor = await ownAdvisor(db());
    const [ann, bob] = [await insertPerson(db(), advisor), await insertPerson(db(), advisor)];
    await insertReport(db(), advisor, { date: "2025-11-03", beneficiaryId: ann });
    await insertReport(db(), advisor, { date: "2026-04-10", beneficiaryId: ann });
    await insertReport(db(), advisor, { date: "2026-06-20", type: "collectif", participants: [{ id: bob }, { id: ann, gender: "feminin" }], anonymous: { total: 3, genders: { feminin: 2 } } });
    await insertReport(db(), advisor, { date: "2026-11-02", beneficiaryId: bob, themes: ["e-mail", "aide-demarches"] });
    // In the days a partial month subtracts: the person and the theme must not leak into the period.
    const carl = await insertPerson(db(), advisor);
    await insertReport(db(), advisor, { date: "2025-11-01", beneficiaryId: carl, themes: ["e-mail"] });
    await insertReport(db(), advisor, { date: "2026-03-14", type: "collectif", participants: [{ id: carl, gender: "masculin" }], anonymous: { total: 1, genders: {} } });
    // Before the first month and after the latest one of the demo, for codes never seen (a new advisor, place and commune).
    const newcomer = await ownAdvisor(db());
    await insertReport(db(), newcomer, { date: "2025-06-10", beneficiaryId: ann });
    await insertReport(db(), newcomer, { date: "2027-01-12", type: "collectif", participants: [{ id: bob }], anonymous: { total: 2, genders: {} } });
    scopes.push({ structureId: advisor.structure_id });
    await sameBothWays("inserts");
  });

  test("after edits: a date moved to another month, a structure changed, themes changed", async () => {
    const moved = await demoReport(db(), "individuel", "2026-02-01", "beneficiary_id is not null");
    await db().updateTable("activity_reports").set({ date: "2026-07-14" }).where("id", "=", moved.id).execute();
    const other = await db().selectFrom("structures").select("id").where("id", "!=", moved.structure_id).limit(1).executeTakeFirstOrThrow();
    const restructured = await demoReport(db(), "collectif", "2026-03-01");
    await db().updateTable("activity_reports").set({ structure_id: other.id }).where("id", "=", restructured.id).execute();
    const rethemed = await demoReport(db(), "individuel", "2026-05-01");
    await db().updateTable("activity_reports").set({ themes: ["aide-demarches"], procedure_areas: ["sante"] }).where("id", "=", rethemed.id).execute();
    await sameBothWays("edits");
  });

  test("after soft deletes and a hard delete of a workshop", async () => {
    await softDeleteReport(db(), (await demoReport(db(), "individuel", "2026-04-01", "beneficiary_id is not null")).id, userId, new Date());
    await softDeleteReport(db(), (await demoReport(db(), "collectif", "2026-05-01", "exists (select 1 from activity_participants p where p.report_id = activity_reports.id)")).id, userId, new Date());
    await db().deleteFrom("activity_reports").where("id", "=", (await demoReport(db(), "collectif", "2026-06-01", "workshop_id is null")).id).execute();
    await sameBothWays("deletes");
  });

  test("after changes to a workshop's known participants", async () => {
    const workshop = await demoReport(db(), "collectif", "2026-08-01", "exists (select 1 from activity_participants p where p.report_id = activity_reports.id)");
    const participant = await db().selectFrom("activity_participants").select("beneficiary_id").where("report_id", "=", workshop.id).executeTakeFirstOrThrow();
    await db().updateTable("activity_participants").set({ gender: "non-communique", age_band: "18-24" }).where("report_id", "=", workshop.id).execute();
    await db().deleteFrom("activity_participants").where("report_id", "=", workshop.id).where("beneficiary_id", "=", participant.beneficiary_id).execute();
    const newcomer = await demoReport(db(), "individuel", "2026-09-01", "beneficiary_id is not null");
    await db()
      .insertInto("activity_participants")
      .values({ report_id: workshop.id, beneficiary_id: newcomer.beneficiary_id as string, gender: "feminin", age_band: "25-39", social_status: "en-emploi", commune_code: "47001" })
      .execute();
    await sameBothWays("participants");
  });

  test("after an erasure and a merge of beneficiaries", async () => {
    await eraseOneAndMergeTwo(db(), userId);
    await sameBothWays("erasure and merge");
  });

  test("the network's partial months read its day rows: a wrong day row shows in the figures, and its mark repairs it", async () => {
    const filters = period("2026-02-10", "2026-07-20");
    const base = await computeStatistics(db(), filters, "mois", { path: "base" });
    const day = await sql<{ day: string; type: string }>`
      select to_char(day, 'YYYY-MM-DD') as day, type from stats_day
      where source = 'main' and dim = 'total' and day >= '2026-02-01' and day <= '2026-02-09' order by day, type limit 1`.execute(db());
    const wrong = day.rows[0];
    assert.ok(wrong, "a day with reports among the days the period's first month subtracts");
    await sql`update stats_day set activities = activities + 7 where day = ${wrong.day}::date and type = ${wrong.type} and source = 'main' and dim = 'total'`.execute(db());
    const stale = await computeStatistics(db(), filters, "mois", { path: "rollup" });
    assert.equal(stale.totals.activities, base.totals.activities - 7, "the subtracted day is read from stats_day");
    await sql`insert into stats_day_dirty (day, type) values (${wrong.day}::date, ${wrong.type})`.execute(db());
    assert.deepEqual(await computeStatistics(db(), filters, "mois", { path: "rollup" }), base);
  });

  test("the network's whole months read two running totals per code: the window's last month minus the month before it", async () => {
    const filters = period("2025-12-01", "2026-10-31");
    const base = await computeStatistics(db(), filters, "mois", { path: "base" });
    const band = await sql<{ code: string }>`
      select code from stats_network_cum where month = '2025-11-01' and type = 'individuel' and source = 'main' and dim = 'durationBand' order by code limit 1`.execute(db());
    const code = band.rows[0]?.code;
    assert.ok(code, "a duration band with individual activities before the window");
    const activitiesOf = (result: typeof base) => result.breakdowns.find((b) => b.dimension === "durationBand")?.rows.find((r) => r.code === code)?.activities;
    const shift = (month: string, by: number) =>
      sql`update stats_network_cum set activities = activities + ${by} where month = ${month}::date and type = 'individuel' and source = 'main' and dim = 'durationBand' and code = ${code}`.execute(db());
    await shift("2026-10-01", 7);
    assert.equal(activitiesOf(await computeStatistics(db(), filters, "mois", { path: "rollup" })), (activitiesOf(base) ?? 0) + 7, "the window's last month");
    await shift("2025-11-01", 7);
    assert.deepEqual(await computeStatistics(db(), filters, "mois", { path: "rollup" }), base, "the month before the window is taken away");
    await shift("2026-10-01", -7);
    assert.equal(activitiesOf(await computeStatistics(db(), filters, "mois", { path: "rollup" })), (activitiesOf(base) ?? 0) - 7, "the month before the window");
    await shift("2025-11-01", -7);
    assert.deepEqual(await computeStatistics(db(), filters, "mois", { path: "rollup" }), base);
  });

  test("the day rows kept up by the marks after every write equal the day rows rebuilt from the base tables", async () => {
    const everyRow = sql<Record<string, unknown>>`select to_char(day, 'YYYY-MM-DD') as day, type, source, dim, code, activities, acc, minutes::float8 as minutes,
      ind, ind_minutes::float8 as ind_minutes, coll_acc, ind_anon, coll_anon from stats_day order by day, type, source, dim, code`;
    const everyDay = [{ from: "2000-01-01", to: "2100-12-31" }];
    await refreshStatsRollup(db(), everyDay);
    const kept = (await everyRow.execute(db())).rows;
    assert.ok(kept.length > 0);
    await sql`insert into stats_day_dirty (day, type) select distinct date, type from activity_reports`.execute(db());
    await refreshStatsRollup(db(), everyDay);
    assert.deepEqual((await everyRow.execute(db())).rows, kept);
  });

  test("a write counts at the very next read, and a read inside a transaction uses the base tables", async () => {
    const filters = period("2025-12-01", "2026-10-31");
    const before = await computeStatistics(db(), filters, "mois");
    await softDeleteReport(db(), (await demoReport(db(), "individuel", "2026-10-01")).id, userId, new Date());
    const after = await computeStatistics(db(), filters, "mois");
    assert.equal(after.totals.activities, before.totals.activities - 1);
    const inside = await db().transaction().execute((trx) => computeStatistics(trx, filters, "mois"));
    assert.deepEqual(inside, after);
  });

  test("readers refreshing at the same time (one refresh at a time, on PostgreSQL over several connections) all get exact figures", async () => {
    const filters = period("2025-12-01", "2026-10-31");
    await softDeleteReport(db(), (await demoReport(db(), "collectif", "2026-09-01")).id, userId, new Date());
    await db().updateTable("activity_reports").set({ date: "2026-02-02" }).where("id", "=", (await demoReport(db(), "individuel", "2026-07-01")).id).execute();
    const readers = await Promise.all([1, 2, 3, 4].map(() => computeStatistics(db(), filters, "mois", { path: "rollup" })));
    const base = await computeStatistics(db(), filters, "mois", { path: "base" });
    for (const result of readers) assert.deepEqual(result, base);
  });
});
