// Moving an appointment through its personal link, as the messages promise (« Annuler ou déplacer »).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld, postPairs } from "./booking.test-support.ts";

const decode = (html: string) => html.replace(/&amp;/g, "&").replace(/&#39;/g, "'");

describe("moving an appointment to another slot through the personal link", () => {
  let t: TestApp;
  let world: BookingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createBookingWorld(t.handle.db);
  });
  after(() => t.close());

  async function bookOn(date: string) {
    const slots = await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=${date}&au=${date}` });
    const slot = slots.json().creneaux[0];
    const booked = await t.app.inject({
      method: "POST",
      url: "/api/v1/rendez-vous",
      payload: { creneau: slot.id, prenom: "Léon", nom: "B", courriel: "leon@exemple.fr", consentement: true },
    });
    assert.equal(booked.statusCode, 201);
    const url = new URL(booked.json().lien_gestion);
    return { path: `${url.pathname}${url.search}`, token: url.searchParams.get("jeton")!, start: slot.debut as string, id: booked.json().id as string };
  }

  test("the person picks a new slot: same row and link, the old slot freed, a message with the new date", async () => {
    const { path, token, id, start } = await bookOn("2026-03-16");
    const visitor = new Visitor(t.app, "10.7.0.1");
    const page = await visitor.get(path);
    assert.match(page.body, /Annuler ou déplacer/);
    const choose = await visitor.get(decode(/href="([^"]*deplacer[^"]*)"/.exec(page.body)![1]!));
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /Déplacer le rendez-vous/);
    const empty = await postPairs(t, visitor, "/rendez-vous/gerer/deplacer", [["jeton", token]]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choisissez le nouveau créneau/);

    const later = (await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=2026-03-06&au=2026-03-06` })).json().creneaux[2];
    assert.match(empty.body, new RegExp(later.id), "the next free slots are offered on the page");
    const moved = await postPairs(t, visitor, "/rendez-vous/gerer/deplacer", [["jeton", token], ["creneau", later.id]]);
    assert.equal(moved.statusCode, 303);
    const after = await visitor.get(moved.headers.location as string);
    assert.match(after.body, /Votre rendez-vous est déplacé/);
    assert.match(after.body, /vendredi 6 mars 2026 à 11\sh/);

    const rows = await t.handle.db.selectFrom("appointments").select(["id", "starts_at", "status"]).where("advisor_id", "=", world.advisorId).where("status", "=", "planned").execute();
    const row = rows.find((r) => r.id === id)!;
    assert.equal(new Date(row.starts_at).toISOString(), later.debut, "the same appointment, at the new time");
    assert.equal((await visitor.get(path)).statusCode, 200, "the same personal link still works");
    const freed = (await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=2026-03-16&au=2026-03-16` })).json().creneaux;
    assert.ok(freed.some((s: { debut: string }) => s.debut === start), "the old slot is free again");
    const message = await t.handle.db
      .selectFrom("outbox")
      .select(["body_text"])
      .where("idempotency_key", "like", `appointment:${id}:change-email:%`)
      .executeTakeFirstOrThrow();
    assert.match(message.body_text, /6 mars/);
  });

  test("a move half an hour later on the same morning is fine, but not onto a time someone else holds", async () => {
    const mine = await bookOn("2026-03-19"); // 9:00–10:00
    const other = await bookOn("2026-03-19"); // 10:00–11:00
    const visitor = new Visitor(t.app, "10.7.0.2");
    await visitor.get(`/rendez-vous/gerer/deplacer?jeton=${mine.token}`);
    const { encodeSlotId } = await import("./slot-id.ts");
    const onOther = encodeSlotId({ advisorId: world.advisorId, placeId: world.placeId, start: new Date(other.start), durationMinutes: 60, kindId: world.kindId });
    const refused = await postPairs(t, visitor, "/rendez-vous/gerer/deplacer", [["jeton", mine.token], ["creneau", onOther]]);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /n(&#39;|')est plus disponible/);
    assert.match(refused.body, /Votre rendez-vous n(&#39;|')a pas changé/);
    const row = await t.handle.db.selectFrom("appointments").select("starts_at").where("id", "=", mine.id).executeTakeFirstOrThrow();
    assert.equal(new Date(row.starts_at).toISOString(), mine.start);
  });
});
