import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FALLBACK_DURATION_MINUTES, type RecentReport, reportDefaults, usualDuration } from "./report-defaults.ts";

const at = (placeType: RecentReport["placeType"], durationMinutes: number, extra: Partial<RecentReport> = {}): RecentReport => ({
  placeType,
  placeId: placeType === "lieu-activite" ? "place-1" : null,
  communeCode: placeType === "domicile" || placeType === "autre-lieu" ? "47001" : null,
  durationMinutes,
  ...extra,
});

describe("report defaults", () => {
  test("a first report starts today in Paris, with no place and 30 minutes", () => {
    // 23:30 UTC on 31 March is already 1 April in Paris (summer time).
    const defaults = reportDefaults(new Date("2027-03-31T23:30:00Z"), []);
    assert.deepEqual(defaults, { date: "2027-04-01", placeType: null, placeId: null, communeCode: null, durationMinutes: FALLBACK_DURATION_MINUTES });
  });

  test("the place is the one of the last report", () => {
    const defaults = reportDefaults(new Date("2027-01-10T10:00:00Z"), [at("lieu-activite", 45, { placeId: "last" }), at("domicile", 45)]);
    assert.equal(defaults.placeType, "lieu-activite");
    assert.equal(defaults.placeId, "last");
    assert.equal(defaults.communeCode, null);
    const home = reportDefaults(new Date("2027-01-10T10:00:00Z"), [at("domicile", 45, { communeCode: "47157" }), at("lieu-activite", 45)]);
    assert.deepEqual([home.placeType, home.placeId, home.communeCode], ["domicile", null, "47157"]);
    const remote = reportDefaults(new Date("2027-01-10T10:00:00Z"), [at("a-distance", 15)]);
    assert.deepEqual([remote.placeType, remote.placeId, remote.communeCode], ["a-distance", null, null]);
  });

  test("the duration is the most frequent one, the most recent on a tie", () => {
    assert.equal(usualDuration([at("a-distance", 15), at("a-distance", 60), at("a-distance", 60), at("a-distance", 15), at("a-distance", 60)]), 60);
    assert.equal(usualDuration([at("a-distance", 45), at("a-distance", 60), at("a-distance", 60), at("a-distance", 45)]), 45);
    assert.equal(usualDuration([]), 30);
  });

  test("only the last 50 reports count for the usual duration", () => {
    const recent = [...Array.from({ length: 50 }, (_, i) => at("a-distance", i % 2 === 0 ? 45 : 45)), ...Array.from({ length: 60 }, () => at("a-distance", 90))];
    assert.equal(reportDefaults(new Date(), recent).durationMinutes, 45);
  });
});
