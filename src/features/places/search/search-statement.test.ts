import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiSearchStatement } from "./search-api-statement.ts";
import { bind, nearbyStatement, type SearchShape, type SearchValues, searchStatement } from "./search-statement.ts";

const FLAGS = ["boundary", "services", "specificSupport", "publics", "free", "remote", "open", "permanenceModes"] as const;

/** Every shape: 3 origins × each combination of the 8 flags (the boundary is only read from a commune, but any is accepted). */
function everyShape(): SearchShape[] {
  const out: SearchShape[] = [];
  for (const from of ["commune", "point", "everywhere"] as const) {
    for (let bits = 0; bits < 1 << FLAGS.length; bits++) {
      const shape = { from } as SearchShape;
      FLAGS.forEach((flag, i) => {
        shape[flag] = (bits & (1 << i)) !== 0;
      });
      out.push(shape);
    }
  }
  return out;
}

const VALUES: SearchValues = {
  code: "47001",
  latitude: 44.2,
  longitude: 0.62,
  radiusKm: 20,
  beyondKm: 100,
  services: ["a"],
  specificSupport: ["b"],
  publics: ["c"],
  openFrom: "2026-12-07T09:00:00.000Z",
  openTo: "2026-12-07T09:01:00.000Z",
  permanenceModes: ["appointment"],
  today: "2026-12-07",
  now: "2026-12-07T09:00:00.000Z",
  weekHoursBefore: "w1",
  weekPermanencesBefore: "w2",
  weekBefore: "w3",
  hoursBefore: "h1",
  permanencesBefore: "h2",
  laterBefore: "h3",
  limit: 20,
  offset: 40,
  known: [],
};

/** The parameter numbers a text refers to. */
function numbersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
}

describe("search statement texts, kept per shape", () => {
  test("each shape has its own text, numbering $1…$n each value it binds once, and binding follows that order", () => {
    const texts = new Set<string>();
    for (const shape of everyShape()) {
      const statement = searchStatement(shape);
      texts.add(statement.text);
      assert.equal(new Set(statement.slots).size, statement.slots.length, "a value is bound once, however often the text uses it");
      assert.deepEqual(
        numbersIn(statement.text),
        new Set(statement.slots.map((_, i) => i + 1)),
        "every number refers to a bound value",
      );
      assert.deepEqual(
        bind(statement, VALUES),
        statement.slots.map((slot) => VALUES[slot]),
      );
      assert.equal(searchStatement({ ...shape }), statement, "asked again, the same text is reused");
      assert.equal(statement.slots.includes("services"), shape.services);
      assert.equal(statement.slots.includes("openFrom"), shape.open);
      assert.equal(statement.slots.includes("code"), shape.from === "commune");
      assert.equal(statement.slots.includes("latitude"), shape.from === "point");
    }
    // The boundary only changes a commune's text: 256 + 2 × 128 texts.
    assert.equal(texts.size, 256 + 2 * 128, "shapes that differ get different texts");
  });

  test("the API's texts: one per shape but the boundary (never read), numbering each value it binds once", () => {
    const texts = new Set<string>();
    for (const shape of everyShape()) {
      const statement = apiSearchStatement(shape);
      texts.add(statement.text);
      assert.equal(new Set(statement.slots).size, statement.slots.length);
      assert.deepEqual(numbersIn(statement.text), new Set(statement.slots.map((_, i) => i + 1)));
      assert.equal(apiSearchStatement({ ...shape, boundary: !shape.boundary }), statement, "the boundary does not change the text");
      assert.equal(statement.slots.includes("services"), shape.services);
      assert.equal(statement.slots.includes("openFrom"), shape.open);
      assert.ok(!statement.text.includes("communes.boundary"), "the API never reads a boundary");
      assert.ok(!texts.has(searchStatement(shape).text), "not the page's text");
    }
    assert.equal(texts.size, 3 * 128, "shapes that differ get different texts");
  });

  test("the nearby communes' text binds the inner ring only beyond it", () => {
    const shape: SearchShape = { ...everyShape()[0], from: "point" } as SearchShape;
    assert.ok(!nearbyStatement(shape, false).slots.includes("beyondKm"));
    assert.ok(nearbyStatement(shape, true).slots.includes("beyondKm"));
    assert.notEqual(nearbyStatement(shape, true).text, nearbyStatement(shape, false).text);
  });
});
