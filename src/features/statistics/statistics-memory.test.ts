import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSameDatabase, openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { softDeleteReport } from "../activities/activities.repository.ts";
import { AGE_BANDS, GENDERS, PLACE_TYPES, PROCEDURE_AREAS, SOCIAL_STATUSES, THEMES } from "../activities/taxonomy.ts";
import { computeStatistics } from "./statistics.repository.ts";
import { demoReport, eraseOneAndMergeTwo, insertPerson, insertReport, ownAdvisor, period } from "./statistics.test-support.ts";
import type { Granularity, StatsFilters } from "./statistics.ts";
import { NOT_COMMUNICATED } from "./stats-figures.ts";
import { StatsMemory } from "./stats-memory.repository.ts";

// The in-memory copy must give exactly the base tables' figures for any filter the rollup cannot answer,
// after every kind of write, including writes made through another application instance between reads.
const PERIODS: [string, string, Granularity][] = [
  ["2025-12-01", "2026-10-31", "mois"], // whole months
  ["2025-11-03", "2026-11-02", "mois"], // the default 12 months: partial months at both ends
  ["2026-05-04", "2026-05-10", "jour"], // one week by day
];
type Filter = Partial<StatsFilters>;
type Dim = "theme" | "procedureArea" | "placeType" | "gender" | "ageBand" | "socialStatus";
const TAXONOMY: Record<Dim, readonly { code: string }[]> = {
  theme: THEMES,
  procedureArea: PROCEDURE_AREAS,
  placeType: PLACE_TYPES,
  gender: GENDERS,
  ageBand: AGE_BANDS,
  socialStatus: SOCIAL_STATUSES,
};
// The values of each filter in the demo, most frequent first (reports' snapshots and workshops' participants for profiles).
const VALUES: Record<Dim, string> = {
  theme: "select t as code, count(*) as n from activity_reports, unnest(themes) t where deleted_at is null group by 1",
  procedureArea: "select t as code, count(*) as n from activity_reports, unnest(procedure_areas) t where deleted_at is null group by 1",
  placeType: "select place_type as code, count(*) as n from activity_reports where deleted_at is null group by 1",
  gender: "select code, count(*) as n from (select beneficiary_gender as code from activity_reports where beneficiary_gender is not null union all select gender from activity_participants) v group by 1",
  ageBand: "select code, count(*) as n from (select beneficiary_age_band as code from activity_reports where beneficiary_age_band is not null union all select age_band from activity_participants) v group by 1",
  socialStatus: "select code, count(*) as n from (select beneficiary_social_status as code from activity_reports where beneficiary_social_status is not null union all select social_status from activity_participants) v group by 1",
};

describe("statistics from the in-memory copy of the reports", () => {
  let handle: DatabaseHandle;
  let other: DatabaseHandle;
  const memory = new StatsMemory();
  /** A second application instance: its own copy (and, on PostgreSQL, its own connections). */
  const secondMemory = new StatsMemory();
  let filters: Filter[];
  let userId: string;
  const db = () => handle.db;

  async function sameAsBase(label: string, cases: Filter[] = filters, copy = memory, on = db()): Promise<void> {
    for (const [from, to, granularity] of PERIODS) {
      for (const filter of cases) {
        const f = period(from, to, filter);
        const fromMemory = await computeStatistics(on, f, granularity, { path: "memory", memory: copy });
        const base = await computeStatistics(on, f, granularity, { path: "base" });
        assert.deepEqual(fromMemory, base, `${label}: ${from}…${to} ${JSON.stringify(filter)}`);
      }
    }
  }

  before(async () => {
    handle = await openTestDatabase("demo");
    other = openSameDatabase(handle);
    filters = [];
    for (const dim of Object.keys(VALUES) as Dim[]) {
      const values = (await sql<{ code: string }>`select code from (${sql.raw(VALUES[dim])}) v order by n desc, code`.execute(db())).rows.map((r) => r.code);
      assert.ok(values.length > 0, `demo values of ${dim}`);
      const absent = TAXONOMY[dim].find((o) => !values.includes(o.code))?.code ?? "valeur-absente";
      filters.push({ [dim]: values[0] }, { [dim]: values[values.length - 1] }, { [dim]: absent });
      if (TAXONOMY[dim].some((o) => o.code === NOT_COMMUNICATED.code)) filters.push({ [dim]: NOT_COMMUNICATED.code });
    }
    const report = await db().selectFrom("activity_reports").select(["structure_id", "advisor_id"]).where("type", "=", "collectif").orderBy("id").limit(1).executeTakeFirstOrThrow();
    const residence = await sql<{ code: string }>`select beneficiary_commune_code as code from activity_reports
      where beneficiary_commune_code is not null group by 1 order by count(*) desc, 1 limit 1`.execute(db());
    const epci = await sql<{ code: string }>`select epci_code as code from communes where epci_code is not null group by 1 order by count(*) desc, 1 limit 1`.execute(db());
    const kind = await db().selectFrom("structures").select("kind").where("id", "=", report.structure_id).executeTakeFirstOrThrow();
    filters.push(
      { gender: "feminin", ageBand: "60-69" },
      { residenceCommuneCode: residence.rows[0]?.code ?? "47001" },
      { gender: "masculin", theme: filters[0]?.theme as string },
      { ageBand: "40-59", structureId: report.structure_id },
      { socialStatus: "retraite", advisorId: report.advisor_id },
      { gender: "feminin", type: "collectif" },
      { theme: filters[0]?.theme as string, employerKind: kind.kind },
      { placeType: "domicile", epciCode: epci.rows[0]?.code ?? "200000000" },
    );
    userId = (await db().selectFrom("users").select("id").limit(1).executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await other.close();
    await handle.close();
  });

  test("on the demo network, each filter alone and combined gives the base tables' figures", async () => {
    await sameAsBase("demo");
    assert.ok(memory.size().reports > 0, "the copy holds the demo's reports");
  });

  test("above its report limit the copy holds nothing and the dashboard reads the base tables", async () => {
    const capped = new StatsMemory(10);
    const f = period(PERIODS[0]![0], PERIODS[0]![1], filters[0]);
    const auto = await computeStatistics(db(), f, PERIODS[0]![2], { memory: capped });
    assert.deepEqual(auto, await computeStatistics(db(), f, PERIODS[0]![2], { path: "base" }));
    assert.deepEqual(capped.size(), { reports: 0, bytes: 0, overLimit: true });
    await assert.rejects(computeStatistics(db(), f, PERIODS[0]![2], { path: "memory", memory: capped }), /cannot answer exactly/);
  });

  test("after inserts: people, workshops with known and anonymous participants, at the ends of the periods", async () => {
    const advisor = await ownAdvisor(db());
    const [ann, bob] = [await insertPerson(db(), advisor), await insertPerson(db(), advisor)];
    await insertReport(db(), advisor, { date: "2025-11-03", beneficiaryId: ann, gender: "non-communique" });
    await insertReport(db(), advisor, { date: "2026-05-04", beneficiaryId: ann, themes: ["e-mail", "aide-demarches"] });
    await insertReport(db(), advisor, {
      date: "2026-05-10",
      type: "collectif",
      participants: [{ id: bob }, { id: ann, gender: "feminin", commune: "47001" }],
      anonymous: { total: 4, genders: { feminin: 2, "non-communique": 1 }, ageBands: { "60-69": 3 } },
    });
    await insertReport(db(), advisor, { date: "2026-11-02", beneficiaryId: bob, residence: "47001", socialStatus: "non-communique" });
    await sameAsBase("inserts");
  });

  test("after edits across months, deletes and participants changed", async () => {
    const moved = await demoReport(db(), "individuel", "2026-02-01", "beneficiary_id is not null");
    await db().updateTable("activity_reports").set({ date: "2026-05-06" }).where("id", "=", moved.id).execute();
    const rethemed = await demoReport(db(), "individuel", "2026-05-01");
    await db().updateTable("activity_reports").set({ themes: ["aide-demarches"], procedure_areas: ["sante"], beneficiary_gender: "masculin" }).where("id", "=", rethemed.id).execute();
    await softDeleteReport(db(), (await demoReport(db(), "individuel", "2026-04-01", "beneficiary_id is not null")).id, userId, new Date());
    await db().deleteFrom("activity_reports").where("id", "=", (await demoReport(db(), "collectif", "2026-06-01", "workshop_id is null")).id).execute();
    const workshop = await demoReport(db(), "collectif", "2026-08-01", "exists (select 1 from activity_participants p where p.report_id = activity_reports.id)");
    await db().updateTable("activity_participants").set({ gender: "non-communique", age_band: "18-24" }).where("report_id", "=", workshop.id).execute();
    await sameAsBase("edits and deletes");
  });

  test("after an erasure and a merge of beneficiaries", async () => {
    await eraseOneAndMergeTwo(db(), userId);
    await sameAsBase("erasure and merge");
  });

  test("a write made through another instance between two reads counts at this instance's next read", async () => {
    const some = filters.slice(0, 4);
    await sameAsBase("second instance, before", some, secondMemory, other.db);
    await sameAsBase("first instance, before", some);
    // The other instance writes, then reads (its refresh consumes the marks and bumps the versions).
    const advisor = await ownAdvisor(other.db);
    const person = await insertPerson(other.db, advisor);
    await insertReport(other.db, advisor, { date: "2026-05-05", beneficiaryId: person, themes: [filters[0]?.theme as string], gender: "feminin" });
    await other.db.updateTable("activity_reports").set({ date: "2025-12-15" }).where("id", "=", (await demoReport(db(), "individuel", "2026-03-01")).id).execute();
    await sameAsBase("second instance, after its write", some, secondMemory, other.db);
    await sameAsBase("first instance, after the other's write", some);
  });
});
