// The active places as the database sums them: weekly hours per place from its permanences (days ×
// duration ÷ rhythm, a day given twice counted once), drop-in when any permanence is, and only what is
// active today. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Insertable } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import type { PermanencesTable } from "../places/places.table.ts";
import { type ActivePlaceRecord, loadActivePlaces } from "./coverage.repository.ts";
import { UNITS_PER_HOUR } from "./coverage.ts";

const TODAY = "2026-11-02";
type Permanence = Omit<Insertable<PermanencesTable>, "place_id" | "advisor_id">;
const weekly = (weekdays: number[], start_time: string, end_time: string, every_weeks = 1): Permanence => ({
  weekdays,
  start_time,
  end_time,
  every_weeks,
  valid_from: "2026-09-01",
  mode: "appointment",
});

describe("active places summed in the database", () => {
  let handle: DatabaseHandle;
  let active: ActivePlaceRecord[];
  const ids: Record<string, string> = {};

  before(async () => {
    handle = await openTestDatabase("demo");
    const db = handle.db;
    const structure = await db.insertInto("structures").values({ slug: "maillage-test", name: "Maillage test", kind: "association" }).returning("id").executeTakeFirstOrThrow();
    const advisor = async (active: boolean) =>
      (
        await db
          .insertInto("advisors")
          .values({ structure_id: structure.id, first_name: "Alex", last_name: "Maillage", email: `alex-${active}@maillage.test`, active })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const working = await advisor(true);
    const gone = await advisor(false);
    const place = async (name: string, more: { is_public?: boolean; latitude?: number | null }, permanences: [Permanence, string][]) => {
      const row = await db
        .insertInto("places")
        .values({
          slug: `maillage-${name}`,
          source_id: `maillage-${name}`,
          name,
          structure_id: structure.id,
          address: "1 rue du Test",
          postcode: "47000",
          commune_code: "47001",
          latitude: 44.2,
          longitude: 0.62,
          ...more,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids[name] = row.id;
      for (const [p, advisorId] of permanences) await db.insertInto("permanences").values({ ...p, place_id: row.id, advisor_id: advisorId }).execute();
    };
    await place("hours", {}, [
      [weekly([2], "09:00", "12:00"), working], // 3 h
      [weekly([1, 4], "13:30", "17:00"), working], // 7 h
      [weekly([3], "09:00", "12:00", 2), working], // every other week: 1.5 h
      [weekly([1, 1], "09:00", "10:00", 4), working], // a day given twice counts once: 0.25 h
      [weekly([5], "09:07", "10:00", 3), working], // 53 minutes every 3 weeks
      [weekly([1, 2, 3, 4, 5], "09:00", "17:00"), gone], // inactive advisor: not counted
      [{ ...weekly([2], "14:00", "16:00"), valid_to: "2026-10-31" }, working], // ended: not counted
      [{ ...weekly([2], "14:00", "16:00"), valid_from: "2026-11-03" }, working], // not yet: not counted
    ]);
    await place("drop-in", {}, [
      [weekly([2], "09:00", "10:00"), working],
      [{ ...weekly([4], "09:00", "10:00"), mode: "both" }, working],
    ]);
    await place("only-ended", {}, [[{ ...weekly([2], "09:00", "12:00"), valid_to: "2026-11-01" }, working]]);
    await place("private", { is_public: false }, [[weekly([2], "09:00", "12:00"), working]]);
    await place("no-position", { latitude: null }, [[weekly([2], "09:00", "12:00"), working]]);
    await place("nobody", {}, [[weekly([2], "09:00", "12:00"), gone]]);
    active = await loadActivePlaces(db, TODAY, { services: [], employers: [] });
  });
  after(() => handle?.close());

  const find = (name: string) => active.find((p) => p.id === ids[name]);

  test("weekly hours: days × duration ÷ rhythm, summed over the place's active permanences, exactly", () => {
    const hours = find("hours");
    assert.ok(hours);
    assert.ok(Number.isInteger(hours.weekly_units), "a whole number of units");
    assert.equal(hours.weekly_units, (3 + 7 + 1.5 + 0.25) * UNITS_PER_HOUR + (53 * UNITS_PER_HOUR) / 60 / 3);
    assert.equal(hours.drop_in, false);
    assert.equal(hours.name, "hours");
    assert.deepEqual([hours.latitude, hours.longitude], [44.2, 0.62]);
  });

  test("a place is drop-in when any of its active permanences is (drop-in or both)", () => {
    assert.equal(find("drop-in")?.drop_in, true);
    assert.equal(find("drop-in")?.weekly_units, 2 * UNITS_PER_HOUR);
  });

  test("places without an active permanence, private, without a position or whose advisor left are not active", () => {
    for (const name of ["only-ended", "private", "no-position", "nobody"]) assert.equal(find(name), undefined, name);
  });

  test("one row per place, in id order, with the demo's places", () => {
    assert.ok(active.length > 10);
    assert.equal(new Set(active.map((p) => p.id)).size, active.length);
    assert.deepEqual(
      active.map((p) => p.id),
      active.map((p) => p.id).sort(),
    );
  });
});
