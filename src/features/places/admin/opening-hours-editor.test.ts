import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openingHoursError } from "../availability.ts";
import {
  emptyWeek,
  osmToWeek,
  rangeFieldName,
  type TimeRange,
  type WeekHours,
  weekFromForm,
  weekToFormValues,
  weekToOsm,
} from "./opening-hours-editor.ts";

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A random week; days often copy the previous one so that grouping is exercised. */
function randomWeek(rand: () => number): WeekHours {
  const week = emptyWeek();
  const pool: TimeRange[][] = [[], [{ start: "09:00", end: "12:00" }], [{ start: "09:00", end: "12:00" }, { start: "14:00", end: "17:00" }]];
  for (let d = 0; d < 7; d++) {
    const choice = rand();
    if (choice < 0.4 && d > 0) week.days[d] = week.days[d - 1]!.map((r) => ({ ...r }));
    else if (choice < 0.6) week.days[d] = pool[Math.floor(rand() * pool.length)]!.map((r) => ({ ...r }));
    else {
      const count = Math.floor(rand() * 3);
      let t = Math.floor(rand() * 8) * 60 + Math.floor(rand() * 4) * 15;
      const ranges: TimeRange[] = [];
      for (let r = 0; r < count && t < 22 * 60; r++) {
        const start = t + 15 * Math.floor(rand() * 4);
        const end = Math.min(start + 15 * (1 + Math.floor(rand() * 20)), 23 * 60 + 59);
        if (end <= start) break;
        ranges.push({ start: hhmm(start), end: hhmm(end) });
        t = end + 15;
      }
      week.days[d] = ranges;
    }
  }
  week.closedOnHolidays = rand() < 0.5;
  return week;
}

/** What survives a trip to OSM: the holiday rule only exists next to some hours. */
function normalized(week: WeekHours): WeekHours {
  const anyHours = week.days.some((d) => d.length > 0);
  return { days: week.days, closedOnHolidays: anyHours && week.closedOnHolidays };
}

describe("the opening-hours editor", () => {
  test("groups consecutive days with the same hours and closes on public holidays", () => {
    const week = emptyWeek();
    for (let d = 0; d < 5; d++) week.days[d] = [{ start: "09:00", end: "12:00" }, { start: "14:00", end: "17:00" }];
    week.days[5] = [{ start: "09:00", end: "12:00" }];
    week.closedOnHolidays = true;
    assert.equal(weekToOsm(week), "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off");
  });

  test("a week with no hours is an empty string", () => {
    assert.equal(weekToOsm({ ...emptyWeek(), closedOnHolidays: true }), "");
    assert.deepEqual(osmToWeek(""), emptyWeek());
  });

  test("strings in another shape are left to the expert field", () => {
    for (const value of ["24/7", "Mo-Fr 08:00-18:00; Tu off", "Mo 09:00-12:00; Mo 14:00-15:00", "Mo 09:00-10:00,11:00-12:00,13:00-14:00", "We 12:00-09:00"]) {
      assert.equal(osmToWeek(value), null, value);
    }
  });

  test("non-consecutive days written with commas are understood", () => {
    const week = osmToWeek("Mo,We-Th 10:00-12:00");
    assert.deepEqual(week?.days.map((d) => d.length), [1, 0, 1, 1, 0, 0, 0]);
  });

  test("property: week → OSM → week gives the same week, and the string is valid opening_hours", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const week = randomWeek(random(seed));
      const osm = weekToOsm(week);
      assert.deepEqual(osmToWeek(osm), normalized(week), `seed ${seed}: ${osm}`);
      if (osm !== "") assert.equal(openingHoursError(osm), null, `seed ${seed}: ${osm}`);
    }
  });

  test("property: week → form fields → week gives the same week", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const week = randomWeek(random(seed));
      const values = weekToFormValues(week);
      const back = weekFromForm((name) => values[name] ?? "");
      assert.deepEqual(back.errors, {}, `seed ${seed}`);
      assert.deepEqual(back.week, week, `seed ${seed}`);
    }
  });

  test("half-filled, reversed or overlapping ranges are reported on their field, in French", () => {
    const values: Record<string, string> = {
      [rangeFieldName(0, 0, "start")]: "9h",
      [rangeFieldName(1, 0, "start")]: "12:00",
      [rangeFieldName(1, 0, "end")]: "09:00",
      [rangeFieldName(2, 0, "start")]: "09:00",
      [rangeFieldName(2, 0, "end")]: "12:00",
      [rangeFieldName(2, 1, "start")]: "11:00",
      [rangeFieldName(2, 1, "end")]: "13:00",
    };
    const { errors } = weekFromForm((name) => values[name] ?? "");
    assert.match(errors["heures-1-1-debut"] ?? "", /lundi.*09:00/);
    assert.match(errors["heures-2-1-fin"] ?? "", /mardi, l'heure de fermeture doit être après/);
    assert.match(errors["heures-3-2-debut"] ?? "", /seconde plage/);
  });
});
