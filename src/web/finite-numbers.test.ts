import assert from "node:assert/strict";
import { test } from "node:test";
import { findNonFiniteNumber } from "./finite-numbers.ts";

test("a number coerced to Infinity or NaN is found with its JSON pointer", () => {
  assert.equal(findNonFiniteNumber({ q: "agen", limite: Number.POSITIVE_INFINITY }), "/limite");
  assert.equal(findNonFiniteNumber({ a: { b: [1, Number.NEGATIVE_INFINITY] } }), "/a/b/1");
  assert.equal(findNonFiniteNumber(Number.NaN), "");
  assert.equal(findNonFiniteNumber({ limite: 10, rayon: 2.5, texte: "Infinity" }), null);
});
