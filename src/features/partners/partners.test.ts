// The partner rules without a database: profile and service forms, coverage, and the data·inclusion rows.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkServiceRow, checkStructureRow, readServices, readStructures, zoneColumns } from "./data-inclusion.ts";
import { BLANK_PROFILE, checkProfile, checkService, coversCommune, type Territory } from "./partners.ts";

const TERRITORY: Territory & { departement: string } = {
  departement: "47",
  communes: [
    { code: "47001", name: "Agen", epciCode: "200096956" },
    { code: "47157", name: "Marmande", epciCode: "200030674" },
    { code: "47195", name: "Nérac", epciCode: "200068948" },
  ],
  epcis: [
    { code: "200096956", name: "CA Agglomération d'Agen" },
    { code: "200030674", name: "CA Val de Garonne Agglomération" },
    { code: "200068948", name: "CC Albret Communauté" },
  ],
};

describe("partner coverage", () => {
  test("a partner covers a commune directly, through its EPCI, or as the whole département", () => {
    const marmande = { code: "47157", epciCode: "200030674" };
    assert.equal(coversCommune({ departement: false, communes: ["47157"], epcis: [] }, marmande), true);
    assert.equal(coversCommune({ departement: false, communes: [], epcis: ["200030674"] }, marmande), true);
    assert.equal(coversCommune({ departement: true, communes: [], epcis: [] }, marmande), true);
    assert.equal(coversCommune({ departement: false, communes: ["47001"], epcis: ["200096956"] }, marmande), false);
  });

  test("several areas are written with an empty type and every code", () => {
    assert.deepEqual(zoneColumns({ departement: false, communes: ["47157"], epcis: ["200096956"] }, "47"), { type: "", codes: ["200096956", "47157"] });
    assert.deepEqual(zoneColumns({ departement: true, communes: ["47157"], epcis: [] }, "47"), { type: "departement", codes: ["47"] });
  });
});

describe("partner forms", () => {
  test("a profile needs a name, a type and a coverage zone, and names each bad field in French", () => {
    const result = checkProfile({ ...BLANK_PROFILE, siret: "123", courriel: "pas-un-courriel", site_web: "www.exemple.fr", communes: "Agen, Paris" }, TERRITORY);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(Object.keys(result.errors).sort(), ["communes", "courriel", "nom", "siret", "site_web", "typologie"]);
    assert.match(result.errors.communes!, /Paris/);
  });

  test("communes are found by name without accents or by INSEE code", () => {
    const result = checkProfile({ ...BLANK_PROFILE, nom: "CCAS de Nérac", typologie: "CCAS", commune: "nerac", communes: "Nerac; 47001", telephone: "05 53 00 00 00" }, TERRITORY);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.value.communeCode, "47195");
    assert.deepEqual(result.value.coverage, { departement: false, epcis: [], communes: ["47195", "47001"] });
  });

  test("a service needs a name and a known thématique", () => {
    const result = checkService({ nom: "", thematiques: ["cuisine"], description: "", modes_accueil: ["par-pigeon"], orientation: "", publics: [] });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors).sort(), ["modes_accueil", "nom", "thematiques"]);
  });
});

describe("data·inclusion rows", () => {
  test("a CSV keeps each row's line, even after a field spanning two lines", () => {
    const read = readStructures('id,nom,commune,code_postal,adresse,date_maj\ns1,"CAF\nAgen",Agen,47000,1 rue,2026-01-01\ns2,CPAM,Agen,47000,2 rue,2026-01-01\n');
    assert.deepEqual(read.fileErrors, []);
    assert.deepEqual(read.rows.map((r) => r.line), [2, 4]);
  });

  test("a structure row names each bad column", () => {
    const [row] = readStructures("id,nom,commune,code_postal,adresse,date_maj,typologie,siret\ns1,,Paris,750,1 rue,2026-13-01,XYZ,123\n").rows;
    const { value, errors } = checkStructureRow(row!, TERRITORY);
    assert.equal(value, null);
    assert.deepEqual(errors.map((e) => e.column).sort(), ["code_postal", "commune", "date_maj", "nom", "siret", "typologie"]);
    assert.ok(errors.every((e) => e.line === 2 && e.file === "structures"));
  });

  test("a structure without address, postcode or commune is accepted, as the partner form and our export allow", () => {
    const [row] = readStructures("id,nom,typologie,adresse,code_postal,commune,code_insee,date_maj\ns1,Association Lien,ASSO,,,,,2026-01-01\n").rows;
    const { value, errors } = checkStructureRow(row!, TERRITORY);
    assert.deepEqual(errors, []);
    assert.deepEqual([value!.profile.address, value!.profile.postcode, value!.profile.communeCode], [null, null, null]);
  });

  test("a service of a structure whose row has errors says which line to correct, not « unknown structure »", () => {
    const [row] = readServices("id,structure_id,nom,thematiques\nv1,s9,Aide,numerique\n").rows;
    const { errors } = checkServiceRow(row!, TERRITORY, new Set(["s1"]), new Map([["s9", 7]]));
    assert.deepEqual(errors.map((e) => e.column), ["structure_id"]);
    assert.match(errors[0]!.message, /« s9 » a des erreurs ligne 7 du fichier des structures/);
  });

  test("a service row must point to a known structure and use known codes", () => {
    const [row] = readServices("id,structure_id,nom,thematiques,profils,zone_diffusion_type,zone_diffusion_code\nv1,inconnue,Aide,numerique--prendre-en-main-un-ordinateur|cuisine,martiens,commune,33063\n").rows;
    const { errors } = checkServiceRow(row!, TERRITORY, new Set(["s1"]));
    assert.deepEqual(errors.map((e) => e.column), ["structure_id", "thematiques", "profils", "zone_diffusion_code"]);
    assert.match(errors[1]!.message, /cuisine/);
    assert.doesNotMatch(errors[1]!.message, /prendre-en-main/);
  });

  test("JSON rows are numbered by their rank in the list", () => {
    const read = readServices('[{"id":"v1","structure_id":"s1","nom":"A","thematiques":["numerique"]},{"id":"v2","structure_id":"s1","nom":"","thematiques":[]}]');
    const checked = read.rows.map((r) => checkServiceRow(r, TERRITORY, new Set(["s1"])));
    assert.equal(checked[0]!.errors.length, 0);
    assert.deepEqual(checked[1]!.errors.map((e) => [e.line, e.column]), [[2, "nom"], [2, "thematiques"]]);
  });
});
