// Overlapping slots of one advisor booked at the same instant through two app instances on one database:
// on PostgreSQL the bookings used to deadlock on the exclusion constraint and ~10 % answered 500.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { startSecondInstance, startTestApp, type TestApp } from "../../../test/support/app.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld } from "./booking.test-support.ts";

type Slot = { id: string; debut: string; fin: string };

describe("concurrent bookings of overlapping slots across two app instances", () => {
  let t: TestApp;
  let second: { app: FastifyInstance; close(): Promise<void> };
  let world: BookingWorld;
  const kindIds: string[] = [];
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    second = await startSecondInstance(t);
    world = await createBookingWorld(t.handle.db);
    kindIds.push(world.kindId);
    for (const [name, minutes] of [
      ["Question rapide", 30],
      ["Créer sa boîte e-mail", 45],
    ] as const) {
      const row = await t.handle.db
        .insertInto("appointment_kinds")
        .values({ structure_id: world.structureId, name, duration_minutes: minutes, location: "place" })
        .returning("id")
        .executeTakeFirstOrThrow();
      kindIds.push(row.id);
    }
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  const overlaps = (a: Slot, b: Slot) => a.debut < b.fin && b.debut < a.fin;

  test("30, 45 and 60-minute slots of one morning, each asked four times: no 5xx, one winner per conflicting set", async () => {
    const day = "2026-03-11";
    const slots: Slot[] = [];
    for (const kindId of kindIds) {
      const response = await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=${day}&au=${day}&motif=${kindId}` });
      slots.push(...(response.json().creneaux as Slot[]));
    }
    assert.equal(slots.length, 3 + 6 + 4, "9:00–12:00: three 60-minute, six 30-minute and four 45-minute slots");
    const requests = slots.flatMap((slot) => [0, 1, 2, 3].map((copy) => ({ slot, copy })));
    const answers = await Promise.all(
      requests.map(({ slot, copy }) =>
        (copy % 2 === 0 ? t.app : second.app).inject({
          method: "POST",
          url: "/api/v1/rendez-vous",
          payload: { creneau: slot.id, prenom: `Personne${copy}`, nom: "T.", telephone: "06 12 34 56 78", consentement: true },
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    assert.deepEqual(
      statuses.filter((s) => s !== 201 && s !== 409),
      [],
      `only 201 or 409, never a 5xx: ${statuses.join(",")}`,
    );
    const winners = requests.filter((_, i) => statuses[i] === 201).map((r) => r.slot);
    assert.ok(winners.length >= 3, `at least one booking per hour of the morning: ${winners.length}`);
    for (const [i, a] of winners.entries()) {
      for (const b of winners.slice(i + 1)) assert.ok(!overlaps(a, b), `two winners overlap: ${a.debut} and ${b.debut}`);
    }
    for (const [i, answer] of answers.entries()) {
      if (answer.statusCode !== 409) continue;
      assert.match(String(answer.headers["content-type"]), /application\/problem\+json/);
      assert.equal(answer.json().code, "slot_taken");
      const slot = requests[i]!.slot;
      assert.ok(
        winners.some((w) => overlaps(w, slot)),
        `a refused slot (${slot.debut}–${slot.fin}) overlaps a booked one`,
      );
    }
    const rows = await t.handle.db
      .selectFrom("appointments")
      .select(["starts_at", "ends_at"])
      .where("advisor_id", "=", world.advisorId)
      .where("status", "<>", "cancelled")
      .execute();
    assert.equal(rows.length, winners.length, "each 201 is one appointment, and nothing else was written");
  });
});
