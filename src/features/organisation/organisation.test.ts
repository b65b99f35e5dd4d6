import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkRoleAssignment, isPlausibleEmail, isValidSiret, normalizeSiret, slugify } from "./organisation.ts";

describe("organisation rules", () => {
  test("a SIRET must be 14 digits passing the Luhn check", () => {
    assert.equal(isValidSiret("22470001400018"), true); // Luhn-valid
    assert.equal(isValidSiret("22470001400017"), false);
    assert.equal(isValidSiret("2247000140001"), false);
    assert.equal(isValidSiret("2247000140001A"), false);
    assert.equal(isValidSiret(normalizeSiret("224 700 014 00018")), true);
  });

  test("La Poste establishments follow their own documented check", () => {
    assert.equal(isValidSiret("35600000000048"), true);
    assert.equal(isValidSiret("35600000049837"), true);
    assert.equal(isValidSiret("35600000049838"), false);
  });

  test("scoped roles need a structure and network roles refuse one", () => {
    assert.equal(checkRoleAssignment({ role: "advisor", structureId: "s1" }), null);
    assert.match(checkRoleAssignment({ role: "advisor", structureId: null }) ?? "", /rattaché à une structure/);
    assert.equal(checkRoleAssignment({ role: "coordinator", structureId: null }), null);
    assert.match(checkRoleAssignment({ role: "state_reader", structureId: "s1" }) ?? "", /tout le réseau/);
  });

  test("slugs are readable and URL-safe", () => {
    assert.equal(slugify("Médiathèque départementale d'Agen"), "mediatheque-departementale-d-agen");
    assert.equal(slugify("  CMS — Villeneuve-sur-Lot  "), "cms-villeneuve-sur-lot");
  });

  test("e-mail addresses are checked for a plausible shape", () => {
    assert.equal(isPlausibleEmail("prenom.nom@exemple.fr"), true);
    assert.equal(isPlausibleEmail("prenom.nom@exemple"), false);
    assert.equal(isPlausibleEmail("a b@exemple.fr"), false);
  });
});
