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

  test("a landline given as « Téléphone portable » is refused next to the field: SMS go to 06 and 07 only", () => {
    const person = { prenom: "Léa", nom: "B", consentement: true };
    for (const landline of ["05 53 12 34 56", "01 23 45 67 89", "+33 9 51 23 45 67", "08 00 12 34 56"]) {
      const result = checkDetails({ ...EMPTY_DETAILS, ...person, telephone: landline }, now);
      assert.ok(!result.ok, landline);
      assert.deepEqual(result.errors.map((e) => e.field), ["telephone"], landline);
      assert.match(result.errors[0]!.message, /n'est pas un portable.*06 ou 07/, landline);
    }
    assert.deepEqual(fields({ ...person, telephone: "07 12 34 56 78" }), []);
    assert.deepEqual(fields({ ...person, telephone: "+33 6 12 34 56 78" }), []);
  });

  test("staff booking on a person's behalf may give a landline, so the advisor can call; still one way to reach them", () => {
    const person = { prenom: "Léa", nom: "B", consentement: true };
    const landline = checkDetails({ ...EMPTY_DETAILS, ...person, telephone: "05 53 12 34 56" }, now, null, { staff: true });
    assert.ok(landline.ok);
    assert.equal(landline.details.phone, "+33553123456");
    const nothing = checkDetails({ ...EMPTY_DETAILS, ...person }, now, { phone: "05 53 00 00 00" }, { staff: true });
    assert.ok(!nothing.ok);
    assert.deepEqual(nothing.errors.map((e) => e.field), ["telephone"]);
    assert.match(nothing.errors[0]!.message, /téléphone ou une adresse électronique de la personne/);
  });

  test("a person with neither a mobile nor an e-mail is told the place's phone number to call", () => {
    const result = checkDetails({ ...EMPTY_DETAILS, prenom: "Léa", nom: "B", consentement: true }, now, { phone: "05 53 00 00 00" });
    assert.ok(!result.ok);
    assert.match(result.errors[0]!.message, /appelez le lieu au 05 53 00 00 00/);
  });

  test("only known themes are kept, once each, in the taxonomy's order", () => {
    assert.deepEqual(pickThemes(["sante", "inconnu", "e-mail", "sante"]), ["e-mail", "sante"]);
  });
});
