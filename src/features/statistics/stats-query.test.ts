import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bucketStarts, defaultGranularity, durationBandOf, parseStatsQuery, statsQueryString } from "./stats-query.ts";

const TODAY = "2026-11-02";
const ID = "0b6f1f5e-3c2a-4d8e-9a51-2f7d3c1e9b40";
const fields = (query: Record<string, unknown>) => parseStatsQuery(query, TODAY).errors.map((e) => e.field);

describe("statistics filters from the URL", () => {
  test("no parameter: the 12 last months ending today, by month, no error", () => {
    const { filters, granularity, errors } = parseStatsQuery({}, TODAY);
    assert.deepEqual(errors, []);
    assert.deepEqual([filters.from, filters.to, granularity], ["2025-11-03", "2026-11-02", "mois"]);
    assert.equal(filters.theme, null);
  });

  test("the step follows the period's length unless given", () => {
    assert.equal(defaultGranularity("2026-03-01", "2026-03-31"), "jour");
    assert.equal(defaultGranularity("2026-03-01", "2026-04-01"), "semaine");
    assert.equal(defaultGranularity("2026-01-01", "2026-07-19"), "semaine");
    assert.equal(defaultGranularity("2026-01-01", "2026-07-20"), "mois");
    assert.equal(parseStatsQuery({ du: "2026-01-01", au: "2026-03-31", pas: "mois" }, TODAY).granularity, "mois");
  });

  test("every filter is read under its French name and written back the same way", () => {
    const query = {
      du: "2026-01-01",
      au: "2026-03-31",
      conseiller: ID,
      structure: ID,
      epci: "200035459",
      commune: "47001",
      employeur: "association",
      type: "collectif",
      thematique: "aide-demarches",
      demarche: "logement",
      type_lieu: "domicile",
      lieu: ID,
      genre: "feminin",
      tranche_age: "60-69",
      statut: "retraite",
      commune_residence: "2A004",
      pas: "semaine",
    };
    const parsed = parseStatsQuery(query, TODAY);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.filters.procedureArea, "logement");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(statsQueryString(parsed.filters, parsed.granularity))), query);
  });

  test("wrong values get a French message on their own field, and the input is kept as typed", () => {
    const parsed = parseStatsQuery({ thematique: "cuisine", genre: "x", conseiller: "12", commune: "4700", epci: "abc", employeur: "prefecture", pas: "an" }, TODAY);
    assert.deepEqual(parsed.errors.map((e) => e.field).sort(), ["commune", "conseiller", "employeur", "epci", "genre", "pas", "thematique"]);
    assert.equal(parsed.input.thematique, "cuisine");
    assert.match(parsed.errors[0]?.message ?? "", /Choisissez/);
  });

  test("dates: French format accepted, start after end refused, at most 5 years, no daily series over a year", () => {
    assert.equal(parseStatsQuery({ du: "01/03/2026", au: "31/03/2026" }, TODAY).filters.from, "2026-03-01");
    assert.deepEqual(fields({ du: "2026-04-01", au: "2026-03-31" }), ["au"]);
    assert.deepEqual(fields({ du: "2026-02-30" }), ["du"]);
    assert.deepEqual(fields({ du: "2021-11-02", au: "2026-11-02" }), ["du"]);
    assert.deepEqual(fields({ du: "2021-11-03", au: "2026-11-02" }), []);
    assert.deepEqual(fields({ du: "2025-01-01", au: "2026-11-02", pas: "jour" }), ["pas"]);
  });

  test("only an end date: the 12 months before it", () => {
    assert.equal(parseStatsQuery({ au: "2026-02-28" }, TODAY).filters.from, "2025-03-01");
  });
});

describe("buckets and duration bands", () => {
  test("weeks start on Monday, months on the 1st, every bucket of the period is there", () => {
    assert.deepEqual(bucketStarts("2026-03-04", "2026-03-16", "semaine"), ["2026-03-02", "2026-03-09", "2026-03-16"]);
    assert.deepEqual(bucketStarts("2026-01-31", "2026-03-01", "mois"), ["2026-01-01", "2026-02-01", "2026-03-01"]);
    assert.equal(bucketStarts("2026-03-01", "2026-03-31", "jour").length, 31);
    assert.deepEqual(bucketStarts("2026-03-29", "2026-03-30", "jour"), ["2026-03-29", "2026-03-30"], "the spring clock change is a day like any other");
  });

  test("duration bands", () => {
    assert.deepEqual([1, 29, 30, 60, 61, 120, 121, 1440].map(durationBandOf), [
      "moins-30-min",
      "moins-30-min",
      "30-min-1-h",
      "30-min-1-h",
      "1-h-2-h",
      "1-h-2-h",
      "plus-2-h",
      "plus-2-h",
    ]);
  });
});
