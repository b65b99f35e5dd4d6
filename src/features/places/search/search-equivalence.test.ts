import assert from "node:assert/strict";
import { test } from "node:test";
import { queriesAt, readFixture, replay } from "./search-equivalence.cases.ts";

test("the search answers exactly as it did before openings were precomputed (recorded on the demo data)", async () => {
  const fixture = readFixture();
  const now = await replay(fixture.instants, fixture.communes);
  const differences: string[] = [];
  fixture.instants.forEach((instant, i) => {
    const queries = queriesAt(instant, fixture.communes);
    queries.forEach((q, j) => {
      try {
        assert.deepStrictEqual(now.answers[i]?.[j], fixture.answers[i]?.[j]);
      } catch {
        differences.push(`${instant} ?${q}\n  now:    ${JSON.stringify(now.answers[i]?.[j])}\n  before: ${JSON.stringify(fixture.answers[i]?.[j])}`);
      }
    });
  });
  const searches = fixture.answers.reduce((n, row) => n + row.length, 0);
  assert.ok(searches >= 1000, "the fixture holds at least 200 searches at each of 5 instants");
  assert.deepEqual(differences.slice(0, 5), [], `${differences.length} of ${searches} searches differ`);
});
