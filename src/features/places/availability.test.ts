import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeNextOpening, firstOpening, nextOpenings, openingHoursError, openingHoursIntervals, type PermanenceSlotRule } from "./availability.ts";

const thursdayPermanence: PermanenceSlotRule = {
  weekdays: [4],
  startTime: "09:00",
  endTime: "12:00",
  everyWeeks: 1,
  validFrom: "2026-01-01",
  validTo: null,
  cancelledDates: [],
  mode: "drop_in",
  advisorFirstName: "Nadia",
};

describe("availability of a place", () => {
  test("a place open Mo-Fr 09:00-12:00 with PH off is closed on 14 July and on Christmas", () => {
    const july = openingHoursIntervals("Mo-Fr 09:00-12:00; PH off", new Date("2026-07-13T00:00:00Z"), new Date("2026-07-16T00:00:00Z"));
    assert.deepEqual(july.map((i) => i.start.toISOString()), ["2026-07-13T07:00:00.000Z", "2026-07-15T07:00:00.000Z"]);
    const christmas = openingHoursIntervals("Mo-Fr 09:00-12:00; PH off", new Date("2026-12-24T00:00:00Z"), new Date("2026-12-26T00:00:00Z"));
    assert.deepEqual(christmas.map((i) => i.start.toISOString()), ["2026-12-24T08:00:00.000Z"]);
  });

  test("next openings are right across the last Sunday of March and of October", () => {
    const spring = nextOpenings({ openingHours: "Mo-Fr 09:00-12:00; PH off", permanences: [] }, new Date("2026-03-27T12:00:00Z"), {
      horizonDays: 7,
      departement: "47",
    });
    assert.equal(spring[0]?.start.toISOString(), "2026-03-30T07:00:00.000Z", "Monday 9:00 summer time");
    const autumn = nextOpenings({ openingHours: "Mo-Fr 09:00-12:00; PH off", permanences: [] }, new Date("2026-10-23T12:00:00Z"), {
      horizonDays: 7,
      departement: "47",
    });
    assert.equal(autumn[0]?.start.toISOString(), "2026-10-26T08:00:00.000Z", "Monday 9:00 winter time");
  });

  test("plain-French sentences for now, today, tomorrow and later", () => {
    const hours = "Mo-Fr 14:00-17:00";
    const at = (iso: string) => new Date(iso);
    const sentence = (now: Date, permanences: PermanenceSlotRule[] = [], openingHours: string | null = hours) =>
      describeNextOpening(nextOpenings({ openingHours, permanences }, now, { horizonDays: 28, departement: "47" }), now);
    assert.equal(sentence(at("2026-06-09T13:00:00Z")), "Ouvert maintenant, jusqu'à 17\u00a0h");
    assert.equal(sentence(at("2026-06-09T08:00:00Z")), "Ouvert aujourd'hui de 14\u00a0h à 17\u00a0h");
    assert.equal(sentence(at("2026-06-09T16:00:00Z")), "Ouvert demain de 14\u00a0h à 17\u00a0h");
    assert.equal(sentence(at("2026-06-05T16:00:00Z")), "Prochaine ouverture : lundi 8 juin, 14\u00a0h\u00a0– 17\u00a0h");
    assert.equal(sentence(at("2026-06-09T16:00:00Z"), [thursdayPermanence], null), "Prochaine permanence : jeudi 11 juin, 9\u00a0h\u00a0– 12\u00a0h");
    assert.equal(sentence(at("2026-06-09T16:00:00Z"), [], null), null);
  });

  test("an Ascension Thursday permanence is skipped", () => {
    const list = nextOpenings({ openingHours: null, permanences: [thursdayPermanence] }, new Date("2026-05-12T12:00:00Z"), {
      horizonDays: 10,
      departement: "47",
    });
    assert.deepEqual(list.map((i) => i.start.toISOString().slice(0, 10)), ["2026-05-21"]);
    assert.equal(list[0]?.advisorFirstName, "Nadia");
  });

  test("invalid opening hours are reported, valid ones are accepted", () => {
    assert.equal(openingHoursError("Mo-Fr 09:00-12:00,14:00-17:00; PH off"), null);
    assert.match(openingHoursError("Mo-Fr 25:00-12:00") ?? "", /25:00/);
  });

  test("the first opening is found beyond the first week when the place opens rarely", () => {
    const monthly = { ...thursdayPermanence, everyWeeks: 4, validFrom: "2026-06-25" };
    const now = new Date("2026-06-26T12:00:00Z");
    const first = firstOpening({ openingHours: null, permanences: [monthly] }, now, { maxDays: 60, departement: "47" });
    assert.equal(first?.start.toISOString(), "2026-07-23T07:00:00.000Z");
    const soon = firstOpening({ openingHours: "Mo-Fr 14:00-17:00", permanences: [monthly] }, now, { maxDays: 60, departement: "47" });
    assert.equal(soon?.kind, "hours");
    assert.equal(firstOpening({ openingHours: null, permanences: [] }, now, { maxDays: 60, departement: "47" }), null);
  });
});
