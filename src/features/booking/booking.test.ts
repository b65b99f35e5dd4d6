import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ABSENCE_KINDS,
  APPOINTMENT_LOCATIONS,
  type AppointmentKind,
  addMonths,
  blocksTime,
  bookingWindow,
  checkAppointmentKind,
} from "./booking.ts";
import { mergeIntervals, overlapsAny, subtractIntervals } from "./intervals.ts";

const kind: AppointmentKind = {
  id: "k1",
  name: "Premier rendez-vous",
  durationMinutes: 45,
  location: "place",
  bookableBy: "public",
  earliestMinutes: 30,
  latestMonths: 3,
};

describe("appointment kinds", () => {
  test("absence kinds and locations read in plain French", () => {
    assert.equal(ABSENCE_KINDS.training, "Formation (Afpa)");
    assert.equal(ABSENCE_KINDS.leave, "Congés");
    assert.equal(ABSENCE_KINDS.other, "Autre");
    assert.deepEqual(Object.keys(APPOINTMENT_LOCATIONS), ["place", "phone", "video", "home"]);
  });

  test("a motif lasts 15 to 120 minutes and can be booked from 0 minutes to 12 months ahead", () => {
    assert.deepEqual(checkAppointmentKind(kind), []);
    assert.deepEqual(checkAppointmentKind({ ...kind, durationMinutes: 15 }), []);
    assert.deepEqual(checkAppointmentKind({ ...kind, durationMinutes: 120 }), []);
    const fields = (k: AppointmentKind) => checkAppointmentKind(k).map((p) => p.field);
    assert.deepEqual(fields({ ...kind, durationMinutes: 10 }), ["durationMinutes"]);
    assert.deepEqual(fields({ ...kind, durationMinutes: 121 }), ["durationMinutes"]);
    assert.deepEqual(fields({ ...kind, name: "  " }), ["name"]);
    assert.deepEqual(fields({ ...kind, earliestMinutes: -1, latestMonths: 0 }), ["earliestMinutes", "latestMonths"]);
    assert.match(checkAppointmentKind({ ...kind, durationMinutes: 5 })[0]!.message, /15 à 120 minutes/);
  });

  test("only a cancelled appointment frees its time", () => {
    assert.equal(blocksTime("cancelled"), false);
    for (const status of ["planned", "attended", "no_show", "excused"] as const) assert.equal(blocksTime(status), true);
  });
});

describe("booking window", () => {
  test("three months ahead is counted on calendars, the 31st falling back to the end of a shorter month", () => {
    assert.equal(addMonths("2026-01-15", 3), "2026-04-15");
    assert.equal(addMonths("2026-11-30", 3), "2027-02-28");
    assert.equal(addMonths("2026-05-31", 1), "2026-06-30");
  });

  test("from now + 30 minutes to the same Paris clock time three months later, across a DST change", () => {
    const now = new Date("2026-01-10T09:00:00Z"); // 10:00 in Paris, winter
    const { earliest, latest } = bookingWindow(kind, now);
    assert.equal(earliest.toISOString(), "2026-01-10T09:30:00.000Z");
    assert.equal(latest.toISOString(), "2026-04-10T08:00:00.000Z"); // 10:00 in Paris, summer
  });
});

describe("time intervals", () => {
  test("merge joins touching intervals, subtract leaves the gaps, overlap is half-open", () => {
    const merged = mergeIntervals([
      { start: 5, end: 8 },
      { start: 0, end: 2 },
      { start: 2, end: 3 },
      { start: 6, end: 6 },
    ]);
    assert.deepEqual(merged, [
      { start: 0, end: 3 },
      { start: 5, end: 8 },
    ]);
    assert.deepEqual(subtractIntervals([{ start: 0, end: 10 }], [{ start: 2, end: 3 }, { start: 5, end: 12 }]), [
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ]);
    assert.equal(overlapsAny(merged, 3, 5), false);
    assert.equal(overlapsAny(merged, 2, 4), true);
    assert.equal(overlapsAny(merged, 8, 9), false);
    assert.equal(overlapsAny([], 0, 1), false);
  });
});
