import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { computeStatistics } from "./statistics.repository.ts";
import { insertPerson, insertReport, ownAdvisor, period, type TestAdvisor } from "./statistics.test-support.ts";
import type { Dimension, StatsFilters, StatsResult } from "./statistics.ts";

// Each definition on reports of an advisor of our own, on days after the demo data.
const D = "2027-03-15";
const DAY_BEFORE = "2027-03-14";

function row(result: StatsResult, dimension: Dimension, code: string) {
  return result.breakdowns.find((b) => b.dimension === dimension)?.rows.find((r) => r.code === code);
}

describe("statistics definitions", () => {
  let handle: DatabaseHandle;
  let advisor: TestAdvisor;
  const compute = (from: string, to: string, more: Partial<StatsFilters> = {}) =>
    computeStatistics(handle.db, period(from, to, { advisorId: advisor.id, ...more }), "jour");
  before(async () => {
    handle = await openTestDatabase("demo");
    advisor = await ownAdvisor(handle.db);
  });
  after(() => handle.close());

  test("a report dated D counts when the period ends on D, not when it ends the day before; deleted reports never count", async () => {
    await insertReport(handle.db, advisor, { date: D, duration: 30 });
    await insertReport(handle.db, advisor, { date: D, deleted: true });
    const upToD = await compute("2027-03-01", D);
    assert.equal(upToD.totals.activities, 1);
    assert.equal(upToD.totals.minutes, 30);
    assert.equal(upToD.series.find((p) => p.start === D)?.activities, 1);
    assert.equal((await compute("2027-03-01", DAY_BEFORE)).totals.activities, 0);
    assert.equal((await compute(D, "2027-03-31")).totals.activities, 1);
  });

  test("a workshop counts its known and anonymous participants in each profile, the rest « non communiqué »", async () => {
    const first = await ownAdvisor(handle.db);
    const known = await insertPerson(handle.db, first);
    await insertReport(handle.db, first, {
      date: D,
      type: "collectif",
      participants: [{ id: known, gender: "masculin", ageBand: "25-39", commune: "47001" }],
      anonymous: { total: 4, genders: { feminin: 3 }, ageBands: { "70-et-plus": 1 } },
    });
    const result = await computeStatistics(handle.db, period(D, D, { advisorId: first.id }), "jour");
    assert.equal(result.totals.accompaniments, 5);
    assert.equal(result.totals.workshopParticipants, 5);
    assert.equal(result.totals.people, 5);
    assert.equal(result.totals.anonymousPeople, 4);
    assert.deepEqual(
      ["masculin", "feminin", "non-communique"].map((code) => row(result, "gender", code)?.accompaniments),
      [1, 3, 1],
    );
    assert.equal(row(result, "ageBand", "non-communique")?.accompaniments, 3);
    assert.equal(row(result, "residenceCommune", "47001")?.label, "Agen");
    assert.equal(row(result, "residenceCommune", "non-communique")?.accompaniments, 4);
    assert.equal(row(result, "gender", "feminin")?.activities, 1);

    const women = await computeStatistics(handle.db, period(D, D, { advisorId: first.id, gender: "feminin" }), "jour");
    assert.equal(women.totals.activities, 1, "the workshop counts, with its 3 women only");
    assert.equal(women.totals.accompaniments, 3);
    assert.equal(row(women, "ageBand", "non-communique")?.accompaniments, 3, "their ages are not known");
    const men = await computeStatistics(handle.db, period(D, D, { advisorId: first.id, gender: "masculin", ageBand: "25-39" }), "jour");
    assert.equal(men.totals.accompaniments, 1, "two profile filters: the known participant only");
    const nobody = await computeStatistics(handle.db, period(D, D, { advisorId: first.id, ageBand: "12-17" }), "jour");
    assert.equal(nobody.totals.activities, 0, "a workshop with no matching participant does not count");
  });

  test("a person is new in the period of their first accompaniment, followed up afterwards", async () => {
    const own = await ownAdvisor(handle.db);
    const person = await insertPerson(handle.db, own);
    await insertReport(handle.db, own, { date: "2027-04-02", beneficiaryId: person });
    await insertReport(handle.db, own, { date: "2027-05-10", beneficiaryId: person });
    await insertReport(handle.db, own, { date: "2027-05-11", type: "collectif", participants: [{ id: person }], anonymous: { total: 2 } });
    await insertReport(handle.db, own, { date: "2027-05-12" });
    const april = await computeStatistics(handle.db, period("2027-04-01", "2027-04-30", { advisorId: own.id }), "jour");
    assert.deepEqual([april.totals.people, april.totals.newPeople, april.totals.followedPeople, april.totals.anonymousPeople], [1, 1, 0, 0]);
    const may = await computeStatistics(handle.db, period("2027-05-01", "2027-05-31", { advisorId: own.id }), "jour");
    assert.deepEqual([may.totals.people, may.totals.newPeople, may.totals.followedPeople, may.totals.anonymousPeople], [4, 0, 1, 3]);
    assert.equal(may.totals.accompaniments, 5);
  });

  test("scope filters: structure snapshot, employer kind, commune and intercommunality of the place", async () => {
    const own = await ownAdvisor(handle.db, "company");
    await insertReport(handle.db, own, { date: "2027-06-01", communeCode: "47001" });
    await insertReport(handle.db, own, { date: "2027-06-02", placeType: "a-distance" });
    const epci = await handle.db.selectFrom("communes").select("epci_code").where("code", "=", "47001").executeTakeFirstOrThrow();
    const june = (more: Partial<StatsFilters>) => computeStatistics(handle.db, period("2027-06-01", "2027-06-30", more), "semaine");
    assert.equal((await june({ structureId: own.structure_id })).totals.activities, 2);
    assert.equal((await june({ employerKind: "company" })).totals.activities, 2);
    assert.equal((await june({ communeCode: "47001" })).totals.activities, 1);
    assert.equal((await june({ epciCode: epci.epci_code })).totals.activities, 1);
    const weeks = (await june({ structureId: own.structure_id })).series;
    assert.equal(weeks[0]?.start, "2027-05-31", "weeks start on Monday");
    assert.equal(row(await june({ structureId: own.structure_id }), "employerKind", "company")?.activities, 2);
  });
});
