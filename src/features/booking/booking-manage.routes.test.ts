import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld, postPairs } from "./booking.test-support.ts";

describe("the personal link of an appointment", () => {
  let t: TestApp;
  let world: BookingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createBookingWorld(t.handle.db);
  });
  after(() => t.close());

  /** Books the first slot of the day through the API; returns the link's path and the slot start. */
  async function bookOn(date: string): Promise<{ path: string; token: string; start: Date; id: string }> {
    const slots = await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=${date}&au=${date}` });
    const slot = slots.json().creneaux[0];
    const booked = await t.app.inject({
      method: "POST",
      url: "/api/v1/rendez-vous",
      payload: { creneau: slot.id, prenom: "Léon", nom: "B", courriel: "leon@exemple.fr", consentement: true },
    });
    assert.equal(booked.statusCode, 201);
    const url = new URL(booked.json().lien_gestion);
    return { path: `${url.pathname}${url.search}`, token: url.searchParams.get("jeton")!, start: new Date(slot.debut), id: booked.json().id };
  }

  test("the link cancels the appointment once, frees the slot and offers to choose another one", async () => {
    const { path, token, id } = await bookOn("2026-03-11");
    const visitor = new Visitor(t.app, "10.8.0.1");
    const messages = () => t.handle.db.selectFrom("outbox").select("id").where("idempotency_key", "like", `appointment:${id}:%`).execute();
    const before = (await messages()).length;
    assert.ok(before > 0, "the booking is confirmed through the outbox");
    const page = await visitor.get(path);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers["cache-control"], "no-store");
    assert.match(page.body, /Annuler ce rendez-vous/);
    const question = await visitor.get(`/rendez-vous/gerer/annuler?jeton=${token}`);
    assert.equal(question.statusCode, 200);
    assert.match(question.body, /Voulez-vous vraiment annuler \?/);
    assert.match(question.body, /Non, garder mon rendez-vous/);
    const unconfirmed = await postPairs(t, visitor, "/rendez-vous/gerer/annuler", [["jeton", token]]);
    assert.equal(unconfirmed.statusCode, 303, "a post without the « oui » only leads to the question");
    assert.equal((await t.handle.db.selectFrom("appointments").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status, "planned");
    await visitor.get(`/rendez-vous/gerer/annuler?jeton=${token}`);
    const cancelled = await postPairs(t, visitor, "/rendez-vous/gerer/annuler", [["jeton", token], ["confirme", "oui"]]);
    assert.equal(cancelled.statusCode, 303);
    const after = await visitor.get(cancelled.headers.location as string);
    assert.match(after.body, /Votre rendez-vous est annulé/);
    assert.match(after.body, /Choisir un autre créneau/);
    assert.doesNotMatch(after.body, /Annuler ce rendez-vous/);
    const row = await t.handle.db.selectFrom("appointments").select(["status", "cancelled_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.status, "cancelled");
    assert.notEqual(row.cancelled_at, null);
    assert.ok((await messages()).length > before, "the cancellation is announced through the outbox");

    await visitor.get("/connexion");
    const twice = await postPairs(t, visitor, "/rendez-vous/gerer/annuler", [["jeton", token], ["confirme", "oui"]]);
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /déjà annulé/);
    const slots = await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=2026-03-11&au=2026-03-11` });
    assert.equal(slots.json().creneaux.length, 3, "the slot is free again");
  });

  test("after the deadline the link refuses to cancel, in French, with the place's phone", async () => {
    const { path, token, start, id } = await bookOn("2026-03-12");
    const saved = t.clock.now;
    t.clock.now = new Date(start.getTime() - 119 * 60_000);
    try {
      const visitor = new Visitor(t.app, "10.8.0.2");
      const page = await visitor.get(path);
      assert.match(page.body, /Il est trop tard pour annuler en ligne/);
      assert.match(page.body, /05 53 00 00 00/);
      assert.doesNotMatch(page.body, /Annuler ce rendez-vous/);
      await visitor.get("/connexion"); // a page with a form, for the CSRF token
      const refused = await postPairs(t, visitor, "/rendez-vous/gerer/annuler", [["jeton", token], ["confirme", "oui"]]);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /jusqu&#39;à 2 heures avant|jusqu'à 2 heures avant/);
      const row = await t.handle.db.selectFrom("appointments").select("status").where("id", "=", id).executeTakeFirstOrThrow();
      assert.equal(row.status, "planned");
    } finally {
      t.clock.now = saved;
    }
  });

  test("an altered token is refused in French", async () => {
    const { token } = await bookOn("2026-03-13");
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const visitor = new Visitor(t.app, "10.8.0.3");
    const page = await visitor.get(`/rendez-vous/gerer?jeton=${altered}`);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Ce lien de rendez-vous n&#39;est pas valable|Ce lien de rendez-vous n'est pas valable/);
    assert.equal((await visitor.get("/rendez-vous/gerer?jeton=court")).statusCode, 400);
    await visitor.get("/connexion");
    const post = await postPairs(t, visitor, "/rendez-vous/gerer/annuler", [["jeton", altered], ["confirme", "oui"]]);
    assert.equal(post.statusCode, 400);
  });
});
