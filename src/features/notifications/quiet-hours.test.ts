import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isQuietHour, outsideQuietHours } from "./quiet-hours.ts";

const at = (iso: string) => outsideQuietHours(new Date(iso)).toISOString();

describe("quiet hours for SMS", () => {
  test("during the day a text message leaves at once", () => {
    assert.equal(at("2026-06-10T06:00:00Z"), "2026-06-10T06:00:00.000Z"); // 08:00 Paris
    assert.equal(at("2026-06-10T17:59:00Z"), "2026-06-10T17:59:00.000Z"); // 19:59 Paris
  });

  test("from 20:00 a text message waits until 08:00 the next morning", () => {
    assert.equal(at("2026-06-10T18:00:00Z"), "2026-06-11T06:00:00.000Z"); // 20:00 → 08:00
    assert.equal(at("2026-01-15T20:00:00Z"), "2026-01-16T07:00:00.000Z"); // 21:00 winter
  });

  test("after midnight and before 08:00 it waits until 08:00 the same day", () => {
    assert.equal(at("2026-01-15T23:30:00Z"), "2026-01-16T07:00:00.000Z"); // 00:30 Paris
    assert.equal(at("2026-01-16T06:59:00Z"), "2026-01-16T07:00:00.000Z"); // 07:59 Paris
  });

  test("the night the clocks go forward, morning is 08:00 summer time", () => {
    // Saturday 28 March 2026 21:00 (UTC+1) → Sunday 29 March 08:00 (UTC+2).
    assert.equal(at("2026-03-28T20:00:00Z"), "2026-03-29T06:00:00.000Z");
  });

  test("the night the clocks go back, morning is 08:00 winter time", () => {
    // Saturday 24 October 2026 23:30 (UTC+2) → Sunday 25 October 08:00 (UTC+1); also during the repeated hour.
    assert.equal(at("2026-10-24T21:30:00Z"), "2026-10-25T07:00:00.000Z");
    assert.equal(at("2026-10-25T00:30:00Z"), "2026-10-25T07:00:00.000Z");
    assert.equal(at("2026-10-25T01:30:00Z"), "2026-10-25T07:00:00.000Z");
  });

  test("isQuietHour tells night from day", () => {
    assert.equal(isQuietHour(new Date("2026-06-10T19:00:00Z")), true);
    assert.equal(isQuietHour(new Date("2026-06-10T12:00:00Z")), false);
  });
});
