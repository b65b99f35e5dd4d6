import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  advisorWeeklyMinutes,
  currentTrainingPhrases,
  decimalHours,
  formatHours,
  isActive,
  latestDate,
  mainPlaceId,
  type PermanenceHours,
  trainingPhrase,
  weeklyMinutes,
} from "./network.ts";

const TODAY = "2026-11-02";

function permanence(overrides: Partial<PermanenceHours>): PermanenceHours {
  return { placeId: "a", weekdays: [2], startTime: "09:00", endTime: "12:00", everyWeeks: 1, validFrom: "2026-01-05", validTo: null, ...overrides };
}

describe("weekly hours of permanence", () => {
  test("each weekday counts its time range; every N weeks counts 1/N", () => {
    assert.equal(weeklyMinutes(permanence({})), 180);
    assert.equal(weeklyMinutes(permanence({ weekdays: [1, 4], startTime: "13:30", endTime: "17:00" })), 420);
    assert.equal(weeklyMinutes(permanence({ everyWeeks: 2 })), 90);
    assert.equal(weeklyMinutes(permanence({ everyWeeks: 3, startTime: "09:30", endTime: "12:00" })), 50);
  });

  test("only permanences valid today count", () => {
    const rules = [
      permanence({}),
      permanence({ placeId: "b", validTo: "2026-11-01" }),
      permanence({ placeId: "c", validFrom: "2026-11-03" }),
      permanence({ placeId: "d", validFrom: TODAY, validTo: TODAY, everyWeeks: 2 }),
    ];
    assert.equal(advisorWeeklyMinutes(rules, TODAY), 180 + 90);
  });

  test("the main place is where the advisor spends the most weekly time today", () => {
    const rules = [permanence({ placeId: "a" }), permanence({ placeId: "b", weekdays: [1, 3] }), permanence({ placeId: "c", weekdays: [1, 2, 3, 4], validTo: "2026-10-01" })];
    assert.equal(mainPlaceId(rules, TODAY), "b");
    assert.equal(mainPlaceId([permanence({ placeId: "z" }), permanence({ placeId: "y" })], TODAY), "y", "ties go to the smallest id");
    assert.equal(mainPlaceId([], TODAY), null);
  });

  test("hours read in plain French and as decimal hours for spreadsheets", () => {
    assert.equal(formatHours(450), "7\u00a0h\u00a030");
    assert.equal(formatHours(45), "45\u00a0min");
    assert.equal(formatHours(0), "0\u00a0h");
    assert.equal(formatHours(21.43), "21\u00a0min");
    assert.equal(formatHours(125), "2\u00a0h\u00a005");
    assert.equal(decimalHours(450), "7,5");
    assert.equal(decimalHours(50), "0,83");
    assert.equal(decimalHours(600), "10");
  });
});

describe("training periods in plain French", () => {
  test("a weekly training day reads « Formation le mardi »", () => {
    const weekly = { type: "weekly" as const, weekdays: [2], startTime: null, endTime: null, validFrom: "2026-05-04", validTo: null };
    assert.equal(trainingPhrase(weekly, TODAY), "Formation le mardi");
    assert.equal(
      trainingPhrase({ ...weekly, weekdays: [4, 1], startTime: "09:00", endTime: "12:30", validTo: "2027-06-30" }, TODAY),
      "Formation le lundi et le jeudi de 9\u00a0h à 12\u00a0h\u00a030, jusqu'au 30 juin 2027",
    );
    assert.equal(trainingPhrase({ ...weekly, validFrom: "2027-01-04" }, TODAY), "Formation le mardi, à partir du 4 janvier 2027");
  });

  test("dated periods read « du … au … », one day « le … »", () => {
    assert.equal(trainingPhrase({ type: "dated", from: "2027-03-01", to: "2027-03-05" }, TODAY), "Formation du 1er mars 2027 au 5 mars 2027");
    assert.equal(trainingPhrase({ type: "dated", from: "2026-12-08", to: "2026-12-08" }, TODAY), "Formation le 8 décembre 2026");
  });

  test("periods already over are left out; weekly ones come first", () => {
    const phrases = currentTrainingPhrases(
      [
        { type: "dated", from: "2026-10-01", to: "2026-10-02" },
        { type: "dated", from: "2026-11-10", to: "2026-11-12" },
        { type: "weekly", weekdays: [5], startTime: null, endTime: null, validFrom: "2026-01-01", validTo: "2026-10-31" },
        { type: "weekly", weekdays: [3], startTime: null, endTime: null, validFrom: "2026-01-01", validTo: null },
      ],
      TODAY,
    );
    assert.deepEqual(phrases, ["Formation le mercredi", "Formation du 10 novembre 2026 au 12 novembre 2026"]);
  });
});

describe("activity in the last 30 days", () => {
  test("active up to 30 days back, inclusive; never active without any activity", () => {
    assert.equal(isActive("2026-10-04", TODAY), true, "29 days ago");
    assert.equal(isActive("2026-10-03", TODAY), true, "30 days ago");
    assert.equal(isActive("2026-10-02", TODAY), false, "31 days ago");
    assert.equal(isActive(null, TODAY), false);
  });

  test("the last activity is the latest of the dates known", () => {
    assert.equal(latestDate([null, "2026-09-01", "2026-10-15", null]), "2026-10-15");
    assert.equal(latestDate([null, null]), null);
  });
});
