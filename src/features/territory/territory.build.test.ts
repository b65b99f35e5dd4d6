import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { OfficialCommune, OfficialEpci } from "./official-geography.ts";
import { buildTerritory } from "./territory.build.ts";
import type { CommuneGeodata, Geometry } from "./territory.sources.ts";
import type { Point } from "./territory.ts";

const NOW = new Date("2026-11-02T09:00:00Z");
const SQUARE: Geometry = { type: "Polygon", coordinates: [[[0, 44], [1, 44], [1, 45], [0, 44]]] };

function commune(code: string, nom: string, extra: Partial<OfficialCommune> = {}): OfficialCommune {
  return { code, nom, type: "commune-actuelle", departement: "47", codesPostaux: ["47000"], population: 1000, ...extra };
}

const official: { communes: OfficialCommune[]; epcis: OfficialEpci[] } = {
  communes: [
    commune("47001", "Agen", { population: 32801 }),
    // A commune nouvelle with a new code: the 2018 source only knows its two former communes.
    commune("47900", "Val-de-Garonne-Nouvelle", { anciensCodes: ["47801", "47802"], codesPostaux: ["47200", "47180"] }),
    // A commune nouvelle that kept the code of one former commune, which absorbed another after 2018.
    commune("47910", "Grand-Bourg", { anciensCodes: ["47811"] }),
    // A commune the source does not know at all.
    commune("47999", "Sans-Position", { codesPostaux: undefined, population: undefined }),
  ],
  epcis: [
    { code: "200000001", nom: "CA d'Agen", type: "CA", populationTotale: 90000, membres: [{ code: "47001" }, { code: "47900" }] },
    { code: "200000002", nom: "CC des Deux Rives", type: "CC", membres: [{ code: "47910" }, { code: "82001" }] },
  ],
};

function geodata(centres: Record<string, Point>, boundaries: Record<string, Geometry> = {}): CommuneGeodata {
  return { centres: new Map(Object.entries(centres)), boundaries: new Map(Object.entries(boundaries)), source: "file" };
}

const source = geodata(
  {
    "47001": { latitude: 44.20284, longitude: 0.62575 },
    "47801": { latitude: 44.5, longitude: 0.1 },
    "47802": { latitude: 44.6, longitude: 0.3 },
    "47910": { latitude: 44.0, longitude: 0.0 },
    "47811": { latitude: 44.2, longitude: 0.4 },
  },
  { "47001": SQUARE },
);

function row(build: ReturnType<typeof buildTerritory>, code: string) {
  const found = build.communes.find((c) => c.code === code);
  assert.ok(found, `commune ${code} is built`);
  return found;
}

describe("building the stored territory from the official code and geographic data", () => {
  const build = buildTerritory(official, source, "47", NOW);

  test("every official commune is kept, in the official order", () => {
    assert.deepEqual(
      build.communes.map((c) => c.code),
      ["47001", "47900", "47910", "47999"],
    );
  });

  test("each commune is attached to the EPCI that lists it as a member", () => {
    assert.equal(row(build, "47001").epci_code, "200000001");
    assert.equal(row(build, "47900").epci_code, "200000001");
    assert.equal(row(build, "47910").epci_code, "200000002");
    assert.equal(row(build, "47999").epci_code, null);
  });

  test("EPCIs are stored with their kind and population (0 when unknown)", () => {
    assert.deepEqual(build.epcis, [
      { code: "200000001", name: "CA d'Agen", kind: "CA", population: 90000 },
      { code: "200000002", name: "CC des Deux Rives", kind: "CC", population: 0 },
    ]);
  });

  test("a commune known to the source gets its centre from the source", () => {
    const agen = row(build, "47001");
    assert.equal(agen.latitude, 44.20284);
    assert.equal(agen.longitude, 0.62575);
    assert.equal(agen.centre_source, "file");
  });

  test("a commune nouvelle with a new code gets the mean centre of its former communes", () => {
    const merged = row(build, "47900");
    assert.equal(merged.latitude, 44.55);
    assert.equal(merged.longitude, 0.2);
    assert.equal(merged.centre_source, "former_codes");
    assert.ok(build.fromFormerCodes.includes("47900"));
  });

  test("a commune that kept its code but absorbed communes the source still lists gets a combined centre", () => {
    const grown = row(build, "47910");
    assert.equal(grown.latitude, 44.1);
    assert.equal(grown.longitude, 0.2);
    assert.equal(grown.centre_source, "former_codes");
    assert.deepEqual(build.fromFormerCodes, ["47900", "47910"]);
  });

  test("a commune with no known centre is kept, listed, and has no position", () => {
    const unknown = row(build, "47999");
    assert.equal(unknown.latitude, null);
    assert.equal(unknown.longitude, null);
    assert.equal(unknown.centre_source, null);
    assert.deepEqual(build.withoutCentre, [{ code: "47999", name: "Sans-Position" }]);
    assert.deepEqual(unknown.postcodes, []);
    assert.equal(unknown.population, 0);
  });

  test("boundaries are stored as GeoJSON and the communes without one are counted", () => {
    assert.deepEqual(JSON.parse(String(row(build, "47001").boundary)), SQUARE);
    assert.equal(row(build, "47900").boundary, null);
    assert.equal(build.withoutBoundary, 3);
  });

  test("names get a search key, and every row carries the département and sync time", () => {
    const merged = row(build, "47900");
    assert.equal(merged.search_name, "val de garonne nouvelle");
    assert.deepEqual(merged.postcodes, ["47200", "47180"]);
    for (const c of build.communes) {
      assert.equal(c.departement, "47");
      assert.equal(c.synced_at, NOW);
    }
  });

  test("with centres from the geographic API, merged communes keep the API's own centre", () => {
    const api: CommuneGeodata = { ...geodata({ "47900": { latitude: 44.4, longitude: 0.2 } }), source: "api" };
    const fromApi = buildTerritory(official, api, "47", NOW);
    assert.equal(row(fromApi, "47900").centre_source, "api");
    assert.equal(row(fromApi, "47900").latitude, 44.4);
    assert.deepEqual(fromApi.fromFormerCodes, []);
    assert.equal(fromApi.withoutCentre.length, 3);
    assert.equal(fromApi.withoutBoundary, 4);
  });
});
