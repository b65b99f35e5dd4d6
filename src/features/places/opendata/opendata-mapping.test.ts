import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fromStandardRow, internationalPhone, nationalPhone, type PlaceForExport, toStandardRow } from "./opendata-mapping.ts";
import { STANDARD, STANDARD_FIELDS } from "./standard-schema.ts";

function place(overrides: Partial<PlaceForExport> = {}): PlaceForExport {
  return {
    id: "3f1c2f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f",
    source: "declic",
    source_id: "mairie-de-lauzun",
    pivot: null,
    structure_siret: "73282932000074",
    name: "Mairie de Lauzun",
    commune_name: "Lauzun",
    postcode: "47410",
    commune_code: "47142",
    address: "Place de la Mairie",
    address_complement: null,
    latitude: 44.6289,
    longitude: 0.4606,
    typologie: ["MUNI"],
    phone: "05 53 12 34 56",
    email: "accueil@lauzun.example",
    emails: ["accueil@lauzun.example", "mairie@lauzun.example"],
    website: null,
    opening_hours: "Mo-Fr 09:00-12:00",
    summary: null,
    description: null,
    parent_structure: null,
    updated_on: "2026-11-02",
    mobility: [],
    services: ["Aide aux démarches administratives"],
    publics: [],
    specific_support: [],
    fees: ["Gratuit"],
    national_programmes: ["Conseillers numériques"],
    labels: ["Étapes numériques (La Poste)"],
    other_labels: [],
    access_modes: [],
    support_modes: [],
    accessibility_url: null,
    booking_url: null,
    ...overrides,
  };
}

describe("our places as rows of the national standard", () => {
  test("French phone numbers are written in the international format the standard asks for", () => {
    assert.equal(internationalPhone("05 53 12 34 56"), "+33553123456");
    assert.equal(internationalPhone("05.53.12.34.56"), "+33553123456");
    assert.equal(internationalPhone("+33 5 53 12 34 56"), "+33553123456");
    assert.equal(internationalPhone("0033553123456"), "+33553123456");
    assert.equal(internationalPhone("3939"), null);
    assert.equal(nationalPhone("+33553123456"), "05 53 12 34 56");
    assert.equal(nationalPhone("+590590123456"), "+590590123456");
  });

  test("a place of our own gets our id, the brand as source and its structure's SIRET as pivot", () => {
    const { row, dropped } = toStandardRow(place(), "déClic47", STANDARD.enumValues);
    assert.deepEqual(Object.keys(row), [...STANDARD_FIELDS]);
    assert.equal(row.id, "3f1c2f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f");
    assert.equal(row.source, "déClic47");
    assert.equal(row.pivot, "73282932000074");
    assert.equal(row.telephone, "+33553123456");
    assert.equal(row.courriels, "accueil@lauzun.example|mairie@lauzun.example");
    assert.equal(row.horaires, "Mo-Fr 09:00-12:00");
    assert.equal(row.date_maj, "2026-11-02");
    assert.equal(row.latitude, "44.6289");
    assert.deepEqual(dropped, []);
    assert.deepEqual(STANDARD.validateRow(row), []);
  });

  test("an imported place keeps its source's id, and its own pivot before its structure's", () => {
    const { row } = toStandardRow(place({ source: "Hubik", source_id: "structure-1", pivot: "W123456789" }), "déClic47", STANDARD.enumValues);
    assert.equal(row.id, "structure-1");
    assert.equal(row.source, "Hubik");
    assert.equal(row.pivot, "W123456789");
  });

  test("a value the schema spells differently is written the schema's way; unknown values are left out and reported", () => {
    const { row, dropped } = toStandardRow(place({ labels: ["Étapes numériques (La Poste)", "Inventé"], phone: "12" }), "x", STANDARD.enumValues);
    assert.equal(row.formations_labels, "Étapes numériques(La Poste)");
    assert.equal(row.telephone, "");
    assert.deepEqual(dropped, ["telephone : « 12 »", "formations_labels : « Inventé »"]);
    assert.deepEqual(STANDARD.validateRow(row), []);
  });

  test("reading a row back gives the place's values, in our spelling", () => {
    const { row } = toStandardRow(place(), "déClic47", STANDARD.enumValues);
    const values = fromStandardRow(row);
    assert.equal(values.phone, "05 53 12 34 56");
    assert.equal(values.email, "accueil@lauzun.example");
    assert.deepEqual(values.emails, ["accueil@lauzun.example", "mairie@lauzun.example"]);
    assert.deepEqual(values.labels, ["Étapes numériques (La Poste)"]);
    assert.deepEqual(values.services, ["Aide aux démarches administratives"]);
    assert.equal(values.latitude, 44.6289);
    assert.equal(values.pivot, "73282932000074");
    assert.equal(values.address_complement, null);
  });
});
