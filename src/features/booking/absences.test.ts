import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Absence, absenceIntervals, checkAbsence, type RecurringAbsence } from "./absences.ts";

const afpaTuesday: RecurringAbsence = {
  type: "weekly",
  kind: "training",
  weekdays: [2],
  startTime: null,
  endTime: null,
  validFrom: "2026-01-01",
  validTo: "2026-06-30",
};

const iso = (intervals: { start: number; end: number }[]) =>
  intervals.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);

describe("absences as busy time", () => {
  test("a weekly training day covers each Tuesday from Paris midnight to midnight, across the spring change", () => {
    assert.deepEqual(iso(absenceIntervals([afpaTuesday], "2026-03-23", "2026-04-05")), [
      ["2026-03-23T23:00:00.000Z", "2026-03-24T23:00:00.000Z"],
      ["2026-03-30T22:00:00.000Z", "2026-03-31T22:00:00.000Z"],
    ]);
  });

  test("a recurring afternoon keeps its Paris hours in autumn and stops after its validity", () => {
    const afternoons: Absence = { ...afpaTuesday, weekdays: [2, 4], startTime: "13:30", endTime: "17:00", validTo: "2026-10-29" };
    assert.deepEqual(iso(absenceIntervals([afternoons], "2026-10-19", "2026-11-08")), [
      ["2026-10-20T11:30:00.000Z", "2026-10-20T15:00:00.000Z"],
      ["2026-10-22T11:30:00.000Z", "2026-10-22T15:00:00.000Z"],
      ["2026-10-27T12:30:00.000Z", "2026-10-27T16:00:00.000Z"],
      ["2026-10-29T12:30:00.000Z", "2026-10-29T16:00:00.000Z"],
    ]);
    assert.deepEqual(absenceIntervals([afternoons], "2025-12-01", "2025-12-31"), []);
  });

  test("one-off leave counts when it meets the range, and overlapping absences are merged", () => {
    const leave: Absence = { type: "once", kind: "leave", start: new Date("2026-03-20T08:00:00Z"), end: new Date("2026-03-25T17:00:00Z") };
    assert.deepEqual(iso(absenceIntervals([leave, afpaTuesday], "2026-03-24", "2026-03-24")), [
      ["2026-03-20T08:00:00.000Z", "2026-03-25T17:00:00.000Z"],
    ]);
    assert.deepEqual(absenceIntervals([leave], "2026-03-26", "2026-03-31"), []);
  });

  test("an absence form is checked with French messages", () => {
    assert.deepEqual(checkAbsence(afpaTuesday), []);
    const fields = (a: Absence) => checkAbsence(a).map((p) => p.field);
    assert.deepEqual(fields({ ...afpaTuesday, weekdays: [] }), ["weekdays"]);
    assert.deepEqual(fields({ ...afpaTuesday, startTime: "09:00" }), ["endTime"]);
    assert.deepEqual(fields({ ...afpaTuesday, startTime: "14:00", endTime: "09:00" }), ["endTime"]);
    assert.deepEqual(fields({ ...afpaTuesday, validTo: "2025-01-01" }), ["validTo"]);
    const backwards: Absence = { type: "once", kind: "other", start: new Date("2026-03-02T10:00:00Z"), end: new Date("2026-03-02T09:00:00Z") };
    assert.equal(checkAbsence(backwards)[0]?.message, "La fin de l'absence doit être après son début.");
  });
});
