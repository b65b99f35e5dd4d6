import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld } from "./booking.test-support.ts";

type Slot = { id: string; debut: string; fin: string; lieu: { id: string; nom: string }; conseiller: string; motif: { id: string; nom: string } };

describe("the booking API", () => {
  let t: TestApp;
  let world: BookingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createBookingWorld(t.handle.db);
  });
  after(() => t.close());

  const slots = async (query: string) => t.app.inject({ url: `/api/v1/creneaux?${query}` });
  const post = async (body: unknown) => t.app.inject({ method: "POST", url: "/api/v1/rendez-vous", payload: body as object });
  const person = { prenom: "Josette", nom: "M.", telephone: "06 12 34 56 78", consentement: true };

  test("free slots of a place come earliest first, with the advisor's first name only", async () => {
    const response = await slots(`lieu=${world.placeId}&du=2026-03-02&au=2026-03-03`);
    assert.equal(response.statusCode, 200);
    const list = response.json().creneaux as Slot[];
    assert.deepEqual(
      list.map((s) => s.debut),
      ["2026-03-02T08:00:00.000Z", "2026-03-02T09:00:00.000Z", "2026-03-02T10:00:00.000Z", "2026-03-03T08:00:00.000Z", "2026-03-03T09:00:00.000Z", "2026-03-03T10:00:00.000Z"],
    );
    assert.equal(list[0]!.conseiller, "Camille");
    assert.deepEqual(list[0]!.lieu, { id: world.placeId, nom: "Espace numérique test" });
    assert.equal(list[0]!.motif.id, world.kindId, "the staff-only motif is not offered to the public");
  });

  test("bad parameters are refused with every field named", async () => {
    const response = await slots("lieu=abc&du=2026-02-30&au=demain");
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers["content-type"]), /application\/problem\+json/);
    const body = response.json();
    assert.equal(body.code, "validation_failed");
    assert.deepEqual(body.errors.map((e: { field: string }) => e.field), ["lieu", "du", "au"]);
    const tooLong = await slots(`lieu=${world.placeId}&du=2026-03-01&au=2026-04-01`);
    assert.equal(tooLong.statusCode, 400);
    assert.deepEqual(tooLong.json().errors.map((e: { field: string }) => e.field), ["au"]);
    const staffMotif = await slots(`lieu=${world.placeId}&du=2026-03-01&au=2026-03-02&motif=${world.staffKindId}`);
    assert.equal(staffMotif.statusCode, 400);
    assert.equal((await slots("lieu=00000000-0000-4000-8000-000000000000&du=2026-03-01&au=2026-03-02")).statusCode, 404);
  });

  test("booking a slot answers 201 with the appointment and a personal link, and the slot is gone", async () => {
    const [first] = (await slots(`lieu=${world.placeId}&du=2026-03-04&au=2026-03-04`)).json().creneaux as Slot[];
    const response = await post({ ...person, creneau: first!.id, annee_naissance: 1950, commune: "Agen", accompagne: true, besoins: "Entend mal" });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(body.debut, first!.debut);
    assert.equal(body.conseiller, "Camille");
    assert.match(body.lien_gestion, /^http:\/\/localhost:3000\/rendez-vous\/gerer\?jeton=[A-Za-z0-9_-]{43}$/);
    const row = await t.handle.db.selectFrom("appointments").selectAll().where("id", "=", body.id).executeTakeFirstOrThrow();
    assert.equal(row.booked_via, "api");
    assert.equal(row.phone, "+33612345678");
    assert.equal(row.commune_code, "47001");
    assert.equal(row.accompanied, true);
    assert.notEqual(row.manage_token_hash, null);
    assert.ok(!String(row.manage_token_hash).includes(new URL(body.lien_gestion).searchParams.get("jeton")!), "only a hash is stored");
    const after = (await slots(`lieu=${world.placeId}&du=2026-03-04&au=2026-03-04`)).json().creneaux as Slot[];
    assert.ok(!after.some((s) => s.id === first!.id));
    const again = await post({ ...person, creneau: first!.id });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, "slot_taken");
    assert.match(again.json().detail, /Ce créneau vient d'être réservé/);
    assert.equal(again.json().creneaux[0].id, after[0]!.id, "the next free slots are offered");
  });

  test("a booking without contact, consent or valid slot is refused with the fields named", async () => {
    const response = await post({ prenom: "", nom: "X", creneau: "nope", consentement: false });
    assert.equal(response.statusCode, 400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    assert.deepEqual(fields.sort(), ["consentement", "prenom", "telephone"]);
    const badSlot = await post({ ...person, creneau: "bm9wZQ" });
    assert.equal(badSlot.statusCode, 400);
    assert.deepEqual(badSlot.json().errors.map((e: { field: string }) => e.field), ["creneau"]);
    const [slot] = (await slots(`lieu=${world.placeId}&du=2026-03-05&au=2026-03-05`)).json().creneaux as Slot[];
    const badCommune = await post({ ...person, creneau: slot!.id, commune: "Atlantide" });
    assert.equal(badCommune.statusCode, 400);
    assert.deepEqual(badCommune.json().errors.map((e: { field: string }) => e.field), ["commune"]);
  });

  test("the re-check refuses a slot on an absence or outside the booking window", async () => {
    const [slot] = (await slots(`lieu=${world.placeId}&du=2026-03-06&au=2026-03-06`)).json().creneaux as Slot[];
    await t.handle.db
      .insertInto("absences")
      .values({ advisor_id: world.advisorId, kind: "training", weekdays: [5], valid_from: "2026-03-01", valid_to: "2026-03-31" })
      .execute();
    const onAbsence = await post({ ...person, creneau: slot!.id });
    assert.equal(onAbsence.statusCode, 409);
    assert.equal((await slots(`lieu=${world.placeId}&du=2026-03-06&au=2026-03-06`)).json().creneaux.length, 0);

    const [today] = (await slots(`lieu=${world.placeId}&du=2026-03-02&au=2026-03-02`)).json().creneaux as Slot[];
    const saved = t.clock.now;
    t.clock.now = new Date("2026-03-02T07:45:00Z"); // 8:45 in Paris: 9:00 is less than 30 minutes away
    try {
      assert.equal((await post({ ...person, creneau: today!.id })).statusCode, 409);
    } finally {
      t.clock.now = saved;
    }
  });

  test("50 concurrent bookings of one slot: exactly one succeeds, the others are told it was just taken", async () => {
    const [slot] = (await slots(`lieu=${world.placeId}&du=2026-03-10&au=2026-03-10`)).json().creneaux as Slot[];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post({ ...person, prenom: `Personne${i}`, creneau: slot!.id })),
    );
    const statuses = answers.map((a) => a.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(","));
    assert.equal(statuses.filter((s) => s === 409).length, 49, statuses.join(","));
    for (const refused of answers.filter((a) => a.statusCode === 409)) assert.equal(refused.json().code, "slot_taken");
    const rows = await t.handle.db
      .selectFrom("appointments")
      .select("id")
      .where("advisor_id", "=", world.advisorId)
      .where("starts_at", "=", new Date(slot!.debut))
      .execute();
    assert.equal(rows.length, 1);
  });
});
