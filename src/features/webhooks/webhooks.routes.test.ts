import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { signedWith, startWebhookReceiver, type WebhookReceiver } from "../../../test/support/webhook-receiver.ts";
import { drainWebhooks } from "../../jobs/webhook-worker.ts";
import { postForm, signIn } from "../places/admin/place-admin.test-support.ts";

const ADMIN = "admin@declic47.example";
const COORDINATOR = "coordination@declic47.example";

function secretOn(html: string): string {
  const secret = /id="secret" type="text" readonly value="(whsec_[^"]+)"/.exec(html)?.[1];
  assert.ok(secret, "the secret is on the page");
  return secret;
}

describe("the webhooks back office", () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-12-06T10:00:00Z") });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });
  const deliver = () => drainWebhooks(t.handle.db, { ...t.config.webhooks, timeoutMs: 15_000 }, () => t.clock.now);

  test("a wrong form comes back with French errors next to the fields and what was typed", async () => {
    const admin = await signIn(t, ADMIN);
    await admin.get("/admin/webhooks/nouveau");
    const wrong = await postForm(t, admin, "/admin/webhooks/nouveau", [
      ["name", " "],
      ["url", "http://partenaire.example/hooks"],
    ]);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /<title>Erreur : /);
    assert.match(wrong.body, /Donnez un nom à l&#39;abonné/);
    assert.match(wrong.body, /L&#39;adresse doit commencer par https:\/\//);
    assert.match(wrong.body, /Cochez au moins un événement/);
    assert.match(wrong.body, /value="http:\/\/partenaire.example\/hooks"/);
    assert.equal(await t.handle.db.selectFrom("webhook_endpoints").select("id").executeTakeFirst(), undefined);
  });

  test("a coordinator adds a subscriber, sees its secret once, sends a test, reads the log, rotates the secret and removes it", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/admin/webhooks/nouveau");
    const created = await postForm(t, coordinator, "/admin/webhooks/nouveau", [
      ["name", "CAF : logiciel d'orientation"],
      ["url", receiver.url("/caf")],
      ["events", "appointment.created"],
      ["events", "commune_request.status_changed"],
    ]);
    assert.equal(created.statusCode, 200);
    assert.equal(created.headers["cache-control"], "no-store");
    const secret = secretOn(created.body);
    const endpoint = await t.handle.db.selectFrom("webhook_endpoints").select(["id", "events"]).executeTakeFirstOrThrow();
    assert.deepEqual(endpoint.events, ["appointment.created", "commune_request.status_changed"]);

    const list = await coordinator.get("/admin/webhooks");
    assert.match(list.body, /CAF : logiciel d&#39;orientation/);
    assert.match(list.body, /Rendez-vous pris, Demande de commune : changement d&#39;état/);
    assert.ok(!list.body.includes(secret), "the secret is never shown again");

    await coordinator.get(`/admin/webhooks/${endpoint.id}`);
    const test = await coordinator.post(`/admin/webhooks/${endpoint.id}/test`, {});
    assert.equal(test.statusCode, 303);
    assert.equal(test.headers.location, `/admin/webhooks/${endpoint.id}?message=test`);
    await deliver();
    const hit = receiver.received.at(-1)!;
    assert.equal(hit.path, "/caf");
    assert.ok(signedWith(secret, hit.headers, hit.body), "the partner verifies the test with the secret it was given");
    assert.deepEqual(JSON.parse(hit.body).data, { endpoint_id: endpoint.id });

    const page = await coordinator.get(`/admin/webhooks/${endpoint.id}?message=test`);
    assert.ok(!page.body.includes(secret));
    assert.match(page.body, /Un événement de test part vers l&#39;abonné/);
    assert.match(page.body, /<td>Test<span class="meta"> msg_/);
    assert.match(page.body, /<td>Livré<\/td>\s*<td>1<\/td>/);
    assert.match(page.body, /réponse 200 en \d+ ms/);

    const rotated = await coordinator.post(`/admin/webhooks/${endpoint.id}/secret`, {});
    assert.equal(rotated.headers["cache-control"], "no-store");
    assert.match(rotated.body, /Pendant 24 heures, chaque envoi porte deux signatures/);
    const fresh = secretOn(rotated.body);
    assert.notEqual(fresh, secret);
    assert.match((await coordinator.get(`/admin/webhooks/${endpoint.id}`)).body, /l&#39;ancien secret signe aussi jusqu&#39;au/);
    await coordinator.post(`/admin/webhooks/${endpoint.id}/test`, {});
    await deliver();
    const after = receiver.received.at(-1)!;
    assert.ok(signedWith(fresh, after.headers, after.body) && signedWith(secret, after.headers, after.body), "both secrets verify during the grace period");

    const confirm = await coordinator.get(`/admin/webhooks/${endpoint.id}/supprimer`);
    assert.match(confirm.body, /Supprimer l&#39;abonné « CAF : logiciel d&#39;orientation » \?/);
    const removed = await coordinator.post(`/admin/webhooks/${endpoint.id}/supprimer`, {});
    assert.equal(removed.headers.location, "/admin/webhooks?message=supprime");
    assert.equal((await coordinator.get(`/admin/webhooks/${endpoint.id}`)).statusCode, 404);
    const actions = await t.handle.db.selectFrom("audit_log").select("action").where("subject_id", "=", endpoint.id).orderBy("at").orderBy("id").execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ["webhook.created", "webhook.secret_rotated", "webhook.deleted"],
    );
  });

  test("only admins and coordinators reach the pages; guessed ids answer 404", async () => {
    const admin = await signIn(t, ADMIN);
    await admin.get("/admin/webhooks/nouveau");
    await postForm(t, admin, "/admin/webhooks/nouveau", [
      ["name", "Département"],
      ["url", "https://departement.example/hooks"],
      ["events", "appointment.cancelled"],
    ]);
    const { id } = await t.handle.db.selectFrom("webhook_endpoints").select("id").where("name", "=", "Département").executeTakeFirstOrThrow();
    const pages = ["/admin/webhooks", "/admin/webhooks/nouveau", `/admin/webhooks/${id}`, `/admin/webhooks/${id}/supprimer`];
    const roles: [string, number][] = [
      [ADMIN, 200],
      [COORDINATOR, 200],
      ["prefecture@declic47.example", 403],
      ["isabelle.petit@declic47.example", 403],
      ["caf@declic47.example", 403],
    ];
    for (const [email, status] of roles) {
      const visitor = await signIn(t, email);
      for (const path of pages) assert.equal((await visitor.get(path)).statusCode, status, `${email} GET ${path}`);
      await visitor.get("/");
      const posts: [string, number][] =
        status === 200
          ? [
              ["test", 303],
              ["secret", 200],
            ]
          : [
              ["test", 403],
              ["secret", 403],
              ["supprimer", 403],
            ];
      for (const [action, expected] of posts) {
        assert.equal((await visitor.post(`/admin/webhooks/${id}/${action}`, {})).statusCode, expected, `${email} POST ${action}`);
        await visitor.get("/");
      }
    }
    assert.ok(await t.handle.db.selectFrom("webhook_endpoints").select("id").where("id", "=", id).executeTakeFirst(), "nobody else removed it");
    const anonymous = await t.app.inject({ url: "/admin/webhooks", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
    const admin2 = await signIn(t, ADMIN);
    assert.equal((await admin2.get(`/admin/webhooks/${randomUUID()}`)).statusCode, 404);
    assert.equal((await admin2.get("/admin/webhooks/42/supprimer")).statusCode, 404);
  });
});
