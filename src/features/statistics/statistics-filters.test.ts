import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { computeStatistics } from "./statistics.repository.ts";
import { insertPerson, insertReport, ownAdvisor, period } from "./statistics.test-support.ts";
import type { StatsResult } from "./statistics.ts";

// The residence-commune filter reads only the reports whose person or a known participant lives in the
// commune (an implied condition, for the indexes). It must count exactly what the unfiltered residence
// breakdown shows for that commune: accompaniments, activities with at least one of them, their minutes.
const PERIODS: [string, string][] = [
  ["2025-12-01", "2026-10-31"],
  ["2025-11-03", "2026-11-02"],
];

function residenceRow(result: StatsResult, code: string) {
  const row = result.breakdowns.find((b) => b.dimension === "residenceCommune")?.rows.find((r) => r.code === code);
  return { activities: row?.activities ?? 0, accompaniments: row?.accompaniments ?? 0, minutes: row?.minutes ?? 0 };
}

describe("statistics residence-commune filter", () => {
  let handle: DatabaseHandle;
  const db = () => handle.db;

  async function filteredMatchesBreakdown(label: string, codes: string[]): Promise<void> {
    for (const [from, to] of PERIODS) {
      const all = await computeStatistics(db(), period(from, to), "mois", { path: "base" });
      for (const code of codes) {
        const filtered = await computeStatistics(db(), period(from, to, { residenceCommuneCode: code }), "mois", { path: "base" });
        const { activities, accompaniments, minutes } = filtered.totals;
        assert.deepEqual({ activities, accompaniments, minutes }, residenceRow(all, code), `${label}: ${from}…${to} ${code}`);
      }
    }
  }

  /** Residence communes of the demo: the most frequent, the rarest, and one nobody lives in. */
  async function demoCodes(): Promise<string[]> {
    const counted = await db()
      .selectFrom("activity_reports")
      .select(["beneficiary_commune_code as code", (eb) => eb.fn.countAll<number>().as("n")])
      .where("beneficiary_commune_code", "is not", null)
      .where("deleted_at", "is", null)
      .groupBy("beneficiary_commune_code")
      .orderBy("n", "desc")
      .orderBy("beneficiary_commune_code")
      .execute();
    assert.ok(counted.length >= 2, "the demo has people from several communes");
    const absent = await db()
      .selectFrom("communes")
      .select("code")
      .where("code", "not in", counted.map((c) => c.code as string))
      .orderBy("code")
      .limit(1)
      .executeTakeFirstOrThrow();
    return [counted[0]!.code as string, counted[counted.length - 1]!.code as string, absent.code];
  }

  before(async () => {
    handle = await openTestDatabase("demo");
  });
  after(() => handle.close());

  test("on the demo, for a frequent, a rare and an absent commune", async () => {
    await filteredMatchesBreakdown("demo", await demoCodes());
  });

  test("a workshop counts through its known participants only, an individual report through its person", async () => {
    const advisor = await ownAdvisor(db());
    const [ann, bob] = [await insertPerson(db(), advisor), await insertPerson(db(), advisor)];
    const rare = "47002";
    await insertReport(db(), advisor, { date: "2026-03-10", type: "collectif", participants: [{ id: ann, commune: rare }, { id: bob }], anonymous: { total: 3 } });
    await insertReport(db(), advisor, { date: "2026-04-10", beneficiaryId: bob, communeCode: rare });
    await insertReport(db(), advisor, { date: "2026-04-11", beneficiaryId: ann, residence: rare });
    const codes = [...(await demoCodes()), rare];
    await filteredMatchesBreakdown("inserts", codes);
    const april = await computeStatistics(db(), period("2026-03-01", "2026-04-30", { advisorId: advisor.id, residenceCommuneCode: rare }), "mois");
    assert.equal(april.totals.activities, 2, "the workshop by its participant, the report of a person living there; not a report held there");
  });

  test("after an edit that moves a participant to another commune and a deletion", async () => {
    const codes = await demoCodes();
    const workshop = await db()
      .selectFrom("activity_participants")
      .innerJoin("activity_reports", "activity_reports.id", "activity_participants.report_id")
      .select(["activity_participants.report_id", "activity_participants.beneficiary_id"])
      .where("activity_reports.deleted_at", "is", null)
      .where("activity_reports.date", ">=", "2026-01-01")
      .orderBy("activity_participants.report_id")
      .limit(1)
      .executeTakeFirstOrThrow();
    await db()
      .updateTable("activity_participants")
      .set({ commune_code: codes[0] })
      .where("report_id", "=", workshop.report_id)
      .where("beneficiary_id", "=", workshop.beneficiary_id)
      .execute();
    const individual = await db()
      .selectFrom("activity_reports")
      .select("id")
      .where("beneficiary_commune_code", "=", codes[1]!)
      .where("deleted_at", "is", null)
      .limit(1)
      .executeTakeFirstOrThrow();
    await db().updateTable("activity_reports").set({ deleted_at: new Date() }).where("id", "=", individual.id).execute();
    await filteredMatchesBreakdown("edits", codes);
  });
});
