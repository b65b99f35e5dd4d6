import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { holidaySet } from "../calendar/french-holidays.ts";
import { toParis } from "../calendar/paris-time.ts";
import { admission, applyChanges, materialiseWindow, type RegistrationState, rebalance, seatsTaken, seriesOccurrences, waitingLine, waitingPosition } from "./workshops.ts";

const HOUR = 3_600_000;
const start = new Date("2027-03-11T13:00:00Z");
const workshop = { capacity: 2, startsAt: start, cancelled: false };

function reg(id: string, status: RegistrationState["status"], minute: number, offerExpiresAt: Date | null = null): RegistrationState {
  return { id, status, createdAt: new Date(Date.UTC(2027, 2, 1, 9, minute)), offerExpiresAt };
}

describe("the « Jeudis de l'inclusion » series", () => {
  const rule = { weekday: 4, startTime: "14:00", endTime: "15:30", everyWeeks: 1, validFrom: "2027-04-01", validTo: null };

  test("gives every Thursday at 14:00 Paris time, skipping Ascension Thursday", () => {
    const list = seriesOccurrences(rule, "2027-04-01", "2027-05-31", holidaySet("2027-04-01", "2027-05-31"));
    const dates = list.map((o) => o.date);
    assert.ok(!dates.includes("2027-05-06"), "Ascension 2027 is on 6 May");
    assert.deepEqual(dates.slice(0, 3), ["2027-04-01", "2027-04-08", "2027-04-15"]);
    for (const o of list) assert.equal(toParis(o.start).time, "14:00");
    assert.equal(toParis(list[0]!.end).time, "15:30");
  });

  test("every other week follows the rhythm from its first date and stops after its end", () => {
    const list = seriesOccurrences({ ...rule, everyWeeks: 2, validTo: "2027-04-30" }, "2027-04-01", "2027-06-30", new Set());
    assert.deepEqual(list.map((o) => o.date), ["2027-04-01", "2027-04-15", "2027-04-29"]);
  });

  test("dated workshops are made for the coming three months", () => {
    assert.deepEqual(materialiseWindow(new Date("2027-01-15T10:00:00Z")), { from: "2027-01-15", to: "2027-04-15" });
  });
});

describe("registration and the waiting list", () => {
  test("a seat while one is free, then the waiting list; capacity is never exceeded", () => {
    let list: RegistrationState[] = [];
    const now = new Date(start.getTime() - 72 * HOUR);
    for (let i = 0; i < 6; i++) {
      const status = admission(workshop, list, now);
      assert.notEqual(status, "closed");
      list = [...list, reg(`r${i}`, status as "registered" | "waiting", i)];
      assert.ok(seatsTaken(list) <= workshop.capacity);
    }
    assert.deepEqual(list.map((r) => r.status), ["registered", "registered", "waiting", "waiting", "waiting", "waiting"]);
  });

  test("registration closes when the workshop starts", () => {
    assert.equal(admission(workshop, [], start), "closed");
    assert.equal(admission({ ...workshop, cancelled: true }, [], new Date(start.getTime() - HOUR)), "closed");
  });

  test("the waiting list is first come, first served", () => {
    const list = [reg("late", "waiting", 30), reg("a", "registered", 0), reg("early", "waiting", 10), reg("middle", "waiting", 20)];
    assert.deepEqual(waitingLine(list).map((r) => r.id), ["early", "middle", "late"]);
    assert.equal(waitingPosition(list, "late"), 3);
    assert.equal(waitingPosition(list, "a"), null);
  });

  test("a freed seat is offered to the first in line for 24 hours", () => {
    const now = new Date(start.getTime() - 72 * HOUR);
    const list = [reg("a", "cancelled", 0), reg("b", "registered", 1), reg("second", "waiting", 5), reg("first", "waiting", 3)];
    const changes = rebalance(workshop, list, now);
    assert.equal(changes.length, 1);
    const offer = changes[0]!;
    assert.equal(offer.id, "first");
    assert.equal(offer.kind, "offered");
    assert.equal(offer.kind === "offered" && offer.offerExpiresAt.getTime(), now.getTime() + 24 * HOUR);
    assert.equal(seatsTaken(applyChanges(list, changes)), 2, "the offered seat is held while the person decides");
    assert.equal(admission(workshop, applyChanges(list, changes), now), "waiting");
  });

  test("an offer left unanswered for 24 hours passes to the next in line", () => {
    const offeredAt = new Date(start.getTime() - 72 * HOUR);
    const list = [reg("b", "registered", 1), reg("first", "offered", 3, new Date(offeredAt.getTime() + 24 * HOUR)), reg("second", "waiting", 5), reg("third", "waiting", 7)];
    assert.deepEqual(rebalance(workshop, list, new Date(offeredAt.getTime() + 24 * HOUR - 1)), [], "still valid one millisecond before");
    const later = new Date(offeredAt.getTime() + 24 * HOUR);
    const changes = rebalance(workshop, list, later);
    assert.deepEqual(
      changes.map((c) => [c.id, c.kind]),
      [
        ["first", "offer_expired"],
        ["second", "offered"],
      ],
    );
  });

  test("an offer made less than 24 hours before the start ends when the workshop starts", () => {
    const now = new Date(start.getTime() - 5 * HOUR);
    const [offer] = rebalance(workshop, [reg("b", "registered", 1), reg("w", "waiting", 2)], now);
    assert.equal(offer?.kind === "offered" && offer.offerExpiresAt.getTime(), start.getTime());
  });

  test("no seat is offered once the workshop has started", () => {
    assert.deepEqual(rebalance(workshop, [reg("w", "waiting", 2)], start), []);
  });
});
