import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, TEST_SECRET, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { MONDAY, type PlaceFixture, preparePlace, signedIn } from "./place-page.fixtures.ts";
import { hashIp } from "./place-reports.ts";

const GOOD = "Le lieu est fermé le mercredi après-midi depuis septembre.";

describe("« Signaler une erreur » on a place", () => {
  let t: TestApp;
  let place: PlaceFixture;
  let ips = 0;

  async function visitorOnPlace(slug = place.slug): Promise<Visitor> {
    ips++;
    const visitor = new Visitor(t.app, `192.0.2.${ips}`);
    await visitor.get(`/lieux/${slug}`);
    return visitor;
  }

  before(async () => {
    t = await startTestApp({ template: "demo", now: MONDAY });
    place = await preparePlace(t);
  });
  after(() => t.close());

  test("a too short message and a wrong address are refused, with what was typed kept", async () => {
    const visitor = await visitorOnPlace();
    const response = await visitor.post(`/lieux/${place.slug}/signaler`, { message: "Fermé", contact: "marie@" });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Il y a 2 erreurs/);
    assert.match(response.body, /en 10 caractères au moins/);
    assert.match(response.body, /adresse électronique valide/);
    assert.match(response.body, /<textarea[^>]*>Fermé<\/textarea>/);
    assert.match(response.body, /value="marie@"/);
    const count = await t.handle.db.selectFrom("place_reports").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test("a report is stored with a keyed hash of the IP address, then the page thanks the person", async () => {
    const visitor = await visitorOnPlace();
    const response = await visitor.post(`/lieux/${place.slug}/signaler`, { message: `  ${GOOD}  `, contact: "Marie@Exemple.fr" });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/lieux/${place.slug}?signalement=merci`);
    const row = await t.handle.db.selectFrom("place_reports").selectAll().where("place_id", "=", place.placeId).executeTakeFirstOrThrow();
    assert.equal(row.message, GOOD);
    assert.equal(row.contact, "marie@exemple.fr");
    assert.equal(row.ip_hash, hashIp(visitor.ip, TEST_SECRET));
    assert.ok(!row.ip_hash.includes(visitor.ip));
    const thanked = await visitor.get(response.headers.location as string);
    assert.match(thanked.body, /Merci pour votre signalement/);
  });

  test("a sixth report from the same address within the hour gets a 429 page keeping the text", async () => {
    const visitor = await visitorOnPlace();
    for (let i = 0; i < 5; i++) {
      await visitor.get(`/lieux/${place.slug}`);
      assert.equal((await visitor.post(`/lieux/${place.slug}/signaler`, { message: `${GOOD} (${i})`, contact: "" })).statusCode, 303);
    }
    await visitor.get(`/lieux/${place.slug}`);
    const refused = await visitor.post(`/lieux/${place.slug}/signaler`, { message: "Le numéro de téléphone a changé.", contact: "" });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Trop de signalements en peu de temps/);
    assert.match(refused.body, /Le numéro de téléphone a changé\./);
    t.clock.now = new Date(MONDAY.getTime() + 61 * 60_000);
    try {
      await visitor.get(`/lieux/${place.slug}`);
      assert.equal((await visitor.post(`/lieux/${place.slug}/signaler`, { message: "Le numéro de téléphone a changé.", contact: "" })).statusCode, 303);
    } finally {
      t.clock.now = MONDAY;
    }
  });

  test("a place receives at most 20 reports a day, whoever sends them", async () => {
    const other = await t.handle.db
      .selectFrom("places")
      .select(["id", "slug"])
      .where("is_public", "=", true)
      .where("id", "!=", place.placeId)
      .orderBy("slug", "desc")
      .executeTakeFirstOrThrow();
    await t.handle.db
      .insertInto("place_reports")
      .values(Array.from({ length: 20 }, (_, i) => ({ place_id: other.id, message: `${GOOD} ${i}`, ip_hash: `h${i}`, created_at: new Date(MONDAY.getTime() - i * 60_000) })))
      .execute();
    const visitor = await visitorOnPlace(other.slug);
    const refused = await visitor.post(`/lieux/${other.slug}/signaler`, { message: GOOD, contact: "" });
    assert.equal(refused.statusCode, 429);
  });

  test("a report on a hidden place is refused as not found", async () => {
    const visitor = await visitorOnPlace();
    const response = await visitor.post(`/lieux/${place.hiddenSlug}/signaler`, { message: GOOD, contact: "" });
    assert.equal(response.statusCode, 404);
  });

  test("a post without the form's token is refused", async () => {
    const visitor = await visitorOnPlace();
    const response = await visitor.post(`/lieux/${place.slug}/signaler`, { message: GOOD, _csrf: "faux" });
    assert.equal(response.statusCode, 403);
  });
});

describe("/gestion/signalements", () => {
  let t: TestApp;
  let place: PlaceFixture;

  before(async () => {
    t = await startTestApp({ template: "demo", now: MONDAY });
    place = await preparePlace(t);
    const otherPlace = await t.handle.db
      .selectFrom("places")
      .select("id")
      .where("structure_id", "=", place.otherStructureId)
      .executeTakeFirstOrThrow();
    await t.handle.db
      .insertInto("place_reports")
      .values([
        { place_id: place.placeId, message: "Rapport sur notre lieu : horaires faux.", ip_hash: "a", created_at: new Date(MONDAY.getTime() - 60_000) },
        { place_id: otherPlace.id, message: "Rapport sur un autre lieu : adresse fausse.", ip_hash: "b", created_at: MONDAY },
      ])
      .execute();
  });
  after(() => t.close());

  test("the structure manager sees the reports on their places and marks one as handled", async () => {
    const manager = await signedIn(t, "structure_manager", place.structureId);
    const list = await manager.get("/gestion/signalements");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Rapport sur notre lieu/);
    assert.doesNotMatch(list.body, /Rapport sur un autre lieu/);
    assert.match(list.body, new RegExp(`href="/lieux/${place.slug}"`));
    const action = /action="(\/gestion\/signalements\/[^"]+\/traiter)"/.exec(list.body)?.[1];
    assert.ok(action);
    const done = await manager.post(action, { page: "1" });
    assert.equal(done.statusCode, 303);
    const row = await t.handle.db.selectFrom("place_reports").selectAll().where("place_id", "=", place.placeId).executeTakeFirstOrThrow();
    assert.ok(row.resolved_at);
    assert.ok(row.resolved_by);
    const after = await manager.get(done.headers.location as string);
    assert.match(after.body, /est marqué comme traité/);
    assert.match(after.body, /<strong>Traité<\/strong> le/);
  });

  test("a manager of another structure sees nothing of this place and cannot handle its reports", async () => {
    const manager = await signedIn(t, "structure_manager", place.otherStructureId);
    const list = await manager.get("/gestion/signalements");
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /Rapport sur notre lieu/);
    assert.match(list.body, /Rapport sur un autre lieu/);
    const ours = await t.handle.db.selectFrom("place_reports").select("id").where("place_id", "=", place.placeId).executeTakeFirstOrThrow();
    const refused = await manager.post(`/gestion/signalements/${ours.id}/traiter`, {});
    assert.equal(refused.statusCode, 404);
  });

  test("a coordinator sees every report", async () => {
    const coordinator = await signedIn(t, "coordinator", null);
    const list = await coordinator.get("/gestion/signalements");
    assert.match(list.body, /Rapport sur notre lieu/);
    assert.match(list.body, /Rapport sur un autre lieu/);
    assert.ok(list.body.indexOf("Rapport sur un autre lieu") < list.body.indexOf("Rapport sur notre lieu"), "newest first");
  });

  test("the list shows 20 reports a page, newest first", async () => {
    await t.handle.db
      .insertInto("place_reports")
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          place_id: place.placeId,
          message: `Ancien signalement numéro ${i}.`,
          ip_hash: "c",
          created_at: new Date(MONDAY.getTime() - (i + 2) * 3_600_000),
        })),
      )
      .execute();
    const coordinator = await signedIn(t, "coordinator", null);
    const first = await coordinator.get("/gestion/signalements");
    assert.match(first.body, /25 signalements\./);
    assert.match(first.body, /Page 1 sur 2/);
    assert.match(first.body, /Ancien signalement numéro 17\./);
    assert.doesNotMatch(first.body, /Ancien signalement numéro 18\./);
    const second = await coordinator.get("/gestion/signalements?page=2");
    assert.match(second.body, /Ancien signalement numéro 22\./);
    assert.doesNotMatch(second.body, /Ancien signalement numéro 17\./);
  });

  test("an advisor is refused and an anonymous visitor is sent to sign in", async () => {
    const advisor = await signedIn(t, "advisor", place.structureId);
    assert.equal((await advisor.get("/gestion/signalements")).statusCode, 403);
    const anonymous = await t.app.inject({ url: "/gestion/signalements", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
  });
});
