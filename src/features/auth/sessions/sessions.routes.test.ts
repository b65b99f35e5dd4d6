import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { addRole, insertUser } from "../../organisation/organisation.repository.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

describe("/espace/sessions", () => {
  let t: TestApp;
  let people = 0;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(async () => t.close());

  /** A visitor with its own User-Agent, signed in through the demo link (a coordinator: no second factor). */
  async function signedIn(email: string, userAgent: string): Promise<Visitor> {
    people++;
    const visitor = new Visitor(t.app, `10.63.${people}.1`, userAgent);
    await visitor.get("/connexion");
    const sent = await visitor.post("/connexion", { email });
    const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
    assert.ok(link);
    await visitor.get(link);
    await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
    return visitor;
  }

  let coordinators = 0;
  async function coordinator(): Promise<string> {
    coordinators++;
    const email = `coord.sessions.${coordinators}@exemple.fr`;
    const userId = await insertUser(t.handle.db, { email, firstName: "Léa", lastName: "Roux" });
    await addRole(t.handle.db, userId, "coordinator", null);
    return email;
  }

  test("lists the person's sessions with device and last use, and ends one of them", async () => {
    const email = await coordinator();
    const laptop = await signedIn(email, FIREFOX);
    const phone = await signedIn(email, IPHONE);
    const page = await laptop.get("/espace/sessions");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2>Firefox sur Linux<\/h2><p class="tag">Cet appareil<\/p>/);
    assert.match(page.body, /<h2>Safari sur iOS<\/h2>/);
    assert.match(page.body, /Dernière activité le/);
    const phoneId = /action="\/espace\/sessions\/([0-9a-f-]{36})\/fermer"/.exec(page.body)?.[1];
    assert.ok(phoneId, "the other session has a button to end it");

    const ended = await laptop.post(`/espace/sessions/${phoneId}/fermer`, {});
    assert.equal(ended.headers.location, "/espace/sessions?fermee=1");
    assert.equal((await phone.get("/espace")).headers.location, "/connexion", "the phone is signed out");
    assert.equal((await laptop.get("/espace")).statusCode, 200, "this device stays signed in");
  });

  test("someone else's session id answers 404 and ends nothing", async () => {
    const victimEmail = await coordinator();
    const victim = await signedIn(victimEmail, IPHONE);
    const row = await t.handle.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select("sessions.public_id")
      .where("users.email", "=", victimEmail)
      .executeTakeFirstOrThrow();
    const attacker = await signedIn(await coordinator(), FIREFOX);
    await attacker.get("/espace/sessions");
    assert.doesNotMatch(attacker.lastHtml, /\/fermer"/, "alone on one device: no other session to end");
    assert.equal((await attacker.post(`/espace/sessions/${row.public_id}/fermer`, {})).statusCode, 404);
    assert.equal((await attacker.post("/espace/sessions/pas-un-uuid/fermer", {})).statusCode, 404);
    assert.equal((await victim.get("/espace")).statusCode, 200);
  });

  test("ends every other session at once", async () => {
    const email = await coordinator();
    const a = await signedIn(email, FIREFOX);
    const b = await signedIn(email, IPHONE);
    const c = await signedIn(email, IPHONE);
    await a.get("/espace/sessions");
    assert.match(a.lastHtml, /Fermer toutes les autres sessions \(2\)/);
    const done = await a.post("/espace/sessions/fermer-les-autres", {});
    assert.equal(done.headers.location, "/espace/sessions?fermee=autres");
    assert.equal((await b.get("/espace")).statusCode, 303);
    assert.equal((await c.get("/espace")).statusCode, 303);
    const page = await a.get("/espace/sessions?fermee=autres");
    assert.match(page.body, /Toutes vos autres sessions ont été fermées/);
    assert.match(page.body, /aucun autre appareil/);
  });

  test("asks anonymous visitors to sign in", async () => {
    const anonymous = new Visitor(t.app, "10.64.0.1");
    assert.equal((await anonymous.get("/espace/sessions")).headers.location, "/connexion");
  });
});
