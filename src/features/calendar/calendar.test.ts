import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { easterSunday, frenchHolidays, holidaySet } from "./french-holidays.ts";
import { addDays, intlPartsOf, isoWeekday, mondayOf, parisOffsetMinutes, parisPartsOf, parisToInstant, toParis } from "./paris-time.ts";

describe("Paris wall-clock time", () => {
  test("winter is UTC+1 and summer UTC+2", () => {
    assert.equal(parisOffsetMinutes(new Date("2026-01-15T12:00:00Z")), 60);
    assert.equal(parisOffsetMinutes(new Date("2026-07-15T12:00:00Z")), 120);
  });

  test("9:00 in Paris is 8:00 UTC in winter and 7:00 UTC in summer", () => {
    assert.equal(parisToInstant("2026-03-27", "09:00").toISOString(), "2026-03-27T08:00:00.000Z");
    assert.equal(parisToInstant("2026-03-30", "09:00").toISOString(), "2026-03-30T07:00:00.000Z");
    assert.equal(parisToInstant("2026-10-23", "09:00").toISOString(), "2026-10-23T07:00:00.000Z");
    assert.equal(parisToInstant("2026-10-26", "09:00").toISOString(), "2026-10-26T08:00:00.000Z");
  });

  test("on the change days themselves, times map to the right instants", () => {
    // 29 March 2026: clocks jump from 2:00 to 3:00; 25 October 2026: 3:00 back to 2:00.
    assert.equal(parisToInstant("2026-03-29", "10:00").toISOString(), "2026-03-29T08:00:00.000Z");
    assert.equal(parisToInstant("2026-03-29", "01:30").toISOString(), "2026-03-29T00:30:00.000Z");
    assert.equal(parisToInstant("2026-03-29", "02:30").toISOString(), "2026-03-29T01:30:00.000Z");
    assert.equal(parisToInstant("2026-10-25", "10:00").toISOString(), "2026-10-25T09:00:00.000Z");
    assert.equal(parisToInstant("2026-10-25", "02:30").toISOString(), "2026-10-25T00:30:00.000Z");
  });

  test("an instant reads back as the Paris date, time and weekday", () => {
    assert.deepEqual(toParis(new Date("2026-07-14T22:30:00Z")), { date: "2026-07-15", time: "00:30", weekday: 3 });
    for (const [date, time] of [["2026-01-05", "14:15"], ["2026-06-30", "23:59"], ["2026-10-25", "10:00"]] as const) {
      const back = toParis(parisToInstant(date, time));
      assert.equal(back.date, date);
      assert.equal(back.time, time);
    }
  });

  test("the wall clock computed from a kept hourly offset is the one the time-zone database gives, across every change", () => {
    const differ: string[] = [];
    const FIELDS = ["year", "month", "day", "hour", "minute", "second"];
    const check = (ms: number) => {
      const instant = new Date(ms);
      const fast = parisPartsOf(instant);
      const intl = intlPartsOf(instant);
      if (FIELDS.some((f) => fast[f] !== intl[f])) differ.push(instant.toISOString());
    };
    // Every 10 minutes (and a few seconds after) around 01:00 UTC on the last days of March and October, 1996–2100.
    for (let year = 1996; year <= 2100; year++) {
      for (const month of [2, 9]) {
        for (let day = 24; day <= 31; day++) {
          for (let minute = 0; minute < 180; minute += 10) check(Date.UTC(year, month, day, 0, minute, minute % 60 === 0 ? 59 : 7));
        }
      }
    }
    // Instants spread over two centuries, and before 1996 (read through Intl itself).
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      check(Date.UTC(1960, 0, 1) + Math.floor((seed / 2 ** 31) * 240 * 365.25 * 86_400_000));
    }
    assert.deepEqual(differ.slice(0, 5), []);
  });

  test("weekdays and week starts", () => {
    assert.equal(isoWeekday("2026-11-26"), 4);
    assert.equal(isoWeekday("2026-11-29"), 7);
    assert.equal(mondayOf("2026-11-29"), "2026-11-23");
    assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  });
});

describe("French public holidays", () => {
  test("Easter Sunday for known years", () => {
    assert.equal(easterSunday(2024), "2024-03-31");
    assert.equal(easterSunday(2025), "2025-04-20");
    assert.equal(easterSunday(2026), "2026-04-05");
    assert.equal(easterSunday(2027), "2027-03-28");
  });

  test("2026 has 11 holidays, with Ascension on Thursday 14 May and Whit Monday on 25 May", () => {
    const list = frenchHolidays(2026);
    assert.equal(list.length, 11);
    assert.ok(list.some((h) => h.date === "2026-05-14" && h.name === "Ascension"));
    assert.ok(list.some((h) => h.date === "2026-05-25"));
    assert.ok(list.some((h) => h.date === "2026-07-14"));
    assert.equal(isoWeekday("2026-05-14"), 4);
  });

  test("Alsace-Moselle adds Good Friday and 26 December", () => {
    const list = frenchHolidays(2026, "67");
    assert.equal(list.length, 13);
    assert.ok(list.some((h) => h.date === "2026-04-03"));
    assert.ok(list.some((h) => h.date === "2026-12-26"));
  });

  test("a holiday set spans years", () => {
    const set = holidaySet("2026-12-20", "2027-01-10");
    assert.deepEqual([...set].sort(), ["2026-12-25", "2027-01-01"]);
  });
});
