import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { demoCodeOf } from "../../../../test/support/second-factor.ts";
import { listAudit } from "../../audit/audit.repository.ts";
import { addRole, insertUser } from "../../organisation/organisation.repository.ts";
import type { Role } from "../../organisation/organisation.ts";

describe("second factor after the e-mail link", () => {
  let t: TestApp;
  let people = 0;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(async () => t.close());

  async function person(role: Role): Promise<{ email: string; userId: string }> {
    people++;
    const email = `agent.${people}@exemple.fr`;
    const userId = await insertUser(t.handle.db, { email, firstName: "Agent", lastName: `Numéro ${people}` });
    const structure = await t.handle.db.selectFrom("structures").select("id").orderBy("name").executeTakeFirstOrThrow();
    await addRole(t.handle.db, userId, role, role === "coordinator" || role === "admin" ? null : structure.id);
    return { email, userId };
  }

  /** Follows the demo link; returns the response of the link's form (a redirect). */
  async function followLink(email: string) {
    const visitor = new Visitor(t.app, `10.61.${people}.${Math.floor(Math.random() * 250)}`);
    await visitor.get("/connexion");
    const sent = await visitor.post("/connexion", { email });
    const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
    assert.ok(link);
    await visitor.get(link);
    const signedIn = await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
    return { visitor, signedIn };
  }

  async function enrol(visitor: Visitor): Promise<string[]> {
    const page = await visitor.get("/connexion/second-facteur");
    const done = await visitor.post("/connexion/second-facteur", { code: demoCodeOf(page.body)! });
    assert.equal(done.statusCode, 200);
    return [...done.body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
  }

  test("an advisor without a second factor is asked to enrol before reaching /beneficiaires", async () => {
    const { visitor, signedIn } = await followLink("justine.sabathier@declic47.example");
    assert.equal(signedIn.headers.location, "/connexion/second-facteur");
    const blocked = await visitor.get("/beneficiaires");
    assert.equal(blocked.statusCode, 303);
    assert.equal(blocked.headers.location, "/connexion/second-facteur");
    const page = await visitor.get("/connexion/second-facteur");
    assert.match(page.body, /<h1>Activer la vérification en deux étapes<\/h1>/);
    assert.match(page.body, /<svg[^>]*width="200"/, "the QR code is inline SVG");
    assert.match(page.body, /<code class="totp-key">[A-Z2-7 ]{39}<\/code>/, "the key can be typed by hand");

    const wrong = await visitor.post("/connexion/second-facteur", { code: "000000" === demoCodeOf(page.body) ? "111111" : "000000" });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Ce code n&#39;est pas valide.*encore 4 essais/);

    const codes = await enrol(visitor);
    assert.equal(codes.length, 10);
    assert.equal((await visitor.get("/beneficiaires")).statusCode, 200);
    assert.doesNotMatch((await visitor.get("/connexion/second-facteur")).body, /abcde/, "recovery codes are shown once");
  });

  test("a coordinator, whose role is not in the list, goes straight to their space", async () => {
    const { email } = await person("coordinator");
    const { signedIn } = await followLink(email);
    assert.equal(signedIn.headers.location, "/espace");
  });

  test("five wrong codes lock the second factor for 15 minutes, even for the right code", async () => {
    const { email, userId } = await person("structure_manager");
    const first = await followLink(email);
    await enrol(first.visitor);

    const { visitor } = await followLink(email);
    const page = await visitor.get("/connexion/second-facteur");
    assert.match(page.body, /<h1>Vérification en deux étapes<\/h1>/);
    const right = demoCodeOf(page.body)!;
    const wrongCode = right === "123456" ? "654321" : "123456";
    for (let i = 0; i < 4; i++) assert.equal((await visitor.post("/connexion/second-facteur", { code: wrongCode })).statusCode, 400);
    const locked = await visitor.post("/connexion/second-facteur", { code: wrongCode });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /Vérification bloquée pendant 15 minutes/);
    assert.equal((await visitor.post("/connexion/second-facteur", { code: right })).statusCode, 429, "locked even for the right code");

    const start = t.clock.now;
    t.clock.now = new Date(start.getTime() + 15 * 60_000 + 1000);
    try {
      const later = await visitor.get("/connexion/second-facteur");
      const ok = await visitor.post("/connexion/second-facteur", { code: demoCodeOf(later.body)! });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, "/espace");
    } finally {
      t.clock.now = start;
    }
    const actions = (await listAudit(t.handle.db, { subjectId: userId })).map((a) => a.action);
    assert.ok(actions.includes("auth.second_factor_locked"));
    assert.ok(actions.includes("auth.second_factor_enrolled"));
    assert.equal(actions.filter((a) => a === "auth.second_factor_failed").length, 4);
  });

  test("a recovery code replaces the application's code once", async () => {
    const { email, userId } = await person("admin");
    const first = await followLink(email);
    const [code] = await enrol(first.visitor);

    const second = await followLink(email);
    await second.visitor.get("/connexion/second-facteur");
    const used = await second.visitor.post("/connexion/second-facteur", { code: code!.toUpperCase().replace("-", " ") });
    assert.equal(used.statusCode, 303);
    assert.equal((await second.visitor.get("/espace")).statusCode, 200);

    const third = await followLink(email);
    await third.visitor.get("/connexion/second-facteur");
    const again = await third.visitor.post("/connexion/second-facteur", { code: code! });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Ce code n&#39;est pas valide/);
    assert.equal((await third.visitor.get("/espace")).statusCode, 303);
    const audit = await listAudit(t.handle.db, { subjectId: userId, action: "auth.recovery_code_used" });
    assert.deepEqual(audit[0]?.details, { left: 9 });
  });

  test("the page sends people who are not halfway through signing in elsewhere", async () => {
    const anonymous = new Visitor(t.app, "10.62.0.1");
    assert.equal((await anonymous.get("/connexion/second-facteur")).headers.location, "/connexion");
    const { email } = await person("coordinator");
    const { visitor } = await followLink(email);
    assert.equal((await visitor.get("/connexion/second-facteur")).headers.location, "/espace");
  });
});
