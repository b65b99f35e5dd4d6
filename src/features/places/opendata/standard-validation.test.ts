import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { parseCsv } from "./csv.ts";
import { EXAMPLE_CSV_PATH, STANDARD, STANDARD_FIELDS } from "./standard-schema.ts";
import { alternatives, enumFromPattern, type StandardRow } from "./standard-validation.ts";

function exampleRows(): StandardRow[] {
  const [header, ...records] = parseCsv(readFileSync(EXAMPLE_CSV_PATH, "utf8"));
  return records.map((r) => Object.fromEntries(header!.fields.map((name, i) => [name, r.fields[i] ?? ""])));
}

function validRow(overrides: StandardRow = {}): StandardRow {
  return { ...exampleRows()[0]!, ...overrides };
}

function messages(row: StandardRow): string[] {
  return STANDARD.validateRow(row).map((i) => i.message);
}

describe("validation against the official schema of the national standard", () => {
  test("the schema's columns are the 32 of the standard, in its order", () => {
    assert.equal(STANDARD.version, "v1.0.2");
    assert.equal(STANDARD_FIELDS.length, 32);
    assert.deepEqual(STANDARD_FIELDS.slice(0, 4), ["id", "pivot", "nom", "commune"]);
    assert.equal(STANDARD_FIELDS.at(-1), "prise_rdv");
    assert.deepEqual(STANDARD.requiredFields, ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"]);
  });

  test("every row of the standard's example file is valid", () => {
    const rows = exampleRows();
    assert.ok(rows.length >= 1);
    for (const row of rows) assert.deepEqual(messages(row), []);
  });

  test("an empty required field is named in French", () => {
    assert.deepEqual(messages(validRow({ nom: "", date_maj: " " })), ["nom : champ obligatoire vide", "date_maj : champ obligatoire vide"]);
  });

  test("patterns are anchored: a pivot too short, too long or with spaces is refused", () => {
    assert.match(messages(validRow({ pivot: "43493312" }))[0] ?? "", /^pivot : format invalide.*SIRET/);
    assert.equal(messages(validRow({ pivot: "434 933 123 00029" })).length, 1, "spaces");
    assert.equal(messages(validRow({ pivot: "434933123000291234" })).length, 1, "too long");
    assert.equal(messages(validRow({ code_postal: "470000" })).length, 1);
    assert.equal(messages(validRow({ code_postal: "4700" })).length, 1);
    assert.deepEqual(messages(validRow({ code_insee: "2A004" })), []);
    assert.equal(messages(validRow({ telephone: "05 53 12 34 56" })).length, 1);
    assert.deepEqual(messages(validRow({ telephone: "+33553123456" })), []);
  });

  test("multi-valued fields are split on « | » and each value must be one of the standard", () => {
    assert.deepEqual(messages(validRow({ services: "Aide aux démarches administratives|Compréhension du monde numérique" })), []);
    assert.deepEqual(messages(validRow({ services: "Aide aux démarches administratives|Cuisine" })), [
      "services : « Cuisine » n'est pas une valeur du standard",
    ]);
    assert.match(messages(validRow({ frais_a_charge: "Gratuit|" }))[0] ?? "", /^frais_a_charge : valeur vide/);
    assert.match(messages(validRow({ frais_a_charge: "|Gratuit" }))[0] ?? "", /^frais_a_charge : valeur vide/);
    assert.deepEqual(messages(validRow({ itinerance: "Fixe|Itinérant" })), []);
    assert.deepEqual(messages(validRow({ formations_labels: "ORDI 3.0" })), []);
    assert.equal(messages(validRow({ formations_labels: "ORDI 3-0" })).length, 1, "a dot in a value is not a wildcard");
  });

  test("the short presentation is limited to 280 characters, counted as characters", () => {
    assert.deepEqual(messages(validRow({ presentation_resume: "é".repeat(280) })), []);
    assert.deepEqual(messages(validRow({ presentation_resume: "é".repeat(281) })), ["presentation_resume : 281 caractères, 280 au maximum"]);
  });

  test("latitude and longitude are numbers within WGS84 ranges", () => {
    assert.deepEqual(messages(validRow({ latitude: "44.2031", longitude: "-0.61" })), []);
    assert.match(messages(validRow({ latitude: "44,2031" }))[0] ?? "", /^latitude : nombre attendu/);
    assert.deepEqual(messages(validRow({ longitude: "190" })), ["longitude : 190 est hors de l'intervalle -180 à 180"]);
  });

  test("the update date is a real date written YYYY-MM-DD", () => {
    assert.match(messages(validRow({ date_maj: "02/04/2024" }))[0] ?? "", /^date_maj : date au format AAAA-MM-JJ attendue/);
    assert.equal(messages(validRow({ date_maj: "2024-02-30" })).length, 1);
    assert.deepEqual(messages(validRow({ date_maj: "2024-02-29" })), []);
  });

  test("enumerations are read from the schema's patterns, escapes and parentheses included", () => {
    assert.deepEqual(alternatives("A|B \\(c\\)|D"), ["A", "B (c)", "D"]);
    assert.deepEqual(enumFromPattern("(?:(?:^|\\|)(Gratuit|Payant))+$"), ["Gratuit", "Payant"]);
    assert.equal(enumFromPattern("^\\d{5}$"), null);
    assert.ok(STANDARD.enumValues("prise_en_charge_specifique")?.has("Langues étrangères (anglais)"));
    assert.ok(STANDARD.enumValues("dispositif_programmes_nationaux")?.has("Relais numérique (Emmaüs Connect)"));
    assert.equal(STANDARD.enumValues("nom"), null);
  });
});
