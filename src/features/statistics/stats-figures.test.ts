import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { StatsResult } from "./statistics.ts";
import { SMALL_COUNT, suppressGroup, suppressSmallCounts, WITHHELD_COUNT } from "./stats-figures.ts";
import { EMPTY_FILTERS } from "./stats-query.ts";

const cell = (code: string, activities: number, accompaniments = activities) => ({ code, label: code, activities, accompaniments, minutes: activities * 45 });

describe("small counts in public figures", () => {
  test("1 to 4 become « moins de 5 », 0 and 5+ stay", () => {
    assert.deepEqual(suppressGroup([0, 1, 4, 5, 100, 3]), [0, SMALL_COUNT, SMALL_COUNT, 5, 100, SMALL_COUNT]);
  });

  test("a lone small cell hides the next smallest too (« non publié », not a false « moins de 5 »), so the total does not give it away", () => {
    assert.deepEqual(suppressGroup([120, 3, 0, 40, 12]), [120, SMALL_COUNT, 0, 40, WITHHELD_COUNT]);
    assert.deepEqual(suppressGroup([120, 3, 40], false), [120, SMALL_COUNT, 40], "cells that do not add up: primary only");
  });

  test("public figures: parts of totals, rows and their minutes, no advisor breakdown", () => {
    const result: StatsResult = {
      filters: { from: "2026-01-01", to: "2026-12-31", ...EMPTY_FILTERS },
      granularity: "mois",
      totals: {
        activities: 200,
        individualActivities: 198,
        collectiveActivities: 2,
        accompaniments: 230,
        people: 150,
        newPeople: 3,
        followedPeople: 20,
        anonymousPeople: 127,
        workshopParticipants: 32,
        minutes: 9000,
      },
      series: [{ start: "2026-01-01", activities: 200, accompaniments: 230, minutes: 9000 }],
      breakdowns: [
        { dimension: "gender", rows: [cell("feminin", 150, 200), cell("masculin", 48, 28), cell("non-communique", 2, 2)] },
        { dimension: "advisor", rows: [cell("x", 200)] },
      ],
    };
    const shown = suppressSmallCounts(result);
    assert.equal(shown.totals.collectiveActivities, SMALL_COUNT);
    assert.equal(shown.totals.individualActivities, WITHHELD_COUNT, "198 would give the 2 away");
    assert.equal(shown.totals.activities, 200);
    assert.deepEqual([shown.totals.newPeople, shown.totals.followedPeople, shown.totals.anonymousPeople], [SMALL_COUNT, WITHHELD_COUNT, 127]);
    const gender = shown.breakdowns.find((b) => b.dimension === "gender")?.rows ?? [];
    assert.deepEqual(
      gender.map((r) => [r.activities, r.accompaniments, r.minutes]),
      [
        [150, 200, 6750],
        [WITHHELD_COUNT, WITHHELD_COUNT, null],
        [SMALL_COUNT, SMALL_COUNT, null],
      ],
    );
    assert.equal(
      shown.breakdowns.some((b) => b.dimension === "advisor"),
      false,
    );
  });
});
