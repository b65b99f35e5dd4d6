import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { toParis } from "../calendar/paris-time.ts";
import type { RecurringAbsence } from "./absences.ts";
import { type AdvisorPermanence, computeSlots, parseSlotId, type Slot, type SlotInput } from "./slots.ts";

function permanence(fields: Partial<AdvisorPermanence> = {}): AdvisorPermanence {
  return {
    advisorId: "adv-1",
    placeId: "place-a",
    mode: "appointment",
    weekdays: [2],
    startTime: "09:00",
    endTime: "12:00",
    everyWeeks: 1,
    validFrom: "2026-01-01",
    validTo: null,
    cancelledDates: [],
    ...fields,
  };
}

const hourKind = { id: "motif-1", durationMinutes: 60, earliestMinutes: 30, latestMonths: 3 };

function slots(fields: Partial<SlotInput>): Slot[] {
  return computeSlots({
    permanences: [permanence()],
    kind: hourKind,
    now: new Date("2026-01-01T08:00:00Z"),
    from: "2026-03-02",
    to: "2026-03-08",
    departement: "47",
    ...fields,
  });
}

/** "2026-03-03 09:00 adv-1 place-a" in Paris time, easy to compare. */
const describeSlot = (s: Slot) => {
  const start = toParis(s.start);
  return `${start.date} ${start.time} ${s.advisorId} ${s.placeId}`;
};
const paris = (list: Slot[]) => list.map(describeSlot);

describe("slots from permanences by appointment", () => {
  test("a Tuesday 9:00–12:00 permanence gives three one-hour slots", () => {
    const list = slots({});
    assert.deepEqual(paris(list), [
      "2026-03-03 09:00 adv-1 place-a",
      "2026-03-03 10:00 adv-1 place-a",
      "2026-03-03 11:00 adv-1 place-a",
    ]);
    assert.equal(list[0]!.start.toISOString(), "2026-03-03T08:00:00.000Z");
    assert.equal(list[0]!.end.toISOString(), "2026-03-03T09:00:00.000Z");
  });

  test("a recurring Tuesday training absence removes Tuesday slots and keeps Thursday ones", () => {
    const afpa: RecurringAbsence & { advisorId: string } = {
      advisorId: "adv-1",
      type: "weekly",
      kind: "training",
      weekdays: [2],
      startTime: null,
      endTime: null,
      validFrom: "2026-01-01",
      validTo: null,
    };
    const list = slots({ permanences: [permanence({ weekdays: [2, 4] })], absences: [afpa], to: "2026-03-15" });
    assert.deepEqual(
      [...new Set(list.map((s) => toParis(s.start).date))],
      ["2026-03-05", "2026-03-12"],
    );
  });

  test("1 May and Ascension Thursday have no slots, even with an exceptional opening", () => {
    const list = slots({
      permanences: [permanence({ weekdays: [1, 2, 3, 4, 5] })],
      openings: [
        { advisorId: "adv-2", placeId: "place-a", start: new Date("2026-05-01T12:00:00Z"), end: new Date("2026-05-01T14:00:00Z") },
      ],
      from: "2026-04-27",
      to: "2026-05-15",
      now: new Date("2026-04-20T08:00:00Z"),
    });
    const dates = new Set(list.map((s) => toParis(s.start).date));
    assert.ok(!dates.has("2026-05-01"), "1 May");
    assert.ok(!dates.has("2026-05-14"), "Ascension Thursday");
    assert.ok(dates.has("2026-04-30") && dates.has("2026-05-04") && dates.has("2026-05-13") && dates.has("2026-05-15"));
    assert.ok(list.every((s) => s.advisorId === "adv-1"));
  });

  test("9:00 stays 9:00 Paris time on both sides of the last Sunday of March and of October", () => {
    const daily = permanence({ weekdays: [1, 2, 3, 4, 5, 6, 7], endTime: "10:00" });
    const spring = slots({ permanences: [daily], from: "2026-03-28", to: "2026-03-30" });
    assert.deepEqual(
      spring.map((s) => s.start.toISOString()),
      ["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z"],
    );
    const autumn = slots({ permanences: [daily], from: "2026-10-24", to: "2026-10-26", now: new Date("2026-09-01T08:00:00Z") });
    assert.deepEqual(
      autumn.map((s) => s.start.toISOString()),
      ["2026-10-24T07:00:00.000Z", "2026-10-25T08:00:00.000Z", "2026-10-26T08:00:00.000Z"],
    );
    assert.ok([...spring, ...autumn].every((s) => toParis(s.start).time === "09:00" && toParis(s.end).time === "10:00"));
  });

  test("an every-2-weeks permanence gives slots one Tuesday out of two, counted from its first week", () => {
    const list = slots({ permanences: [permanence({ everyWeeks: 2, validFrom: "2026-01-05", endTime: "10:00" })], from: "2026-01-05", to: "2026-02-08" });
    assert.deepEqual(
      list.map((s) => toParis(s.start).date),
      ["2026-01-06", "2026-01-20", "2026-02-03"],
    );
  });

  test("a drop-in permanence gives no slots; 'both' does", () => {
    assert.deepEqual(slots({ permanences: [permanence({ mode: "drop_in" })] }), []);
    assert.equal(slots({ permanences: [permanence({ mode: "both" })] }).length, 3);
  });

  test("a 15-minute step offers every quarter hour where the whole appointment fits", () => {
    const list = slots({ permanences: [permanence({ endTime: "10:00" })], kind: { ...hourKind, durationMinutes: 30 }, stepMinutes: 15 });
    assert.deepEqual(
      list.map((s) => `${toParis(s.start).time}–${toParis(s.end).time}`),
      ["09:00–09:30", "09:15–09:45", "09:30–10:00"],
    );
  });
});

describe("overlapping permanences", () => {
  test("one advisor in two places at once keeps the first place by id, and never gets two slots at one time", () => {
    const list = slots({
      permanences: [
        permanence({ placeId: "place-b", startTime: "10:00", endTime: "13:00" }),
        permanence({ placeId: "place-a" }),
      ],
    });
    assert.deepEqual(paris(list), [
      "2026-03-03 09:00 adv-1 place-a",
      "2026-03-03 10:00 adv-1 place-a",
      "2026-03-03 11:00 adv-1 place-a",
      "2026-03-03 12:00 adv-1 place-b",
    ]);
  });

  test("two overlapping permanences at the same place are joined into one opening", () => {
    const list = slots({ permanences: [permanence({ endTime: "10:30" }), permanence({ startTime: "10:00", endTime: "12:00" })] });
    assert.deepEqual(paris(list).map((s) => s.slice(11, 16)), ["09:00", "10:00", "11:00"]);
  });

  test("a drop-in permanence elsewhere, first by place id, takes the advisor's time", () => {
    const list = slots({
      permanences: [permanence({ placeId: "place-b" }), permanence({ placeId: "place-a", mode: "drop_in", endTime: "10:00" })],
    });
    assert.deepEqual(paris(list).map((s) => s.slice(11)), ["10:00 adv-1 place-b", "11:00 adv-1 place-b"]);
  });

  test("two advisors at the same time and place give two slots, earliest first then by advisor", () => {
    const list = slots({ permanences: [permanence({ advisorId: "adv-2", endTime: "11:00" }), permanence({ endTime: "11:00" })] });
    assert.deepEqual(paris(list), [
      "2026-03-03 09:00 adv-1 place-a",
      "2026-03-03 09:00 adv-2 place-a",
      "2026-03-03 10:00 adv-1 place-a",
      "2026-03-03 10:00 adv-2 place-a",
    ]);
  });
});

describe("existing appointments and the booking window", () => {
  const at = (iso: string, minutes: number) => ({ start: new Date(iso), end: new Date(new Date(iso).getTime() + minutes * 60_000) });

  test("an appointment removes exactly the slots it overlaps; a cancelled one, another advisor's or a back-to-back one do not", () => {
    const times = (list: Slot[]) => list.map((s) => toParis(s.start).time);
    assert.deepEqual(times(slots({ appointments: [{ advisorId: "adv-1", status: "planned", ...at("2026-03-03T09:00:00Z", 60) }] })), ["09:00", "11:00"]);
    assert.deepEqual(times(slots({ appointments: [{ advisorId: "adv-1", status: "planned", ...at("2026-03-03T09:30:00Z", 15) }] })), ["09:00", "11:00"]);
    assert.deepEqual(times(slots({ appointments: [{ advisorId: "adv-1", status: "planned", ...at("2026-03-03T09:30:00Z", 60) }] })), ["09:00"]);
    assert.deepEqual(times(slots({ appointments: [{ advisorId: "adv-1", status: "cancelled", ...at("2026-03-03T09:00:00Z", 60) }] })), ["09:00", "10:00", "11:00"]);
    assert.deepEqual(times(slots({ appointments: [{ advisorId: "adv-2", status: "planned", ...at("2026-03-03T09:00:00Z", 60) }] })), ["09:00", "10:00", "11:00"]);
    assert.deepEqual(times(slots({ appointments: [{ advisorId: "adv-1", status: "planned", ...at("2026-03-03T07:00:00Z", 60) }] })), ["09:00", "10:00", "11:00"]);
  });

  test("a slot starts at least 30 minutes after now", () => {
    const times = (now: string) => slots({ now: new Date(now) }).map((s) => toParis(s.start).time);
    assert.deepEqual(times("2026-03-03T07:30:00Z"), ["09:00", "10:00", "11:00"]); // 8:30 in Paris: 9:00 is exactly 30 min away
    assert.deepEqual(times("2026-03-03T07:31:00Z"), ["10:00", "11:00"]);
    assert.deepEqual(times("2026-03-03T10:00:00Z"), []); // 11:00 in Paris: the 11:00 slot has begun
  });

  test("a slot starts before the same clock time three months after now", () => {
    const daily = permanence({ weekdays: [1, 2, 3, 4, 5] });
    const list = slots({ permanences: [daily], now: new Date("2026-03-10T09:00:00Z"), from: "2026-06-09", to: "2026-06-12" });
    // now is 10:00 in Paris on 10 March: the last bookable start is 9:00 on 10 June.
    assert.deepEqual(paris(list).map((s) => s.slice(0, 16)), ["2026-06-09 09:00", "2026-06-09 10:00", "2026-06-09 11:00", "2026-06-10 09:00"]);
  });
});

describe("slot ids", () => {
  test("an id says advisor, place, start, duration and motif, and reads back", () => {
    const [slot] = slots({});
    const key = parseSlotId(slot!.id);
    assert.deepEqual(key, { advisorId: "adv-1", placeId: "place-a", start: slot!.start, durationMinutes: 60, kindId: "motif-1" });
    assert.equal(Buffer.from(slot!.id, "base64url").toString(), "adv-1|place-a|2026-03-03T08:00:00.000Z|60|motif-1");
    assert.deepEqual(slots({}).map((s) => s.id), slots({}).map((s) => s.id), "stable");
  });

  test("a forged, truncated or non-canonical id is refused", () => {
    const encode = (raw: string) => Buffer.from(raw).toString("base64url");
    const [slot] = slots({});
    for (const bad of [
      "",
      "not base64!",
      `${slot!.id}=`,
      slot!.id.slice(0, -4),
      encode("adv-1|place-a|2026-03-03T08:00:00.000Z|60"),
      encode("adv-1|place-a|2026-03-03T08:00:00.000Z|600|motif-1"),
      encode("adv-1|place-a|2026-03-03T08:00:00.000Z|10|motif-1"),
      encode("adv-1|place-a|2026-02-30T08:00:00.000Z|60|motif-1"),
      encode("adv-1|place-a|2026-03-03 08:00|60|motif-1"),
      encode("|place-a|2026-03-03T08:00:00.000Z|60|motif-1"),
      encode("adv 1|place-a|2026-03-03T08:00:00.000Z|60|motif-1"),
      encode("adv-1|place-a|2026-03-03T08:00:00.000Z|060|motif-1"),
    ]) {
      assert.equal(parseSlotId(bad), null, bad);
    }
  });
});
