import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { addRole, insertStructure, insertUser } from "../organisation/organisation.repository.ts";
import { postForm, signIn } from "../places/admin/place-admin.test-support.ts";
import { recordRequestStatus } from "./request-status.service.ts";
import { COORDINATOR, DURAS_AGENT, insertRequestRow, mailsTo, NERAC_AGENT, NERAC_MANAGER, NOW, neracRequestFields, placeId, userId } from "./requests.test-support.ts";

describe("commune requests: filing, the queue, the thread and status changes", () => {
  let t: TestApp;
  let requestId: string;

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    // The demo's own requests would crowd the queue: these tests start from none.
    await t.handle.db.deleteFrom("commune_requests").execute();
  });
  after(() => t.close());

  test("the Nérac agent sees the form with the commune fixed and their own name and address as contact", async () => {
    const agent = await signIn(t, NERAC_AGENT);
    const form = await agent.get("/demandes/nouvelle");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Commune : <strong>Nérac<\/strong>/);
    assert.doesNotMatch(form.body, /name="commune"/);
    assert.match(form.body, /name="contact_email"[^>]*value="mairie\.nerac@declic47\.example"|value="mairie\.nerac@declic47\.example"[^>]*name="contact_email"/);
    assert.match(form.body, /Mairie de Nérac \(Nérac\)/);
    assert.doesNotMatch(form.body, /Mairie d'Agen/, "only the commune's places are proposed");
  });

  test("an incomplete request comes back with French errors beside the fields and the input kept", async () => {
    const agent = await signIn(t, NERAC_AGENT);
    await agent.get("/demandes/nouvelle");
    const response = await postForm(t, agent, "/demandes/nouvelle", await neracRequestFields(t, { kind: "", details: "", end_time: "08:00" }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Il y a 3 erreurs/);
    assert.match(response.body, /Choisissez ce que vous demandez/);
    assert.match(response.body, /Décrivez votre demande/);
    assert.match(response.body, /L&#39;heure de fin doit être après l&#39;heure de début/);
    assert.match(response.body, /value="Sylvie Laborde"/);
    assert.match(response.body, /value="accueil@mairie-nerac.example"/);
    assert.equal(Number((await t.handle.db.selectFrom("commune_requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n), 0);
  });

  test("a complete request is filed, the coordination is told by e-mail and the agent lands on its page", async () => {
    const agent = await signIn(t, NERAC_AGENT);
    await agent.get("/demandes/nouvelle");
    const response = await postForm(t, agent, "/demandes/nouvelle", await neracRequestFields(t));
    assert.equal(response.statusCode, 303);
    const location = String(response.headers.location);
    assert.match(location, /^\/demandes\/[0-9a-f-]{36}\?message=envoyee$/);
    requestId = location.slice("/demandes/".length, location.indexOf("?"));
    const stored = await t.handle.db.selectFrom("commune_requests").selectAll().where("id", "=", requestId).executeTakeFirstOrThrow();
    assert.equal(stored.status, "new");
    assert.equal(stored.commune_code, "47195");
    assert.equal(stored.channel, "online");
    assert.deepEqual(stored.weekdays, [2]);
    assert.equal(stored.place_id, await placeId(t, "Mairie de Nérac"));
    const mails = await mailsTo(t, COORDINATOR);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject ?? "", /Nouvelle demande de Nérac/);
    assert.match(mails[0]!.body_text, new RegExp(`/demandes/${requestId}`));
    assert.equal((await mailsTo(t, NERAC_AGENT)).length, 0, "the agent who filed is not mailed");
    const page = await agent.get(location);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Votre demande est envoyée/);
    assert.match(page.body, /Nouvelle/);
    assert.match(page.body, /a déposé la demande en ligne/);
  });

  test("the coordination's queue shows the request with its age in days, oldest waiting first", async () => {
    const older = await insertRequestRow(t, { communeCode: "47086", structureSlug: "commune-de-duras", createdAt: new Date("2026-11-08T09:00:00Z") });
    const coordinator = await signIn(t, COORDINATOR);
    t.clock.now = new Date("2026-11-23T10:00:00Z");
    const queue = await coordinator.get("/demandes");
    assert.equal(queue.statusCode, 200);
    const duras = queue.body.indexOf(`/demandes/${older}`);
    const nerac = queue.body.indexOf(`/demandes/${requestId}`);
    assert.ok(duras > 0 && nerac > duras, "the request waiting longest comes first");
    assert.match(queue.body, /En attente depuis 15 jours/);
    assert.match(queue.body, /En attente depuis 3 jours/);
    assert.match(queue.body, /2 nouvelles demandes/);
    const filtered = await coordinator.get("/demandes?statut=toutes&commune=47086");
    assert.ok(!filtered.body.includes(`/demandes/${requestId}`));
    await t.handle.db.deleteFrom("commune_requests").where("id", "=", older).execute();
    t.clock.now = NOW;
  });

  test("an empty queue says so", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    const page = await coordinator.get("/demandes?statut=refusee");
    assert.match(page.body, /Aucune demande ne correspond à ces filtres/);
  });

  test("a refusal without a reason is refused beside the field; studying the request tells the commune", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get(`/demandes/${requestId}`);
    const empty = await postForm(t, coordinator, `/demandes/${requestId}/statut`, [
      ["statut", "refusee"],
      ["motif", ""],
    ]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Indiquez le motif du refus/);
    assert.equal((await t.handle.db.selectFrom("commune_requests").select("status").where("id", "=", requestId).executeTakeFirstOrThrow()).status, "new");

    const review = await postForm(t, coordinator, `/demandes/${requestId}/statut`, [["statut", "en-etude"]]);
    assert.equal(review.statusCode, 303);
    const stored = await t.handle.db.selectFrom("commune_requests").select(["status", "answered_at", "assigned_user_id"]).where("id", "=", requestId).executeTakeFirstOrThrow();
    assert.equal(stored.status, "in_review");
    assert.ok(stored.answered_at, "the first answer is dated");
    assert.ok(stored.assigned_user_id, "the coordinator follows the request");
    for (const address of ["accueil@mairie-nerac.example", NERAC_AGENT]) {
      const mails = await mailsTo(t, address);
      assert.equal(mails.length, 1, address);
      assert.match(mails[0]!.body_text, /est à l'étude/);
    }
    const audit = await t.handle.db.selectFrom("audit_log").select("details").where("action", "=", "commune_request.status").where("subject_id", "=", requestId).execute();
    assert.equal(audit.length, 1);
  });

  test("messages go both ways, each e-mailed to the other side; an empty one is refused", async () => {
    const agent = await signIn(t, NERAC_AGENT);
    await agent.get(`/demandes/${requestId}`);
    const empty = await postForm(t, agent, `/demandes/${requestId}/messages`, [["message", "   "]]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Écrivez votre message/);
    const sent = await postForm(t, agent, `/demandes/${requestId}/messages`, [["message", "La salle du conseil est libre le mardi matin."]]);
    assert.equal(sent.statusCode, 303);
    const toCoordination = await mailsTo(t, COORDINATOR);
    assert.match(toCoordination.at(-1)!.body_text, /> La salle du conseil est libre le mardi matin\./);

    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get(`/demandes/${requestId}`);
    await postForm(t, coordinator, `/demandes/${requestId}/messages`, [["message", "Merci, nous regardons les disponibilités."]]);
    assert.match((await mailsTo(t, NERAC_AGENT)).at(-1)!.body_text, /Merci, nous regardons/);
    const page = await agent.get(`/demandes/${requestId}`);
    assert.ok(page.body.indexOf("La salle du conseil") < page.body.indexOf("Merci, nous regardons"), "the thread is in order");
  });

  test("another commune's agent gets 404, the Nérac manager reads without acting, a partner gets 403", async () => {
    const duras = await signIn(t, DURAS_AGENT);
    assert.equal((await duras.get(`/demandes/${requestId}`)).statusCode, 404);
    const list = await duras.get("/demandes");
    assert.ok(!list.body.includes(requestId));
    const manager = await signIn(t, NERAC_MANAGER);
    const page = await manager.get(`/demandes/${requestId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Envoyer le message/);
    assert.equal((await postForm(t, manager, `/demandes/${requestId}/messages`, [["message", "Bonjour"]])).statusCode, 403);
    const caf = await signIn(t, "caf@declic47.example");
    assert.equal((await caf.get("/demandes")).statusCode, 403);
  });

  test("the commune cannot accept its own request, nor move it but to withdraw it", async () => {
    const agent = await signIn(t, NERAC_AGENT);
    await agent.get(`/demandes/${requestId}`);
    const review = await postForm(t, agent, `/demandes/${requestId}/statut`, [["statut", "acceptee"]]);
    assert.equal(review.statusCode, 400);
    assert.equal((await agent.get(`/demandes/${requestId}/accepter`)).statusCode, 403);
  });

  test("a refusal with its reason reaches the commune, and the coordination can reopen it", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get(`/demandes/${requestId}`);
    const refused = await postForm(t, coordinator, `/demandes/${requestId}/statut`, [
      ["statut", "refusee"],
      ["motif", "Aucun conseiller n'est disponible le mardi avant l'été."],
    ]);
    assert.equal(refused.statusCode, 303);
    assert.match((await mailsTo(t, NERAC_AGENT)).at(-1)!.body_text, /Motif : Aucun conseiller n'est disponible/);
    const page = await coordinator.get(`/demandes/${requestId}`);
    assert.match(page.body, /Motif du refus/);
    assert.match(page.body, /Rouvrir la demande/);
    await postForm(t, coordinator, `/demandes/${requestId}/statut`, [["statut", "en-etude"]]);
    assert.match((await mailsTo(t, NERAC_AGENT)).at(-1)!.body_text, /de nouveau à l'étude/);
  });

  test("the commune may withdraw a request that waits; the coordination is told", async () => {
    const other = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac", kind: "intervention" });
    const agent = await signIn(t, NERAC_AGENT);
    await agent.get(`/demandes/${other}`);
    const before = (await mailsTo(t, COORDINATOR)).length;
    const withdrawn = await postForm(t, agent, `/demandes/${other}/statut`, [
      ["statut", "cloturee"],
      ["note", "Le forum est annulé."],
    ]);
    assert.equal(withdrawn.statusCode, 303);
    const mails = await mailsTo(t, COORDINATOR);
    assert.equal(mails.length, before + 1);
    assert.match(mails.at(-1)!.body_text, /a retiré sa demande[\s\S]*Le forum est annulé/);
  });

  test("an agent of a structure without a commune names the commune, checked like the coordination's", async () => {
    const structure = await insertStructure(t.handle.db, { slug: "syndicat-numerique", name: "Syndicat numérique", kind: "epci", siret: null, commune_code: null, epci_code: null });
    const user = await insertUser(t.handle.db, { email: "agent.syndicat@exemple.fr", firstName: "Léa", lastName: "Castéra" });
    await addRole(t.handle.db, user, "commune_agent", structure);
    const agent = await signIn(t, "agent.syndicat@exemple.fr");
    const form = await agent.get("/demandes/nouvelle");
    assert.match(form.body, /name="commune"/);
    const missing = await postForm(t, agent, "/demandes/nouvelle", await neracRequestFields(t, { place_id: "" }));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Indiquez la commune qui fait la demande/);
    const filed = await postForm(t, agent, "/demandes/nouvelle", await neracRequestFields(t, { place_id: "", commune: "Nérac" }));
    assert.equal(filed.statusCode, 303);
    const id = String(filed.headers.location).slice("/demandes/".length).split("?")[0]!;
    const stored = await t.handle.db.selectFrom("commune_requests").select(["commune_code", "structure_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { commune_code: "47195", structure_id: structure });
  });

  test("two decisions at once: the one that read an old status is told the request changed, and writes nothing", async () => {
    const other = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac" });
    const stale = await t.handle.db
      .selectFrom("commune_requests as r")
      .innerJoin("communes as c", "c.code", "r.commune_code")
      .selectAll("r")
      .select("c.name as commune_name")
      .where("r.id", "=", other)
      .executeTakeFirstOrThrow();
    await t.handle.db.updateTable("commune_requests").set({ status: "in_review" }).where("id", "=", other).execute();
    const actor = { userId: await userId(t, COORDINATOR), name: "Camille Coordination", email: COORDINATOR };
    const result = await t.handle.db
      .transaction()
      .execute((trx) => recordRequestStatus(trx, { request: stale, to: "refused", side: "coordination", actor, reason: "Trop tard.", at: NOW }, { brandName: "déClic47", publicUrl: "http://localhost:3000" }));
    assert.deepEqual(result, { ok: false, error: "La demande a changé entre-temps : rechargez la page pour voir son état actuel." });
    const events = await t.handle.db.selectFrom("commune_request_events").select("kind").where("request_id", "=", other).execute();
    assert.deepEqual(events.map((e) => e.kind), ["created"]);
  });
});
