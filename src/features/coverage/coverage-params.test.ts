import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCsv } from "../places/opendata/csv.ts";
import type { CommuneCoverage } from "./coverage.ts";
import { coverageCsv, filterQuery, parseCoverageParams, rankLeastServed } from "./coverage-params.ts";

function commune(code: string, population: number, distanceKm: number | null): CommuneCoverage {
  return {
    code,
    name: `Commune ${code}`,
    population,
    centre: { latitude: 44, longitude: 0.5 },
    nearest: distanceKm === null ? null : { id: "p1", name: "Lieu, « un »", distanceKm },
    nearestDropInKm: distanceKm,
    hoursWithin10Km: 3.25,
    hoursWithin20Km: 12,
  };
}

describe("coverage parameters", () => {
  test("defaults, and every bad parameter named at once in French", () => {
    assert.deepEqual(parseCoverageParams({}), {
      params: { services: [], employers: [], page: 1, whatIfCommune: null, whatIfPlace: null, whatIfRadiusKm: 10, sites: 5, sitesRadiusKm: 10 },
      errors: [],
    });
    const { params, errors } = parseCoverageParams({
      service: ["aide-aux-demarches-administratives", "cuisine"],
      employeur: "prefecture",
      si_commune: "Agen",
      nb_sites: "50",
      rayon_sites_km: "0",
      page: "x",
    });
    assert.deepEqual(params.services, ["aide-aux-demarches-administratives"]);
    assert.deepEqual(
      errors.map((e) => e.field),
      ["service", "employeur", "si_commune", "page", "nb_sites", "rayon_sites_km"],
    );
    assert.match(errors[0]!.message, /Service inconnu : cuisine/);
  });

  test("the filters as a query keep repeated keys", () => {
    assert.equal(filterQuery({ services: ["a", "b"], employers: ["commune"] }, { page: 2, si_lieu: null }), "?service=a&service=b&employeur=commune&page=2");
    assert.equal(filterQuery({ services: [], employers: [] }), "");
  });
});

describe("least-served ranking", () => {
  test("communes beyond 10 km (or without help) first by population, then the others farthest first", () => {
    const ranked = rankLeastServed([
      commune("A", 5000, 2),
      commune("B", 300, 12),
      commune("C", 900, 11),
      commune("D", 100, null),
      commune("E", 50, 9),
      commune("F", 300, 25),
    ]);
    assert.deepEqual(
      ranked.map((c) => c.code),
      ["C", "F", "B", "D", "E", "A"],
    );
  });
});

describe("CSV of the communes", () => {
  test("one row per commune, the API's columns, kilometres and hours to 0.1, empty when unknown", () => {
    const records = parseCsv(coverageCsv([commune("47001", 33000, 0.44), commune("47002", 10, null)]));
    assert.equal(records.length, 3);
    assert.deepEqual(records[1]?.fields, ["47001", "Commune 47001", "33000", "0.4", "p1", "Lieu, « un »", "0.4", "3.3", "12.0"]);
    assert.deepEqual(records[2]?.fields.slice(3, 7), ["", "", "", ""]);
  });
});
