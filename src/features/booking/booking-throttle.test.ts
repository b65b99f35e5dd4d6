import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { runHousekeeping } from "../../jobs/housekeeping.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld } from "./booking.test-support.ts";

type Slot = { id: string };

describe("bookings without an account are limited per client address", () => {
  let t: TestApp;
  let world: BookingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW, env: { BOOKING_LIMIT_PER_HOUR: "3" } });
    world = await createBookingWorld(t.handle.db);
  });
  after(() => t.close());

  const freeSlots = async (from: string, to: string): Promise<Slot[]> =>
    (await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=${from}&au=${to}` })).json().creneaux as Slot[];
  const bookFrom = (ip: string, slot: Slot) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/rendez-vous",
      remoteAddress: ip,
      payload: { creneau: slot.id, prenom: "Josette", nom: "M.", telephone: "06 12 34 56 78", consentement: true },
    });

  test("the fourth booking within an hour from one address is refused in French, another address still books", async () => {
    const slots = await freeSlots("2026-03-04", "2026-03-06");
    assert.ok(slots.length >= 5);
    for (const slot of slots.slice(0, 3)) assert.equal((await bookFrom("203.0.113.7", slot)).statusCode, 201);
    const refused = await bookFrom("203.0.113.7", slots[3]!);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, "rate_limited");
    assert.match(refused.json().detail, /Réessayez plus tard, ou appelez le lieu/);
    assert.equal((await bookFrom("198.51.100.20", slots[3]!)).statusCode, 201);
  });

  test("an hour later the same address may book again, and housekeeping forgets addresses after a day", async () => {
    t.clock.now = new Date(BOOKING_NOW.getTime() + 61 * 60_000);
    const [slot] = await freeSlots("2026-03-04", "2026-03-10");
    assert.equal((await bookFrom("203.0.113.7", slot!)).statusCode, 201);
    const kept = () => t.handle.db.selectFrom("appointments").select("id").where("booked_ip_hash", "is not", null).execute();
    assert.equal((await kept()).length, 5, "the address is stored only as a keyed hash, for the limit");
    const report = await runHousekeeping(t.handle.db, new Date(BOOKING_NOW.getTime() + 26 * 3_600_000));
    assert.equal(report.bookingAddresses, 5);
    assert.equal((await kept()).length, 0);
  });
});
