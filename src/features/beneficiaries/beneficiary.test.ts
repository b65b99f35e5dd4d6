import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blankBeneficiaryForm, checkBeneficiaryForm, normalizeText, phoneDigits, retentionCutoff, searchNameOf, searchWords } from "./beneficiary.ts";

const NOW = new Date("2026-06-10T10:00:00Z");
const resolveCommune = (typed: string) => (typed === "47001" || typed === "Agen" ? "47001" : null);

describe("beneficiary rules", () => {
  test("search names drop accents, case and punctuation", () => {
    assert.equal(normalizeText("  Hélène  L'Œillet-Müller "), "helene l oeillet muller");
    assert.equal(searchNameOf("Hélène", "Dupont"), "helene dupont");
    assert.equal(searchNameOf("Zoé", null), "zoe");
    assert.deepEqual(searchWords("DUPONT hélène"), ["dupont", "helene"]);
  });

  test("phone numbers compare with or without the +33 prefix", () => {
    assert.equal(phoneDigits("06 12 34 56 78"), "0612345678");
    assert.equal(phoneDigits("+33 6 12 34 56 78"), "0612345678");
    assert.equal(phoneDigits("12"), null);
  });

  test("a new record needs a first name and the person's consent with how it was given", () => {
    const { input, errors } = checkBeneficiaryForm({ ...blankBeneficiaryForm() }, { now: NOW, consentNeeded: true, resolveCommune });
    assert.equal(input, null);
    assert.deepEqual(Object.keys(errors).sort(), ["consent", "consent_method", "first_name"]);
    assert.match(errors.consent!, /accord/);
  });

  test("a valid record gets its age band from the birth year and a commune code from the typed name", () => {
    const { input, errors } = checkBeneficiaryForm(
      { ...blankBeneficiaryForm(), first_name: "Hélène", last_name: "Dupont", birth_year: "1950", residence_commune: "Agen", consent: true, consent_method: "oral" },
      { now: NOW, consentNeeded: true, resolveCommune },
    );
    assert.deepEqual(errors, {});
    assert.equal(input?.ageBand, "70-et-plus");
    assert.equal(input?.residenceCommuneCode, "47001");
    assert.equal(input?.searchName, "helene dupont");
  });

  test("wrong phone, e-mail, year and commune are refused in French; editing does not ask consent again", () => {
    const { errors } = checkBeneficiaryForm(
      { ...blankBeneficiaryForm(), first_name: "A", phone: "abc", email: "pas-une-adresse", birth_year: "3000", residence_commune: "Paris" },
      { now: NOW, consentNeeded: false, resolveCommune },
    );
    assert.deepEqual(Object.keys(errors).sort(), ["birth_year", "email", "phone", "residence_commune"]);
  });

  test("the retention cutoff is the same day `months` months earlier", () => {
    assert.equal(retentionCutoff(NOW, 24), "2024-06-10");
    assert.equal(retentionCutoff(NOW, 1), "2026-05-10");
  });
});
