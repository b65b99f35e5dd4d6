import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { weeklyHours } from "./opening-hours-week.ts";

const MONDAY = new Date("2026-11-09T08:00:00Z");

describe("a place's week of opening hours", () => {
  test("reads Monday to Sunday in plain French, whatever today is", () => {
    const week = weeklyHours("Tu,Th 14:00-17:30; Sa 09:00-12:00", new Date("2026-11-12T10:00:00Z"), "47");
    assert.deepEqual(
      week?.days.map((d) => `${d.day}: ${d.hours}`),
      ["lundi: Fermé", "mardi: 14\u00a0h\u00a0– 17\u00a0h\u00a030", "mercredi: Fermé", "jeudi: 14\u00a0h\u00a0– 17\u00a0h\u00a030", "vendredi: Fermé", "samedi: 9\u00a0h\u00a0– 12\u00a0h", "dimanche: Fermé"],
    );
    assert.equal(week?.closedOnPublicHolidays, false);
  });

  test("shows the usual hours of a weekday that is a holiday this week, and lists the closure apart", () => {
    const week = weeklyHours("Mo-Fr 09:00-12:00; PH off", MONDAY, "47");
    assert.equal(week?.days[2]?.hours, "9\u00a0h\u00a0– 12\u00a0h");
    assert.equal(week?.closedOnPublicHolidays, true);
    assert.deepEqual(week?.holidayClosures, ["mercredi 11 novembre"]);
  });

  test("a place open around the clock closes at midnight each day", () => {
    assert.equal(weeklyHours("24/7", MONDAY, "47")?.days[0]?.hours, "0\u00a0h\u00a0– minuit");
  });

  test("no hours, or hours the library cannot read, give no week", () => {
    assert.equal(weeklyHours(null, MONDAY, "47"), null);
    assert.equal(weeklyHours("  ", MONDAY, "47"), null);
    assert.equal(weeklyHours("n'importe quoi", MONDAY, "47"), null);
  });
});
