import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type DuplicateCandidate, findDuplicatePairs, levenshtein, similarNames } from "./duplicates.ts";

function person(id: string, firstName: string, lastName: string | null, phone: string | null = null, birthYear: number | null = null): DuplicateCandidate {
  return { id, firstName, lastName, phone, birthYear };
}

describe("likely duplicates", () => {
  test("edit distance counts insertions, deletions and substitutions", () => {
    assert.equal(levenshtein("martin", "martin"), 0);
    assert.equal(levenshtein("martin", "martine"), 1);
    assert.equal(levenshtein("dupont", "dupond"), 1);
    assert.equal(levenshtein("kitten", "sitting"), 3);
    assert.equal(levenshtein("abc", "abcdefgh", 2), 3, "stops early past the limit");
  });

  test("names are alike across accents, case, hyphens, small typos and swapped first and last names", () => {
    assert.ok(similarNames(person("1", "Hélène", "Dupont"), person("2", "helene", "DUPONT")));
    assert.ok(similarNames(person("1", "Jean-Pierre", "Lefèvre"), person("2", "Jean Pierre", "Lefevre")));
    assert.ok(similarNames(person("1", "Marie", "Durand"), person("2", "Durand", "Marie")));
    assert.ok(similarNames(person("1", "Catherine", "Moreau"), person("2", "Katherine", "Moreaux")));
    assert.ok(!similarNames(person("1", "Léa", "Roy"), person("2", "Léo", "Ray")), "short names allow one edit only");
    assert.ok(!similarNames(person("1", "Marie", "Durand"), person("2", "Paul", "Durand")));
  });

  test("a pair needs alike names AND the same phone or birth year", () => {
    const people = [
      person("a", "Hélène", "Dupont", "06 12 34 56 78", 1950),
      person("b", "Helene", "Dupond", "+33 6 12 34 56 78", null),
      person("c", "Hélène", "Dupont", null, 1961),
      person("d", "Dupont", "Hélène", null, 1961),
      person("e", "Hélène", "Dupont", "07 00 00 00 00", 1972),
      person("f", "Paul", "Martin", "06 12 34 56 78", 1950),
    ];
    const pairs = findDuplicatePairs(people);
    assert.deepEqual(pairs, [
      { a: "a", b: "b", sharing: ["phone"] },
      { a: "c", b: "d", sharing: ["birthYear"] },
    ]);
  });

  test("two people sharing both phone and birth year are listed once", () => {
    const pairs = findDuplicatePairs([person("a", "Ana", "Silva", "0611111111", 1980), person("b", "Anna", "Silva", "0611111111", 1980)]);
    assert.deepEqual(pairs, [{ a: "a", b: "b", sharing: ["phone", "birthYear"] }]);
  });
});
