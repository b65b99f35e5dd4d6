import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { completeSecondFactor } from "../../../test/support/second-factor.ts";
import { drainOutbox } from "../../jobs/outbox-worker.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import { createDatabaseMailTransport } from "../outbox/mail-transport.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { createDatabaseSmsTransport } from "../outbox/sms-transport.ts";

async function signIn(t: TestApp, email: string): Promise<Visitor> {
  const visitor = new Visitor(t.app, `10.3.${email.length}.1`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, "demo mode shows the link");
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  return visitor;
}

describe("the admin SMS viewer", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "bare", demo: true });
    const admin = await insertUser(t.handle.db, { email: "admin@example.fr", firstName: "Ada", lastName: "Admin" });
    await addRole(t.handle.db, admin, "admin", null);
    const coordinator = await insertUser(t.handle.db, { email: "coord@example.fr", firstName: "Coco", lastName: "Ordi" });
    await addRole(t.handle.db, coordinator, "coordinator", null);
    const at = new Date("2030-06-10T10:00:00Z");
    await enqueueMessage(t.handle.db, { idempotencyKey: "s1", channel: "sms", recipient: "+33612345678", text: "déClic47 : rappel, rendez-vous jeudi", notBefore: at });
    await enqueueMessage(t.handle.db, { idempotencyKey: "s2", channel: "sms", recipient: "+33798765432", text: "déClic47 : rendez-vous confirmé", notBefore: at });
    await drainOutbox(t.handle.db, { email: createDatabaseMailTransport(() => {}), sms: createDatabaseSmsTransport(() => {}) }, () => at);
  });
  after(() => t.close());

  test("with no SMS provider an admin reads the kept SMS, and switches between e-mails and SMS", async () => {
    const admin = await signIn(t, "admin@example.fr");
    const page = await admin.get("/admin/sms");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /les SMS sont conservés ici/);
    assert.match(page.body, /2 SMS</);
    assert.match(page.body, /Conservé ici/);
    assert.match(page.body, /<a href="\/admin\/sms" aria-current="page">/);
    const mails = await admin.get("/admin/courriels");
    assert.match(mails.body, /<a href="\/admin\/sms">\s*SMS/);
  });

  test("SMS can be found by number written the French way and opened", async () => {
    const admin = await signIn(t, "admin@example.fr");
    const filtered = await admin.get("/admin/sms?destinataire=06%2012%2034");
    assert.match(filtered.body, /1 SMS</);
    const id = /href="\/admin\/sms\/(\d+)"/.exec(filtered.body)?.[1];
    const detail = await admin.get(`/admin/sms/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /rappel, rendez-vous jeudi/);
    assert.equal((await admin.get("/admin/sms/999999")).statusCode, 404);
  });

  test("other roles are refused and anonymous visitors are sent to sign in", async () => {
    const coordinator = await signIn(t, "coord@example.fr");
    assert.equal((await coordinator.get("/admin/sms")).statusCode, 403);
    const anonymous = await t.app.inject({ url: "/admin/sms", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
  });
});
