// Property-style checks: many small random plannings from a seeded generator, and the rules every slot
// must follow, checked naively against the raw data.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, parisToInstant, toParis } from "../calendar/paris-time.ts";
import { occurrences } from "../permanences/permanence.ts";
import { absenceIntervals } from "./absences.ts";
import { type AppointmentStatus, bookingWindow } from "./booking.ts";
import { mergeIntervals } from "./intervals.ts";
import { type AdvisorAbsence, type AdvisorPermanence, computeSlots, parseSlotId, type SlotInput } from "./slots.ts";

/** mulberry32: a tiny seeded generator, so a failure can be replayed from its seed. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return { next, int, pick, time };
}

const STARTS = ["2026-03-23", "2026-10-19", "2026-04-27", "2026-05-11", "2026-07-06", "2026-12-21"];
const ADVISORS = ["adv-1", "adv-2", "adv-3"];
const PLACES = ["place-a", "place-b", "place-c"];
const STATUSES: AppointmentStatus[] = ["planned", "attended", "no_show", "excused", "cancelled"];

function randomInput(seed: number): SlotInput {
  const r = generator(seed);
  const from = addDays(r.pick(STARTS), r.int(0, 6));
  const to = addDays(from, r.int(0, 20));
  const instantOn = (date: string, minutes: number) => parisToInstant(date, r.time(minutes));
  const permanences: AdvisorPermanence[] = Array.from({ length: r.int(1, 6) }, () => {
    const start = r.int(28, 68) * 15;
    return {
      advisorId: r.pick(ADVISORS),
      placeId: r.pick(PLACES),
      mode: r.pick(["appointment", "both", "drop_in"] as const),
      weekdays: [...new Set(Array.from({ length: r.int(1, 4) }, () => r.int(1, 7)))],
      startTime: r.time(start),
      endTime: r.time(Math.min(start + r.int(2, 16) * 15, 23 * 60 + 45)),
      everyWeeks: r.int(1, 3),
      validFrom: addDays(from, r.int(-14, 7)),
      validTo: r.next() < 0.3 ? addDays(to, r.int(-7, 7)) : null,
      cancelledDates: r.next() < 0.3 ? [addDays(from, r.int(0, 7))] : [],
    };
  });
  const absences: AdvisorAbsence[] = Array.from({ length: r.int(0, 3) }, () => {
    const advisorId = r.pick(ADVISORS);
    if (r.next() < 0.5) {
      const start = instantOn(addDays(from, r.int(-1, 14)), r.int(0, 95) * 15);
      return { advisorId, type: "once", kind: "leave", start, end: new Date(start.getTime() + r.int(1, 48) * 1_800_000) };
    }
    const whole = r.next() < 0.4;
    const start = r.int(28, 60) * 15;
    return {
      advisorId,
      type: "weekly",
      kind: "training",
      weekdays: [r.int(1, 7)],
      startTime: whole ? null : r.time(start),
      endTime: whole ? null : r.time(start + r.int(2, 16) * 15),
      validFrom: addDays(from, r.int(-7, 7)),
      validTo: null,
    };
  });
  const appointments = Array.from({ length: r.int(0, 8) }, () => {
    const start = instantOn(addDays(from, r.int(0, 14)), r.int(32, 70) * 15);
    return { advisorId: r.pick(ADVISORS), status: r.pick(STATUSES), start, end: new Date(start.getTime() + r.pick([15, 30, 60]) * 60_000) };
  });
  const openings = Array.from({ length: r.int(0, 2) }, () => {
    const start = instantOn(addDays(from, r.int(0, 14)), r.int(32, 64) * 15);
    return { advisorId: r.pick(ADVISORS), placeId: r.pick(PLACES), start, end: new Date(start.getTime() + r.int(2, 12) * 15 * 60_000) };
  });
  return {
    permanences,
    absences,
    appointments,
    openings,
    kind: { id: "motif", durationMinutes: r.pick([15, 30, 45, 60, 90, 120]), earliestMinutes: r.pick([0, 30, 120]), latestMonths: r.pick([1, 3]) },
    now: parisToInstant(addDays(from, r.int(-3, 2)), r.time(r.int(28, 72) * 15)),
    from,
    to,
    departement: "47",
    stepMinutes: r.next() < 0.3 ? 15 : undefined,
  };
}

describe("slot computation on random plannings", () => {
  test("every slot lies in an opening, meets no busy time, respects the window and holidays, once per advisor and time", () => {
    let total = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomInput(seed);
      const result = computeSlots(input);
      total += result.length;
      const holidays = holidaySet(input.from, input.to, input.departement);
      const { earliest, latest } = bookingWindow(input.kind, input.now);
      const busy = [
        ...(input.appointments ?? []).filter((a) => a.status !== "cancelled").map((a) => ({ advisorId: a.advisorId, start: a.start.getTime(), end: a.end.getTime() })),
        ...ADVISORS.flatMap((advisorId) =>
          absenceIntervals((input.absences ?? []).filter((a) => a.advisorId === advisorId), addDays(input.from, -2), addDays(input.to, 2)).map((i) => ({ advisorId, ...i })),
        ),
      ];
      const openings = new Map<string, { start: number; end: number }[]>();
      const addOpening = (key: string, start: Date, end: Date) => openings.set(key, [...(openings.get(key) ?? []), { start: start.getTime(), end: end.getTime() }]);
      for (const p of input.permanences) {
        if (p.mode === "drop_in") continue;
        for (const o of occurrences(p, input.from, input.to, holidays)) addOpening(`${p.advisorId}|${p.placeId}`, o.start, o.end);
      }
      for (const o of input.openings ?? []) addOpening(`${o.advisorId}|${o.placeId}`, o.start, o.end);

      const context = `seed ${seed}`;
      for (const [i, slot] of result.entries()) {
        const start = slot.start.getTime();
        const end = slot.end.getTime();
        assert.equal(end - start, input.kind.durationMinutes * 60_000, context);
        const merged = mergeIntervals(openings.get(`${slot.advisorId}|${slot.placeId}`) ?? []);
        assert.ok(merged.some((o) => o.start <= start && end <= o.end), `${context}: slot outside openings`);
        assert.ok(!busy.some((b) => b.advisorId === slot.advisorId && b.start < end && start < b.end), `${context}: slot overlaps busy time`);
        assert.ok(start >= earliest.getTime() && start < latest.getTime(), `${context}: outside booking window`);
        const date = toParis(slot.start).date;
        assert.ok(date >= input.from && date <= input.to && !holidays.has(date), `${context}: wrong date ${date}`);
        const key = parseSlotId(slot.id);
        assert.deepEqual(key, { advisorId: slot.advisorId, placeId: slot.placeId, start: slot.start, durationMinutes: input.kind.durationMinutes, kindId: "motif" }, context);
        const previous = result[i - 1];
        if (previous !== undefined) {
          const order = previous.start.getTime() - start || previous.advisorId.localeCompare(slot.advisorId);
          assert.ok(order < 0 || (order === 0 && previous.placeId < slot.placeId), `${context}: not sorted`);
        }
      }
      const seen = new Set(result.map((s) => `${s.advisorId}|${s.start.toISOString()}`));
      assert.equal(seen.size, result.length, `${context}: two slots for one advisor at one time`);
      for (const a of result) {
        for (const b of result) {
          const elsewhere = a.advisorId === b.advisorId && a.placeId !== b.placeId;
          assert.ok(!(elsewhere && a.start < b.end && b.start < a.end), `${context}: one advisor in two places at once`);
        }
      }
    }
    assert.ok(total > 1_000, `the generator must produce plenty of slots (got ${total})`);
  });
});
