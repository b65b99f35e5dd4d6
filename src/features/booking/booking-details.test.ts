import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkDetails, EMPTY_DETAILS, normalizeFrenchPhone, pickThemes } from "./booking-details.ts";

const now = new Date("2026-03-02T07:00:00Z");
const fields = (input: Partial<typeof EMPTY_DETAILS>) => {
  const result = checkDetails({ ...EMPTY_DETAILS, ...input }, now);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe("the details given to book", () => {
  test("a French phone number is kept in one international form, whatever the spacing", () => {
    assert.equal(normalizeFrenchPhone("06 12 34 56 78"), "+33612345678");
    assert.equal(normalizeFrenchPhone("+33 6.12.34.56.78"), "+33612345678");
    assert.equal(normalizeFrenchPhone("0612"), null);
  });

  test("a first name, a name or initial, a phone or an e-mail and the consent are needed", () => {
    assert.deepEqual(fields({}), ["prenom", "nom", "telephone", "consentement"]);
    assert.deepEqual(fields({ prenom: "Léa", nom: "B", courriel: "lea@exemple.fr", consentement: true }), []);
    assert.deepEqual(fields({ prenom: "Léa", nom: "B", courriel: "lea@", telephone: "12", consentement: true }), ["telephone", "courriel"]);
    assert.deepEqual(fields({ prenom: "Léa", nom: "B", telephone: "0612345678", consentement: true, annee_naissance: "58" }), ["annee_naissance"]);
  });

  test("only known themes are kept, once each, in the taxonomy's order", () => {
    assert.deepEqual(pickThemes(["sante", "inconnu", "e-mail", "sante"]), ["e-mail", "sante"]);
  });
});
