import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeCursor, encodeCursor, parseApiQuery, personKey } from "./activity-api.ts";

describe("API parameters", () => {
  test("a cursor goes through unchanged and a forged one is refused", () => {
    const keyset = { date: "2026-03-05", id: "11111111-1111-4111-8111-111111111111" };
    assert.deepEqual(decodeCursor(encodeCursor(keyset)), keyset);
    assert.equal(decodeCursor("pas-un-curseur"), null);
    assert.equal(decodeCursor(Buffer.from('["2026-03-05","x; drop"]').toString("base64url")), null);
  });

  test("each wrong parameter is named", () => {
    const { errors } = parseApiQuery({ du: "hier", limite: "5000", curseur: "???", beneficiaire: "x", thematique: "cuisine" });
    assert.deepEqual(errors.map((e) => e.field).sort(), ["beneficiaire", "curseur", "du", "limite", "thematique"]);
  });

  test("the limit defaults to 100 and stops at 500", () => {
    assert.equal(parseApiQuery({}).limit, 100);
    assert.equal(parseApiQuery({ limite: "500" }).limit, 500);
    assert.equal(parseApiQuery({ limite: "0" }).errors[0]?.field, "limite");
  });

  test("a person's key is stable, differs between people and does not contain the id", () => {
    const a = personKey("secret", "11111111-1111-4111-8111-111111111111");
    assert.equal(a, personKey("secret", "11111111-1111-4111-8111-111111111111"));
    assert.notEqual(a, personKey("secret", "22222222-2222-4222-8222-222222222222"));
    assert.notEqual(a, personKey("autre-secret", "11111111-1111-4111-8111-111111111111"));
    assert.ok(!a.includes("1111"));
  });
});
