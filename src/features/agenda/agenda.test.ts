import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { agendaRange, buildDays, describeSpanOnDay, parseIsoDate, personLabel, rangeDates, rangeInstants } from "./agenda.ts";

const range = (s: Date, e: Date) => `${s.toISOString()}–${e.toISOString()}`;
const hour = (d: Date) => d.toISOString().slice(11, 16);

describe("agenda days", () => {
  test("a week runs Monday to Sunday from any of its days; a day view shows that day; bad dates fall back to this week", () => {
    assert.deepEqual(agendaRange({ semaine: "2028-02-10" }, "2028-01-01"), { view: "week", monday: "2028-02-07" });
    assert.deepEqual(agendaRange({ jour: "2028-02-10" }, "2028-01-01"), { view: "day", date: "2028-02-10" });
    assert.deepEqual(agendaRange({ jour: "2028-02-30" }, "2028-01-05"), { view: "week", monday: "2028-01-03" });
    assert.equal(parseIsoDate("2028-13-01"), null);
    assert.deepEqual(rangeDates({ view: "week", monday: "2028-02-07" }).at(-1), "2028-02-13");
  });

  test("a week across the autumn clock change covers its Paris days exactly", () => {
    const { from, to } = rangeInstants({ view: "week", monday: "2027-10-25" });
    assert.equal(from.toISOString(), "2027-10-24T22:00:00.000Z");
    assert.equal(to.toISOString(), "2027-10-31T23:00:00.000Z");
  });

  test("people appear as first name and initial, except to the advisor", () => {
    assert.equal(personLabel("Sophie", "martinez", false), "Sophie M.");
    assert.equal(personLabel("Sophie", "Martinez", true), "Sophie Martinez");
    assert.equal(personLabel("Sophie", "", false), "Sophie");
  });

  test("a leave over several days shows on each of them, clipped to the day", () => {
    const absence = { start: new Date("2028-02-08T13:00:00Z"), end: new Date("2028-02-10T11:00:00Z"), label: "Congés", kind: "leave" as const };
    const days = buildDays(["2028-02-08", "2028-02-09", "2028-02-10", "2028-02-11"], {
      entries: [],
      permanences: [],
      absences: [absence],
      holidays: new Map(),
    });
    assert.deepEqual(
      days.map((d) => d.absences.map((a) => describeSpanOnDay(a, d.date, range, hour))),
      [["à partir de 13:00"], ["toute la journée"], ["jusqu'à 11:00"], []],
    );
  });
});
