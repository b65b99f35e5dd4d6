import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openWindow, type TimeWindow } from "../search/search.ts";
import { horizonFrom, type OpeningInputs, openingsContext, placeOpenings, serves } from "./openings.ts";

const rule = {
  weekdays: [4],
  startTime: "14:00",
  endTime: "17:00",
  everyWeeks: 1,
  validFrom: "2026-01-01",
  validTo: null,
  cancelledDates: [],
  mode: "drop_in" as const,
  advisorFirstName: "Nadia",
};
const range = horizonFrom("2026-12-01");

function openDuring(place: OpeningInputs, window: TimeWindow): boolean {
  return placeOpenings(place, openingsContext(range, "47")).some((o) => o.start < window.to && o.end > window.from);
}

describe("precomputed openings", () => {
  test("a place is open on a day by its opening hours or by a permanence", () => {
    const thursday = openWindow({ kind: "date", date: "2026-12-03" }, new Date());
    assert.equal(openDuring({ openingHours: "Th 09:00-12:00", permanences: [] }, thursday), true);
    assert.equal(openDuring({ openingHours: "Mo 09:00-12:00", permanences: [] }, thursday), false);
    assert.equal(openDuring({ openingHours: null, permanences: [rule] }, thursday), true);
    assert.equal(openDuring({ openingHours: null, permanences: [{ ...rule, cancelledDates: ["2026-12-03"] }] }, thursday), false);
  });

  test("« maintenant » is open only during the hours", () => {
    const during = new Date("2026-12-03T14:30:00Z"); // 15:30 in Paris
    const after = new Date("2026-12-03T16:30:00Z"); // 17:30 in Paris
    const place = { openingHours: null, permanences: [rule] };
    assert.equal(openDuring(place, openWindow({ kind: "now" }, during)), true);
    assert.equal(openDuring(place, openWindow({ kind: "now" }, after)), false);
  });

  test("hours stay Paris wall-clock hours across the spring DST change", () => {
    const spring = horizonFrom("2027-03-25");
    const hours = placeOpenings({ openingHours: "Mo-Fr 09:00-12:00; PH off", permanences: [] }, openingsContext(spring, "47"));
    const friday = hours.find((o) => o.start.toISOString().startsWith("2027-03-26"));
    const easterMonday = hours.find((o) => o.start.toISOString().startsWith("2027-03-29"));
    const tuesday = hours.find((o) => o.start.toISOString().startsWith("2027-03-30"));
    assert.equal(friday?.start.toISOString(), "2027-03-26T08:00:00.000Z", "9:00 in winter time is 08:00 UTC");
    assert.equal(easterMonday, undefined, "Easter Monday is a public holiday");
    assert.equal(tuesday?.start.toISOString(), "2027-03-30T07:00:00.000Z", "9:00 in summer time is 07:00 UTC");
  });

  test("the horizon starts the day before and serves a search only while 62 days are left", () => {
    assert.deepEqual(range, { fromDay: "2026-11-30", toDay: "2027-02-09" });
    const computed = { ...range, departement: "47" };
    assert.equal(serves(computed, "2026-12-01", "47"), true);
    assert.equal(serves(computed, "2026-12-09", "47"), true);
    assert.equal(serves(computed, "2026-12-10", "47"), false, "too few days left");
    assert.equal(serves(computed, "2026-11-29", "47"), false, "the clock went back before the rows");
    assert.equal(serves(computed, "2026-12-01", "33"), false, "another département's holidays");
  });
});
