import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { holidaySet } from "../calendar/french-holidays.ts";
import { checkPermanenceRule, occurrences, type PermanenceRule, upcomingOccurrences } from "./permanence.ts";

const tuesdayMorning: PermanenceRule = {
  weekdays: [2],
  startTime: "09:00",
  endTime: "12:00",
  everyWeeks: 1,
  validFrom: "2026-01-01",
  validTo: null,
  cancelledDates: [],
};

describe("permanence occurrences", () => {
  test("every Tuesday 9:00–12:00 Paris time, right on both sides of the spring and autumn changes", () => {
    const spring = occurrences(tuesdayMorning, "2026-03-23", "2026-04-05", new Set());
    assert.deepEqual(
      spring.map((o) => o.start.toISOString()),
      ["2026-03-24T08:00:00.000Z", "2026-03-31T07:00:00.000Z"],
    );
    const autumn = occurrences(tuesdayMorning, "2026-10-19", "2026-11-01", new Set());
    assert.deepEqual(
      autumn.map((o) => [o.start.toISOString(), o.end.toISOString()]),
      [
        ["2026-10-20T07:00:00.000Z", "2026-10-20T10:00:00.000Z"],
        ["2026-10-27T08:00:00.000Z", "2026-10-27T11:00:00.000Z"],
      ],
    );
  });

  test("public holidays are skipped: no permanence on 14 July or on Ascension Thursday", () => {
    const rule = { ...tuesdayMorning, weekdays: [2, 4] };
    const dates = occurrences(rule, "2026-05-11", "2026-07-17", holidaySet("2026-05-01", "2026-07-31")).map((o) => o.date);
    assert.ok(!dates.includes("2026-05-14"), "Ascension");
    assert.ok(!dates.includes("2026-07-14"), "14 July");
    assert.ok(dates.includes("2026-05-12"));
    assert.ok(dates.includes("2026-07-16"));
  });

  test("every other week follows the week of the start date", () => {
    const rule = { ...tuesdayMorning, everyWeeks: 2, validFrom: "2026-11-05" }; // a Thursday: its week is week 0
    const dates = occurrences(rule, "2026-11-01", "2026-12-10", new Set()).map((o) => o.date);
    assert.deepEqual(dates, ["2026-11-17", "2026-12-01"]);
  });

  test("validity dates and cancelled dates bound the occurrences", () => {
    const rule = { ...tuesdayMorning, validFrom: "2026-06-01", validTo: "2026-06-30", cancelledDates: ["2026-06-16"] };
    const dates = occurrences(rule, "2026-05-01", "2026-08-01", new Set()).map((o) => o.date);
    assert.deepEqual(dates, ["2026-06-02", "2026-06-09", "2026-06-23", "2026-06-30"]);
  });

  test("upcoming occurrences leave out the one already over today", () => {
    const now = new Date("2026-11-24T11:30:00Z"); // Tuesday 12:30 in Paris: this morning's permanence is over
    const next = upcomingOccurrences(tuesdayMorning, now, "2026-11-24", new Set(), { limit: 2, horizonDays: 28 });
    assert.deepEqual(next.map((o) => o.date), ["2026-12-01", "2026-12-08"]);
    const during = upcomingOccurrences(tuesdayMorning, new Date("2026-11-24T09:00:00Z"), "2026-11-24", new Set(), { limit: 1, horizonDays: 28 });
    assert.equal(during[0]?.date, "2026-11-24");
  });

  test("a rule with no weekday, reversed times or a bad rhythm is refused in French", () => {
    const problems = checkPermanenceRule({ ...tuesdayMorning, weekdays: [], startTime: "14:00", endTime: "09:00", everyWeeks: 0 });
    assert.deepEqual(problems.map((p) => p.field).sort(), ["endTime", "everyWeeks", "weekdays"]);
    assert.match(problems.find((p) => p.field === "endTime")!.message, /après l'heure de début/);
    assert.deepEqual(checkPermanenceRule(tuesdayMorning), []);
  });
});
