import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { insertWorkshop, NOW, prepareWorkshops, signInVisitor, VIDEO_URL, type WorkshopFixture } from "./workshops.fixtures.ts";

const HOUR = 3_600_000;

describe("the workshop pages", () => {
  let t: TestApp;
  let f: WorkshopFixture;
  let remoteId: string;
  let placeWorkshopId: string;
  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    f = await prepareWorkshops(t);
    await new Visitor(t.app).get("/ateliers");
    const mine = (remote: boolean) =>
      t.handle.db.selectFrom("workshops").select("id").where("advisor_id", "=", f.advisorId).where("is_remote", "=", remote).where("series_id", "is not", null).orderBy("starts_at").executeTakeFirstOrThrow();
    remoteId = (await mine(true)).id;
    placeWorkshopId = (await mine(false)).id;
  });
  after(() => t.close());

  test("the catalogue lists the coming workshops of the series, not the reserved ones, with filters and pages", async () => {
    const visitor = new Visitor(t.app);
    const all = await visitor.get("/ateliers");
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Premiers pas avec le courriel/);
    assert.match(all.body, /Les Jeudis de l&#39;inclusion|Les Jeudis de l'inclusion/);
    assert.doesNotMatch(all.body, /Atelier réservé aux résidents/);
    assert.match(all.body, /Page 1 sur \d+/);
    const remote = await visitor.get("/ateliers?distance=1");
    assert.doesNotMatch(remote.body, /Premiers pas avec le courriel/);
    const theme = await visitor.get("/ateliers?theme=securite-numerique");
    assert.doesNotMatch(theme.body, /Premiers pas avec le courriel/);
    const commune = await visitor.get(`/ateliers?commune=${f.communeCode}`);
    assert.match(commune.body, /Premiers pas avec le courriel/);
    assert.doesNotMatch(commune.body, /href="\/ateliers\/[^"]+">Les Jeudis/);
    const none = await visitor.get(`/ateliers?commune=${f.communeCode}&distance=1`);
    assert.match(none.body, /Aucun atelier à venir/);
    const page2 = await visitor.get("/ateliers?page=2");
    assert.equal(page2.statusCode, 200);
    assert.match(page2.body, /Page 2 sur/);
  });

  test("a remote workshop's page never shows the video link", async () => {
    const page = await new Visitor(t.app).get(`/ateliers/${remoteId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /À distance : le lien de connexion est envoyé aux personnes inscrites/);
    assert.match(page.body, /Intermédiaire/);
    assert.match(page.body, /Se protéger en ligne/);
    assert.match(page.body, /30 places disponibles/);
    assert.ok(!page.body.includes(VIDEO_URL));
  });

  test("a workshop at a place names the place", async () => {
    const page = await new Visitor(t.app).get(`/ateliers/${placeWorkshopId}`);
    assert.ok(page.body.includes(f.placeName.replace(/'/g, "&#39;")) || page.body.includes(f.placeName));
    assert.match(page.body, /Débutant/);
  });

  test("a registration form with mistakes comes back with the input and French errors", async () => {
    const visitor = new Visitor(t.app);
    await visitor.get(`/ateliers/${remoteId}`);
    const response = await visitor.post(`/ateliers/${remoteId}/inscription`, { prenom: "Lucie", nom: "", telephone: "12", courriel: "" });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Il y a 3 erreurs/);
    assert.match(response.body, /Indiquez votre nom/);
    assert.match(response.body, /numéro de téléphone français/);
    assert.match(response.body, /Cochez la case/);
    assert.match(response.body, /value="Lucie"/);
  });

  test("a person registers without an account and their personal page gives the video link", async () => {
    const visitor = new Visitor(t.app);
    await visitor.get(`/ateliers/${remoteId}`);
    const response = await visitor.post(`/ateliers/${remoteId}/inscription`, { prenom: "Lucie", nom: "M", telephone: "06 12 34 56 78", courriel: "lucie@exemple.fr", consentement: "1" });
    assert.equal(response.statusCode, 303);
    const location = String(response.headers.location);
    assert.match(location, /^\/ateliers\/inscription\?jeton=[^&]+&etat=new$/);
    const personal = await visitor.get(location);
    assert.equal(personal.statusCode, 200);
    assert.match(personal.body, /Votre inscription est enregistrée/);
    assert.ok(personal.body.includes(VIDEO_URL));
    const token = new URL(location, "http://x").searchParams.get("jeton")!;
    const row = await t.handle.db.selectFrom("workshop_registrations").select(["id", "manage_token_hash", "status"]).where("email", "=", "lucie@exemple.fr").executeTakeFirstOrThrow();
    assert.equal(row.status, "registered");
    assert.notEqual(row.manage_token_hash, token, "only the hash is kept");
    const keys = (await t.handle.db.selectFrom("outbox").select("idempotency_key").where("idempotency_key", "like", `workshop-registration:${row.id}:%`).execute()).map((k) => k.idempotency_key).sort();
    assert.deepEqual(keys, [`workshop-registration:${row.id}:registered:email`, `workshop-registration:${row.id}:registered:sms`]);
    const altered = await visitor.get(`/ateliers/inscription?jeton=${token.slice(0, -2)}xx`);
    assert.equal(altered.statusCode, 404);

    await visitor.get(location);
    const cancelled = await visitor.post("/ateliers/inscription/annuler", { jeton: token });
    assert.equal(cancelled.statusCode, 303);
    const after = await visitor.get(String(cancelled.headers.location));
    assert.match(after.body, /Votre inscription est annulée/);
    assert.ok(!after.body.includes(VIDEO_URL));
  });

  test("a full workshop offers the waiting list, and the offered person confirms from their page", async () => {
    const id = await insertWorkshop(t, f, { title: "Petit groupe", startsAt: new Date(NOW.getTime() + 72 * HOUR), capacity: 1 });
    const tokens: string[] = [];
    for (const name of ["Anne", "Bruno"]) {
      const visitor = new Visitor(t.app);
      await visitor.get(`/ateliers/${id}`);
      const response = await visitor.post(`/ateliers/${id}/inscription`, { prenom: name, nom: "X", courriel: `${name.toLowerCase()}@exemple.fr`, consentement: "1" });
      tokens.push(new URL(String(response.headers.location), "http://x").searchParams.get("jeton")!);
    }
    const visitor = new Visitor(t.app);
    assert.match((await visitor.get(`/ateliers/${id}`)).body, /Complet : inscription sur liste d&#39;attente|Complet : inscription sur liste d'attente/);
    const bruno = await visitor.get(`/ateliers/inscription?jeton=${encodeURIComponent(tokens[1]!)}`);
    assert.match(bruno.body, /liste d(&#39;|')attente, en position 1/);
    // Just registered on the waiting list: not the green « inscription enregistrée » of a seat.
    const justWaiting = await visitor.get(`/ateliers/inscription?jeton=${encodeURIComponent(tokens[1]!)}&etat=new`);
    assert.match(justWaiting.body, /<h1>Liste d(&#39;|')attente de l(&#39;|')atelier/);
    assert.match(justWaiting.body, /notice--info[\s\S]*Vous êtes sur la liste d(&#39;|')attente/);
    assert.match(justWaiting.body, /24 heures pour la confirmer/);
    assert.doesNotMatch(justWaiting.body, /Votre inscription est enregistrée|notice--success/);
    await visitor.post("/ateliers/inscription/annuler", { jeton: tokens[0]! });
    const offered = await visitor.get(`/ateliers/inscription?jeton=${encodeURIComponent(tokens[1]!)}`);
    assert.match(offered.body, /Une place s(&#39;|')est libérée pour vous/);
    const confirmed = await visitor.post("/ateliers/inscription/confirmer", { jeton: tokens[1]! });
    const page = await visitor.get(String(confirmed.headers.location));
    assert.match(page.body, /Votre place est confirmée/);
  });

  test("a reserved workshop has no public page and refuses public registration", async () => {
    const id = await insertWorkshop(t, f, { title: "Réservé", startsAt: new Date(NOW.getTime() + 48 * HOUR), capacity: 4, isPublic: false });
    const visitor = new Visitor(t.app);
    assert.equal((await visitor.get(`/ateliers/${id}`)).statusCode, 404);
    await visitor.get(`/ateliers/${remoteId}`);
    const response = await visitor.post(`/ateliers/${id}/inscription`, { prenom: "A", nom: "B", courriel: "a@exemple.fr", consentement: "1" });
    assert.equal(response.statusCode, 404);
  });

  test("the advisor and the structure's managers take attendance; others are refused", async () => {
    const id = await insertWorkshop(t, f, { title: "Atelier du jour", startsAt: new Date(NOW.getTime() + 2 * HOUR), capacity: 4 });
    const visitor = new Visitor(t.app);
    await visitor.get(`/ateliers/${id}`);
    await visitor.post(`/ateliers/${id}/inscription`, { prenom: "Paul", nom: "P", courriel: "paul@exemple.fr", consentement: "1" });
    const reg = await t.handle.db.selectFrom("workshop_registrations").select("id").where("email", "=", "paul@exemple.fr").executeTakeFirstOrThrow();

    const advisor = await signInVisitor(t, f.advisorEmail);
    const sheet = await advisor.get(`/gestion/ateliers/${id}/presences`);
    assert.equal(sheet.statusCode, 200);
    assert.match(sheet.body, /Paul P/);
    const saved = await advisor.post(`/gestion/ateliers/${id}/presences`, { [`presence-${reg.id}`]: "attended" });
    assert.equal(saved.statusCode, 303);
    const status = await t.handle.db.selectFrom("workshop_registrations").select("status").where("id", "=", reg.id).executeTakeFirstOrThrow();
    assert.equal(status.status, "attended");

    const manager = await signInVisitor(t, f.managerEmail);
    assert.equal((await manager.get(`/gestion/ateliers/${id}/presences`)).statusCode, 200);
    const outsider = await signInVisitor(t, f.outsiderEmail);
    assert.equal((await outsider.get(`/gestion/ateliers/${id}/presences`)).statusCode, 403);
    await outsider.get("/ateliers");
    assert.equal((await outsider.post(`/gestion/ateliers/${id}/presences`, { [`presence-${reg.id}`]: "absent" })).statusCode, 403);
    assert.equal((await advisor.get("/gestion/ateliers/00000000-0000-4000-8000-000000000000/presences")).statusCode, 404);
    const anonymous = await t.app.inject({ url: `/gestion/ateliers/${id}/presences`, headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
  });

  test("registration closes when the workshop starts", async () => {
    const id = await insertWorkshop(t, f, { title: "Commence bientôt", startsAt: new Date(NOW.getTime() + HOUR), capacity: 4 });
    const visitor = new Visitor(t.app);
    await visitor.get(`/ateliers/${id}`);
    t.clock.now = new Date(NOW.getTime() + HOUR);
    const response = await visitor.post(`/ateliers/${id}/inscription`, { prenom: "A", nom: "B", courriel: "late@exemple.fr", consentement: "1" });
    t.clock.now = NOW;
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /les inscriptions sont fermées/);
  });
});
