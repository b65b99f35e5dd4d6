import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { decodeQuotedPrintable, startTestSmtpServer } from "../../../test/support/smtp.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import { THROTTLE } from "./auth.ts";

describe("passwordless sign-in", () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;

  let userCount = 0;

  /** Each test signs in its own person, so the per-address throttle of one test never touches another. */
  async function newPerson(): Promise<string> {
    userCount++;
    const email = `claire.martin${userCount}@example.fr`;
    const userId = await insertUser(t.handle.db, { email, firstName: "Claire", lastName: "Martin" });
    await addRole(t.handle.db, userId, "coordinator", null);
    return email;
  }

  before(async () => {
    smtp = await startTestSmtpServer();
    t = await startTestApp({ template: "bare", demo: false, env: { SMTP_URL: smtp.url } });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  async function requestLink(visitor: Visitor, email: string) {
    await visitor.get("/connexion");
    return visitor.post("/connexion", { email });
  }

  /** The link in the latest mail the SMTP server received for this address. */
  async function linkFor(email: string): Promise<string> {
    await t.deliverOutbox();
    const last = smtp.messages.findLast((m) => m.to.includes(email));
    assert.ok(last, `a mail to ${email} was received by the SMTP server`);
    const match = /http:\/\/localhost:3000(\/connexion\/lien\?jeton=[A-Za-z0-9_-]+)/.exec(decodeQuotedPrintable(last.raw));
    assert.ok(match, "the mail holds a sign-in link");
    return match[1]!;
  }

  test("a known person receives a link by e-mail that signs them in once", async () => {
    const email = await newPerson();
    const visitor = new Visitor(t.app, "10.0.0.1");
    const sent = await requestLink(visitor, ` ${email.replace("claire", "Claire").replace("example", "Example")} `);
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /Vérifiez votre messagerie/);
    const link = await linkFor(email);

    const confirm = await visitor.get(link);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Me connecter/);
    const token = new URL(link, "http://x").searchParams.get("jeton")!;
    const signedIn = await visitor.post("/connexion/lien", { jeton: token });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, "/espace");
    const space = await visitor.get("/espace");
    assert.equal(space.statusCode, 200);
    assert.match(space.body, /Bonjour Claire Martin/);
    assert.match(space.body, /Coordination départementale/);
    const audit = await t.handle.db.selectFrom("audit_log").select(["action", "subject_id"]).where("action", "=", "auth.sign_in").execute();
    assert.equal(audit.length, 1, "the sign-in is in the audit log");

    const again = await new Visitor(t.app, "10.0.0.2").get(link);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /déjà servi/);
  });

  test("the session cookie is HttpOnly and SameSite", async () => {
    const visitor = new Visitor(t.app, "10.0.0.3");
    const email = await newPerson();
    await requestLink(visitor, email);
    const link = await linkFor(email);
    await visitor.get(link);
    const token = new URL(link, "http://x").searchParams.get("jeton")!;
    const response = await visitor.post("/connexion/lien", { jeton: token });
    const cookie = [response.headers["set-cookie"]].flat().find((c) => c?.startsWith("declic_session="));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  test("an unknown address gets exactly the same answer and no mail", async () => {
    const before = smtp.messages.length;
    const known = await requestLink(new Visitor(t.app, "10.0.1.1"), await newPerson());
    const unknown = await requestLink(new Visitor(t.app, "10.0.1.2"), "personne@example.fr");
    await t.deliverOutbox();
    assert.equal(known.statusCode, unknown.statusCode);
    const strip = (html: string) => html.replace(/<strong>[^<]*<\/strong>/, "").replace(/value="[^"]*"/g, "");
    assert.equal(strip(known.body), strip(unknown.body));
    assert.equal(smtp.messages.length, before + 1);
  });

  test("an altered link is refused with a French explanation", async () => {
    const visitor = new Visitor(t.app, "10.0.2.1");
    const email = await newPerson();
    await requestLink(visitor, email);
    const link = await linkFor(email);
    const altered = `${link.slice(0, -2)}${link.endsWith("A") ? "B" : "A"}x`;
    const page = await visitor.get(altered);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /n&#39;est pas valide/);
    await visitor.get(link);
    const token = new URL(altered, "http://x").searchParams.get("jeton")!;
    const post = await visitor.post("/connexion/lien", { jeton: token });
    assert.equal(post.statusCode, 400);
    assert.doesNotMatch(String(post.headers["set-cookie"] ?? ""), /declic_session=[^;]/);
  });

  test("an expired link is refused", async () => {
    const visitor = new Visitor(t.app, "10.0.3.1");
    const email = await newPerson();
    await requestLink(visitor, email);
    const link = await linkFor(email);
    const realNow = t.clock.now;
    t.clock.now = new Date(realNow.getTime() + 16 * 60_000);
    try {
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /a expiré/);
    } finally {
      t.clock.now = realNow;
    }
  });

  test("rapid repeated requests for one address are throttled, whether or not it has an account", async () => {
    for (const email of [await newPerson(), "inconnu@example.fr"]) {
      const statuses: number[] = [];
      for (let i = 0; i < THROTTLE.perAddress + 1; i++) {
        const visitor = new Visitor(t.app, `10.1.${email.length}.${i}`);
        statuses.push((await requestLink(visitor, email)).statusCode);
      }
      assert.equal(statuses.at(-1), 429, `${email}: ${statuses.join(",")}`);
    }
  });

  test("rapid requests from one IP address are throttled", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < THROTTLE.perIp + 1; i++) {
      statuses.push((await requestLink(new Visitor(t.app, "10.9.9.9"), `quelqu.un${i}@example.fr`)).statusCode);
    }
    assert.equal(statuses.filter((s) => s === 429).length, 1);
    assert.equal(statuses.at(-1), 429);
  });

  test("a form post without the CSRF token is refused", async () => {
    const visitor = new Visitor(t.app, "10.0.4.1");
    await visitor.get("/connexion");
    const response = await visitor.post("/connexion", { email: "someone@example.fr", _csrf: "forged" });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Formulaire expiré/);
  });

  test("an invalid address re-renders the form with the input and a French error", async () => {
    const visitor = new Visitor(t.app, "10.0.5.1");
    await visitor.get("/connexion");
    const response = await visitor.post("/connexion", { email: "claire.martin@" });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /value="claire.martin@"/);
    assert.match(response.body, /Saisissez une adresse électronique valide/);
    assert.match(response.body, /aria-invalid="true"/);
  });

  test("signing out everywhere ends every session of the person", async () => {
    const email = await newPerson();
    const phone = new Visitor(t.app, "10.0.6.1");
    const laptop = new Visitor(t.app, "10.0.6.2");
    for (const v of [phone, laptop]) {
      await requestLink(v, email);
      const link = await linkFor(email);
      await v.get(link);
      await v.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
      assert.equal((await v.get("/espace")).statusCode, 200);
    }
    await phone.get("/espace");
    const out = await phone.post("/deconnexion/partout", {});
    assert.equal(out.statusCode, 303);
    assert.equal((await laptop.get("/espace")).statusCode, 303, "the other device is signed out too");
    assert.equal((await phone.get("/espace")).headers.location, "/connexion");
  });
});
