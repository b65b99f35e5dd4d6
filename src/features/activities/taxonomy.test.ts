import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AGE_BANDS,
  ageBandFromBirthYear,
  DURATION_PRESETS,
  durationPresetOf,
  isCodeOf,
  labelOf,
  NATIONAL_EXPORT_COLUMNS,
  nationalOf,
  PROCEDURE_AREAS,
  REFERRAL_STRUCTURES,
  TAXONOMY,
  THEMES,
} from "./taxonomy.ts";

const tables = Object.entries(TAXONOMY);

describe("national activity taxonomy", () => {
  for (const [name, table] of tables) {
    test(`${name}: codes are unique and URL-safe`, () => {
      const codes = table.map((option) => option.code);
      assert.equal(new Set(codes).size, codes.length);
      for (const code of codes) assert.match(code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    });

    test(`${name}: every label and national value is non-empty`, () => {
      for (const option of table) {
        assert.notEqual(option.label.trim(), "", option.code);
        assert.notEqual(option.national.trim(), "", option.code);
      }
    });

    test(`${name}: national values are unique`, () => {
      const values = table.map((option) => option.national);
      assert.equal(new Set(values).size, values.length);
    });
  }

  test("the taxonomy has the 19 themes and 11 procedure areas of the national tool", () => {
    assert.equal(THEMES.length, 19);
    assert.equal(PROCEDURE_AREAS.length, 11);
    assert.ok(THEMES.some((theme) => theme.code === "aide-demarches"));
  });

  test("an advisor can orient towards seven kinds of structure", () => {
    assert.equal(REFERRAL_STRUCTURES.length, 7);
  });

  test("duration presets are 15, 30, 45, 60, 90 and 120 minutes", () => {
    assert.deepEqual(
      DURATION_PRESETS.map((preset) => preset.minutes),
      [15, 30, 45, 60, 90, 120],
    );
    assert.equal(durationPresetOf(90), "90");
    assert.equal(durationPresetOf(50), null);
  });

  test("a code gives its French label and its national export value", () => {
    assert.equal(labelOf(THEMES, "reseaux-sociaux"), "Réseaux sociaux et communication");
    assert.equal(nationalOf(THEMES, "reseaux-sociaux"), "Réseaux sociaux communication");
    assert.equal(isCodeOf(THEMES, "sante"), true);
    assert.equal(isCodeOf(THEMES, "Santé"), false);
  });

  test("the national export columns are named once each", () => {
    const columns = NATIONAL_EXPORT_COLUMNS.map((c) => c.column);
    const fields = NATIONAL_EXPORT_COLUMNS.map((c) => c.field);
    assert.equal(new Set(columns).size, columns.length);
    assert.equal(new Set(fields).size, fields.length);
    assert.ok(columns.includes("Thématique(s) d’accompagnement"));
  });
});

describe("age band from birth year", () => {
  const on = new Date("2026-06-15T10:00:00Z");
  const cases: [number, string][] = [
    [2026, "moins-de-12"],
    [2015, "moins-de-12"],
    [2014, "12-17"],
    [2009, "12-17"],
    [2008, "18-24"],
    [2002, "18-24"],
    [2001, "25-39"],
    [1987, "25-39"],
    [1986, "40-59"],
    [1967, "40-59"],
    [1966, "60-69"],
    [1957, "60-69"],
    [1956, "70-et-plus"],
    [1920, "70-et-plus"],
  ];
  for (const [year, band] of cases) {
    test(`someone born in ${year} is in the ${band} band in 2026`, () => {
      assert.equal(ageBandFromBirthYear(year, on), band);
    });
  }

  test("an unknown, future, implausible or fractional birth year is « non communiqué »", () => {
    for (const year of [null, undefined, 2027, 1899, 1980.5]) {
      assert.equal(ageBandFromBirthYear(year, on), "non-communique");
    }
  });

  test("the reference year is the Paris year, even on New Year's night in UTC", () => {
    // 31 Dec 2025 23:30 UTC is already 1 Jan 2026 in Paris: someone born in 2014 turns « 12 » that year.
    assert.equal(ageBandFromBirthYear(2014, new Date("2025-12-31T23:30:00Z")), "12-17");
  });

  test("every band but « non communiqué » can be reached", () => {
    const reached = new Set(Array.from({ length: 127 }, (_, i) => ageBandFromBirthYear(2026 - i, on)));
    for (const band of AGE_BANDS) if (band.code !== "non-communique") assert.ok(reached.has(band.code), band.code);
  });
});
