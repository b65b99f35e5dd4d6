import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NATIONAL_EXPORT_COLUMNS } from "../taxonomy.ts";
import { csvCell, csvRow } from "./activity-export.ts";
import { EXPORT_HEADERS, type ExportReport, nationalCells } from "./national-export.ts";

const individual: ExportReport = {
  id: "11111111-1111-4111-8111-111111111111",
  date: "2026-03-05",
  type: "individuel",
  place_type: "lieu-activite",
  commune_code: "47001",
  duration_minutes: 45,
  equipment: ["ordinateur", "telephone"],
  themes: ["e-mail", "aide-demarches"],
  procedure_areas: ["argent-impots"],
  autonomy: "partiellement-autonome",
  oriented: true,
  referral_structure: "operateur-demarche",
  beneficiary_gender: "feminin",
  beneficiary_age_band: "60-69",
  beneficiary_social_status: "retraite",
  beneficiary_commune_code: "47157",
  title: null,
  level: null,
  participants_total: 1,
  place_name: "Médiathèque d'Agen",
  place_address: "1 place Armand Fallières",
  place_postcode: "47000",
  commune_name: "Agen",
  commune_postcodes: ["47000"],
  person_commune_name: "Marmande",
  person_commune_postcodes: ["47200"],
  advisor_first_name: "Isabelle",
  advisor_last_name: "Petit",
  structure_name: "Lot-et-Garonne Numérique",
};

function byColumn(report: ExportReport): Record<string, string | number> {
  const cells = nationalCells(report);
  return Object.fromEntries(EXPORT_HEADERS.map((h, i) => [h, cells[i]!]));
}

describe("a report as a row of the national export", () => {
  test("the headers are the national columns in their order, then ours", () => {
    assert.deepEqual(EXPORT_HEADERS.slice(0, NATIONAL_EXPORT_COLUMNS.length), NATIONAL_EXPORT_COLUMNS.map((c) => c.column));
    assert.deepEqual(EXPORT_HEADERS.slice(NATIONAL_EXPORT_COLUMNS.length), ["Médiateur", "Structure employeuse"]);
  });

  test("an individual report writes national values, multiple values on separate lines", () => {
    const row = byColumn(individual);
    assert.equal(row.Date, "05/03/2026");
    assert.equal(row.Type, "Accompagnement individuel");
    assert.equal(row["Canaux d’accompagnement"], "Lieu d’activité");
    assert.equal(row["Nom du lieu"], "Médiathèque d'Agen");
    assert.equal(row["Code postal"], "47000");
    assert.equal(row["Durée (min)"], 45);
    assert.equal(row["Matériel numérique utilisé"], "Ordinateur\nTéléphone");
    assert.equal(row["Thématique(s) d’accompagnement"], "E-mail\nAide aux démarches administratives\nArgent - Impôts");
    assert.equal(row["Niveau d’autonomie (ou de l’atelier)"], "2/3");
    assert.equal(row["Bénéficiaire réorienté"], "Oui");
    assert.equal(row["Commune du bénéficiaire"], "Marmande");
    assert.equal(row["Genre du bénéficiaire"], "Féminin");
    assert.equal(row["Tranche d’âge du bénéficiaire"], "60 - 69 ans");
    assert.equal(row["Statut du bénéficiaire"], "Retraité");
    assert.equal(row["ID CRA"], individual.id);
    assert.equal(row.Médiateur, "Isabelle Petit");
  });

  test("a collective report at home writes the workshop's title and level, no person, the commune's postcode", () => {
    const row = byColumn({
      ...individual,
      type: "collectif",
      place_type: "autre-lieu",
      place_name: null,
      title: "Repérer les arnaques",
      level: "debutant",
      autonomy: null,
      oriented: null,
      referral_structure: null,
      participants_total: 9,
      beneficiary_gender: null,
      beneficiary_age_band: null,
      beneficiary_social_status: null,
      beneficiary_commune_code: null,
    });
    assert.equal(row.Participants, 9);
    assert.equal(row["Nom du lieu"], "");
    assert.equal(row["Code postal"], "47000");
    assert.equal(row["Nom de l’atelier"], "Repérer les arnaques");
    assert.equal(row["Niveau d’autonomie (ou de l’atelier)"], "1/3");
    assert.equal(row["Commune du bénéficiaire"], "");
    assert.equal(row["Bénéficiaire réorienté"], "");
  });

  test("CSV cells: semicolons, quotes and line breaks are quoted; formulas are defused", () => {
    assert.equal(csvCell("Agen; centre"), '"Agen; centre"');
    assert.equal(csvCell('Dit "bonjour"'), '"Dit ""bonjour"""');
    assert.equal(csvCell("E-mail\nSanté"), '"E-mail\nSanté"');
    assert.equal(csvCell("=1+1"), "'=1+1");
    assert.equal(csvCell(45), "45");
    assert.equal(csvRow(["a", 1]), "a;1\r\n");
  });
});
