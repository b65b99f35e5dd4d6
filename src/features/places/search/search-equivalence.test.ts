import assert from "node:assert/strict";
import { test } from "node:test";
import { queriesAt, readFixture, replay } from "./search-equivalence.cases.ts";

// The fixture was recorded before times were written with non-breaking spaces (« 12 h 30 » must not break on a
// phone); that change of typography is not a change of result, so both sides are compared with plain spaces.
const plainSpaces = (answer: unknown): unknown => JSON.parse(JSON.stringify(answer ?? null).replace(/[\u00a0\u202f]/g, " "));

test("the search answers exactly as it did before openings were precomputed (recorded on the demo data)", async () => {
  const fixture = readFixture();
  const now = await replay(fixture.instants, fixture.communes);
  const differences: string[] = [];
  fixture.instants.forEach((instant, i) => {
    const queries = queriesAt(instant, fixture.communes);
    queries.forEach((q, j) => {
      try {
        assert.deepStrictEqual(plainSpaces(now.answers[i]?.[j]), plainSpaces(fixture.answers[i]?.[j]));
      } catch {
        differences.push(`${instant} ?${q}\n  now:    ${JSON.stringify(now.answers[i]?.[j])}\n  before: ${JSON.stringify(fixture.answers[i]?.[j])}`);
      }
    });
  });
  const searches = fixture.answers.reduce((n, row) => n + row.length, 0);
  assert.ok(searches >= 1000, "the fixture holds at least 200 searches at each of 5 instants");
  assert.deepEqual(differences.slice(0, 5), [], `${differences.length} of ${searches} searches differ`);
});
