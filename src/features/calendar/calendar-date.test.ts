import assert from "node:assert/strict";
import { test } from "node:test";
import { isCalendarDate, parseCalendarDate } from "./calendar-date.ts";

test("real days are accepted, leap days only in leap years", () => {
  for (const day of ["2026-01-31", "2024-02-29", "2000-02-29", "1900-01-01", "2199-12-31"]) assert.equal(parseCalendarDate(day), day);
  for (const day of ["2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31"]) assert.equal(parseCalendarDate(day), null, day);
});

test("months, days and years outside the calendar or the sane range are refused without throwing", () => {
  for (const text of ["2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"]) {
    assert.equal(parseCalendarDate(text), null, text);
  }
});

test("only the exact YYYY-MM-DD form is read, and the French form when asked", () => {
  for (const text of ["2026-1-01", " 2026-01-01", "2026-01-01T00:00", "", "20260101"]) assert.equal(isCalendarDate(text), false, text);
  assert.equal(isCalendarDate(undefined), false);
  assert.equal(isCalendarDate(20260101), false);
  assert.equal(parseCalendarDate("24/12/2026"), null);
  assert.equal(parseCalendarDate("24/12/2026", { french: true }), "2026-12-24");
  assert.equal(parseCalendarDate("1/2/2027", { french: true }), "2027-02-01");
  assert.equal(parseCalendarDate("31/02/2027", { french: true }), null);
});
