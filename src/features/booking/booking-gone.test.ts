// A slot no longer offered (past, or a made-up time) is not « just taken by someone »: say it plainly.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld } from "./booking.test-support.ts";
import { encodeSlotId } from "./slot-id.ts";

describe("a slot that is gone without anyone taking it", () => {
  let t: TestApp;
  let world: BookingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createBookingWorld(t.handle.db);
  });
  after(() => t.close());

  const slotAt = (iso: string) => encodeSlotId({ advisorId: world.advisorId, placeId: world.placeId, start: new Date(iso), durationMinutes: 60, kindId: world.kindId });
  const person = { prenom: "Josette", nom: "M.", telephone: "06 12 34 56 78", consentement: true };

  for (const [what, iso] of [
    ["a past slot", "2026-02-27T08:00:00.000Z"],
    ["a made-up time", "2026-03-04T08:17:00.000Z"],
  ] as const) {
    test(`${what} is « no longer available », with the next free slots, on the page and on the API`, async () => {
      const page = await new Visitor(t.app).get(`/lieux/${world.placeSlug}/rendez-vous/coordonnees?creneau=${slotAt(iso)}`);
      assert.equal(page.statusCode, 409);
      assert.match(page.body, /Ce créneau n(&#39;|')est plus disponible/);
      assert.doesNotMatch(page.body, /juste avant vous/);
      assert.match(page.body, /Prochains créneaux libres/);

      const api = await t.app.inject({ method: "POST", url: "/api/v1/rendez-vous", payload: { ...person, creneau: slotAt(iso) } });
      assert.equal(api.statusCode, 409);
      assert.match(String(api.headers["content-type"]), /application\/problem\+json/);
      assert.equal(api.json().code, "slot_unavailable");
      assert.match(api.json().detail, /n'est plus disponible/);
      assert.ok(api.json().creneaux.length > 0, "the next free slots are offered");
      assert.ok(new Date(api.json().creneaux[0].debut) > BOOKING_NOW, "from now on, not from the past day");
    });
  }

  test("a slot someone booked is still « just taken »", async () => {
    const slot = slotAt("2026-03-05T08:00:00.000Z");
    assert.equal((await t.app.inject({ method: "POST", url: "/api/v1/rendez-vous", payload: { ...person, creneau: slot } })).statusCode, 201);
    const page = await new Visitor(t.app).get(`/lieux/${world.placeSlug}/rendez-vous/coordonnees?creneau=${slot}`);
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /juste avant vous/);
    const api = await t.app.inject({ method: "POST", url: "/api/v1/rendez-vous", payload: { ...person, prenom: "Paul", creneau: slot } });
    assert.equal(api.json().code, "slot_taken");
  });
});
