import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { completeSecondFactor } from "../../../test/support/second-factor.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import { enqueueMessage } from "./outbox.repository.ts";

async function signIn(t: TestApp, email: string): Promise<Visitor> {
  const visitor = new Visitor(t.app, `10.2.${email.length}.1`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, "demo mode shows the link");
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  return visitor;
}

describe("the admin mail viewer", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "bare", demo: true });
    const admin = await insertUser(t.handle.db, { email: "admin@example.fr", firstName: "Ada", lastName: "Admin" });
    await addRole(t.handle.db, admin, "admin", null);
    const coordinator = await insertUser(t.handle.db, { email: "coord@example.fr", firstName: "Coco", lastName: "Ordi" });
    await addRole(t.handle.db, coordinator, "coordinator", null);
    for (let i = 0; i < 55; i++) {
      await enqueueMessage(t.handle.db, {
        idempotencyKey: `test-${i}`,
        channel: "email",
        recipient: i === 0 ? "marie@example.fr" : `personne${i}@example.fr`,
        subject: `Message ${i}`,
        text: `Bonjour ${i}`,
        notBefore: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    }
  });
  after(() => t.close());

  test("an admin reads the kept e-mails, newest first, 50 per page", async () => {
    const admin = await signIn(t, "admin@example.fr");
    const page1 = await admin.get("/admin/courriels");
    assert.equal(page1.statusCode, 200);
    assert.match(page1.body, /conservés ici au lieu d'être envoyés|conservés ici/);
    assert.ok(page1.body.indexOf("Message 54") < page1.body.indexOf("Message 53"));
    assert.match(page1.body, /Page 1 sur 2/);
    const page2 = await admin.get("/admin/courriels?page=2");
    assert.match(page2.body, /Message 0</);
  });

  test("the list can be filtered by recipient and a message opened", async () => {
    const admin = await signIn(t, "admin@example.fr");
    const filtered = await admin.get("/admin/courriels?destinataire=marie");
    assert.match(filtered.body, /1 courriel</);
    const id = /href="\/admin\/courriels\/(\d+)"/.exec(filtered.body)?.[1];
    const detail = await admin.get(`/admin/courriels/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Bonjour 0/);
  });

  test("other roles are refused and anonymous visitors are sent to sign in", async () => {
    const coordinator = await signIn(t, "coord@example.fr");
    assert.equal((await coordinator.get("/admin/courriels")).statusCode, 403);
    const anonymous = await t.app.inject({ url: "/admin/courriels", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
  });
});
