// Requests to join, end to end over HTTP against a real OpenID provider: the unknown agent asks for access
// (form with an error, then sent, then completed without a duplicate), the coordination sees the count and
// the queue, accepts with an explicit role — the agent then signs in — or refuses with a reason.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { followProvider, startOidcProvider, type TestAccount, type TestOidcProvider } from "../../../../test/support/oidc-provider.ts";
import { listAudit } from "../../audit/audit.repository.ts";
import { signIn } from "../../places/admin/place-admin.test-support.ts";
import { SESSION_COOKIE } from "../auth.ts";
import { savePending } from "./join-requests.repository.ts";
import { JOIN_COOKIE, JOIN_PATH, JOIN_SENT_PATH } from "./join-requests.ts";

const ORIGIN = "http://localhost:3000";
const SIRET = "21470001200019";
const AGENT: TestAccount = { sub: "pc-agent-duras", email: "agent.accueil@mairie-duras.example", given_name: "Lucie", usual_name: "Marty", uid: "lm47", siret: SIRET };
const COORDINATION = "coordination@declic47.example";

function text(body: string): string {
  return body.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}

async function signInWith(visitor: Visitor, oidc: TestOidcProvider, account: TestAccount, acr = "eidas1") {
  oidc.next = { account, acr };
  const start = await visitor.get("/connexion/proconnect");
  return visitor.get(await followProvider(String(start.headers.location), ORIGIN));
}

describe("requests to join through ProConnect", () => {
  let t: TestApp;
  let oidc: TestOidcProvider;
  let structure: { id: string; name: string };

  before(async () => {
    oidc = await startOidcProvider({ redirectOrigin: ORIGIN, accounts: [AGENT] });
    t = await startTestApp({
      template: "demo",
      env: { PROCONNECT_ISSUER: oidc.issuer, PROCONNECT_CLIENT_ID: oidc.clientId, PROCONNECT_CLIENT_SECRET: oidc.clientSecret, PROCONNECT_ACR: "eidas1,eidas2", SECOND_FACTOR_ROLES: "advisor" },
    });
    structure = await t.handle.db.updateTable("structures").set({ siret: SIRET }).where("name", "=", "Association Clic et Lien").returning(["id", "name"]).executeTakeFirstOrThrow();
  });
  after(async () => {
    await t.close();
    await oidc.close();
  });

  const requestsOf = (sub: string) => t.handle.db.selectFrom("join_requests").selectAll().where("sub", "=", sub).execute();

  test("the unknown agent asks for access: the role is required, the message kept; nothing is granted; sending again does not duplicate", async () => {
    const agent = new Visitor(t.app);
    const page = await signInWith(agent, oidc, AGENT);
    assert.equal(page.statusCode, 403);
    assert.match(text(page.body), /Demander l'accès/);
    assert.ok(text(page.body).includes(structure.name), "the structure of the SIRET is named");
    assert.ok(agent.jar[JOIN_COOKIE], "the verified identity waits in a signed cookie");

    const missingRole = await agent.post(JOIN_PATH, { message: "Accueil de la mairie de Duras" });
    assert.equal(missingRole.statusCode, 400);
    assert.match(text(missingRole.body), /Indiquez votre rôle, ou « Je ne sais pas »/);
    assert.match(text(missingRole.body), /<textarea[^>]*>Accueil de la mairie de Duras<\/textarea>/);
    assert.equal((await requestsOf(AGENT.sub)).length, 0);

    const sent = await agent.post(JOIN_PATH, { role: "commune_agent", message: "Accueil de la mairie de Duras" });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, JOIN_SENT_PATH);
    const confirmation = await agent.get(JOIN_SENT_PATH);
    assert.equal(confirmation.statusCode, 200);
    assert.match(text(confirmation.body), /Votre demande d'accès est envoyée/);
    assert.ok(confirmation.body.includes(AGENT.email), "the page says where the answer will be sent");

    const [stored] = await requestsOf(AGENT.sub);
    assert.equal(stored?.status, "pending");
    assert.deepEqual(
      [stored?.email, stored?.given_name, stored?.usual_name, stored?.siret, stored?.uid, stored?.proposed_structure_id, stored?.requested_role],
      [AGENT.email, "Lucie", "Marty", SIRET, "lm47", structure.id, "commune_agent"],
    );
    assert.equal(await t.handle.db.selectFrom("users").select("id").where("email", "=", AGENT.email).executeTakeFirst(), undefined, "no account");
    assert.equal(await t.handle.db.selectFrom("proconnect_links").select("sub").where("sub", "=", AGENT.sub).executeTakeFirst(), undefined, "no link");

    const notices = () =>
      t.handle.db.selectFrom("outbox").select(["recipient", "body_text"]).where("subject", "=", "Nouvelle demande d'accès à déClic47").orderBy("recipient").execute();
    const told = await notices();
    assert.ok(told.some((m) => m.recipient === COORDINATION), "the coordination is told by e-mail");
    assert.ok(told.every((m) => m.body_text.includes("Lucie Marty <agent.accueil@mairie-duras.example> (Association Clic et Lien)")));
    assert.ok(told.every((m) => m.body_text.includes(`/reseau/demandes-acces/${stored?.id}`)));

    const again = new Visitor(t.app);
    const second = await signInWith(again, oidc, AGENT);
    assert.match(text(second.body), /Votre demande est déjà envoyée/);
    assert.match(second.body, /value="commune_agent" checked/);
    assert.equal((await again.post(JOIN_PATH, { role: "advisor", message: "Je suis conseillère numérique" })).statusCode, 303);
    const all = await requestsOf(AGENT.sub);
    assert.equal(all.length, 1, "one pending request per ProConnect identity");
    assert.equal(all[0]?.requested_role, "advisor");
    assert.equal(all[0]?.created_at.getTime(), stored?.created_at.getTime(), "it keeps its place in the queue");
    assert.equal((await notices()).length, told.length, "completing the request does not announce it again");
  });

  test("without the identity cookie (expired or never given) the request is not accepted", async () => {
    const stranger = new Visitor(t.app);
    await stranger.get("/connexion");
    const response = await stranger.post(JOIN_PATH, { role: "advisor" });
    assert.equal(response.statusCode, 400);
    assert.match(text(response.body), /Identifiez-vous de nouveau avec ProConnect/);
  });

  test("the coordination sees the count and the queue by waiting time, must choose the role, accepts; the agent then signs in", async () => {
    const now = t.clock.now;
    await savePending(
      t.handle.db,
      { sub: "pc-older", email: "ancien@cdg47.example", givenName: "Paul", usualName: "Ancien", siret: null, uid: null, proposedStructureId: null, requestedRole: null, message: null },
      new Date(now.getTime() - 3 * 86_400_000 - 60_000),
    );
    const coordinator = await signIn(t, COORDINATION);
    assert.match(text((await coordinator.get("/reseau")).body), /2 demandes en attente de réponse/);
    const queue = await coordinator.get("/reseau/demandes-acces");
    assert.equal(queue.statusCode, 200);
    const names = [...queue.body.matchAll(/<a href="\/reseau\/demandes-acces\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(names, ["Paul Ancien", "Lucie Marty"], "the longest waiting first");
    assert.match(queue.body, /data-days="3">3 jours</);

    const [request] = await requestsOf(AGENT.sub);
    const url = `/reseau/demandes-acces/${request!.id}`;
    const page = await coordinator.get(url);
    assert.match(page.body, new RegExp(`<option value="${structure.id}" selected>`), "the structure of the SIRET is pre-selected");
    assert.doesNotMatch(page.body, /name="role" value="[a-z_]+" checked/, "no role is chosen in advance");
    assert.doesNotMatch(page.body, /value="admin"/, "a coordinator cannot make an admin");

    const noRole = await coordinator.post(`${url}/accepter`, { structure_id: structure.id });
    assert.equal(noRole.statusCode, 400);
    assert.match(text(noRole.body), /Choisissez le rôle à donner à cette personne/);
    const noStructure = await coordinator.post(`${url}/accepter`, { role: "advisor", structure_id: "" });
    assert.equal(noStructure.statusCode, 400);
    assert.match(text(noStructure.body), /Choisissez la structure/);
    assert.match(noStructure.body, /value="advisor" checked/, "the choice is kept");

    const accepted = await coordinator.post(`${url}/accepter`, { role: "advisor", structure_id: structure.id });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `${url}?message=acceptee`);
    const user = await t.handle.db.selectFrom("users").select(["id", "first_name", "last_name"]).where("email", "=", AGENT.email).executeTakeFirstOrThrow();
    assert.deepEqual([user.first_name, user.last_name], ["Lucie", "Marty"]);
    const roles = await t.handle.db.selectFrom("role_assignments").select(["role", "structure_id"]).where("user_id", "=", user.id).execute();
    assert.deepEqual(roles, [{ role: "advisor", structure_id: structure.id }]);
    const advisors = await t.handle.db.selectFrom("advisors").select(["structure_id", "first_name", "last_name", "email", "active"]).where("user_id", "=", user.id).execute();
    assert.deepEqual(advisors, [{ structure_id: structure.id, first_name: "Lucie", last_name: "Marty", email: AGENT.email, active: true }], "an advisor of the structure: agenda and reports work");
    const link = await t.handle.db.selectFrom("proconnect_links").select("user_id").where("sub", "=", AGENT.sub).executeTakeFirst();
    assert.equal(link?.user_id, user.id);
    assert.equal((await listAudit(t.handle.db, { action: "join_request.accepted" })).length, 1);
    const mail = await t.handle.db.selectFrom("outbox").select(["subject", "body_text"]).where("recipient", "=", AGENT.email).execute();
    assert.equal(mail.length, 1);
    assert.match(mail[0]!.subject ?? "", /Votre accès à .* est ouvert/);
    assert.match(mail[0]!.body_text, /Conseiller ou conseillère numérique pour Association Clic et Lien/);

    assert.match(text((await coordinator.get(`${url}?message=acceptee`)).body), /La demande est acceptée/);
    const twice = await coordinator.post(`${url}/accepter`, { role: "admin", structure_id: "" });
    assert.equal(twice.headers.location, `${url}?message=deja-traitee`);

    const agent = new Visitor(t.app);
    const signedIn = await signInWith(agent, oidc, AGENT);
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, "/connexion/second-facteur", "an advisor signing in with eidas1 still owes the second factor");
    assert.ok(agent.jar[SESSION_COOKIE]);
    const strong = new Visitor(t.app);
    assert.equal((await signInWith(strong, oidc, AGENT, "eidas2")).headers.location, "/espace");
  });

  test("refusing needs a reason, which is e-mailed; the decided request moves to the history", async () => {
    const coordinator = await signIn(t, COORDINATION);
    const [older] = await requestsOf("pc-older");
    const url = `/reseau/demandes-acces/${older!.id}`;
    await coordinator.get(url);
    const empty = await coordinator.post(`${url}/refuser`, { reason: "  " });
    assert.equal(empty.statusCode, 400);
    assert.match(text(empty.body), /Indiquez la raison du refus/);
    const refused = await coordinator.post(`${url}/refuser`, { reason: "Votre structure ne fait pas partie du réseau." });
    assert.equal(refused.headers.location, `${url}?message=refusee`);
    const mail = await t.handle.db.selectFrom("outbox").select("body_text").where("recipient", "=", "ancien@cdg47.example").executeTakeFirstOrThrow();
    assert.match(mail.body_text, /Raison donnée : Votre structure ne fait pas partie du réseau\./);
    assert.equal(await t.handle.db.selectFrom("users").select("id").where("email", "=", "ancien@cdg47.example").executeTakeFirst(), undefined);

    const history = text((await coordinator.get("/reseau/demandes-acces?etat=traitees")).body);
    assert.match(history, /Paul Ancien/);
    assert.match(history, /Refusée/);
    assert.match(history, /Acceptée : Conseiller ou conseillère numérique, Association Clic et Lien/);
    assert.match(text((await coordinator.get("/reseau/demandes-acces")).body), /Aucune demande n'attend de réponse/);
  });

  test("accepting links an existing account with the same e-mail instead of creating another", async () => {
    const existing = await t.handle.db.selectFrom("users").select("id").where("email", "=", "mairie.duras@declic47.example").executeTakeFirstOrThrow();
    const { id } = await savePending(
      t.handle.db,
      { sub: "pc-duras", email: "mairie.duras@declic47.example", givenName: "Agent", usualName: "Duras", siret: null, uid: null, proposedStructureId: null, requestedRole: null, message: null },
      t.clock.now,
    );
    const admin = await signIn(t, "admin@declic47.example");
    await admin.get(`/reseau/demandes-acces/${id}`);
    const accepted = await admin.post(`/reseau/demandes-acces/${id}/accepter`, { role: "state_reader", structure_id: "" });
    assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 400));
    const same = await t.handle.db.selectFrom("users").select("id").where("email", "=", "mairie.duras@declic47.example").execute();
    assert.deepEqual(same, [{ id: existing.id }]);
    const roles = await t.handle.db.selectFrom("role_assignments").select("role").where("user_id", "=", existing.id).execute();
    assert.ok(roles.some((r) => r.role === "state_reader") && roles.some((r) => r.role === "commune_agent"), "the role is added to the ones it had");
    const link = await t.handle.db.selectFrom("proconnect_links").select("user_id").where("sub", "=", "pc-duras").executeTakeFirst();
    assert.equal(link?.user_id, existing.id);
  });

  test("the queue is paginated, 20 a page", async () => {
    for (let i = 0; i < 23; i++) {
      const n = String(i).padStart(2, "0");
      await savePending(
        t.handle.db,
        { sub: `pc-bulk-${n}`, email: `agent${n}@bulk.example`, givenName: "Agent", usualName: `N${n}`, siret: null, uid: null, proposedStructureId: null, requestedRole: null, message: null },
        new Date(t.clock.now.getTime() - (30 - i) * 3_600_000),
      );
    }
    const coordinator = await signIn(t, COORDINATION);
    const first = await coordinator.get("/reseau/demandes-acces");
    const rows = (body: string) => [...body.matchAll(/<a href="\/reseau\/demandes-acces\/[0-9a-f-]{36}">Agent (N\d+)<\/a>/g)].map((m) => m[1]);
    assert.equal(rows(first.body).length, 20);
    assert.equal(rows(first.body)[0], "N00");
    assert.match(first.body, /Page 1 sur 2/);
    const second = await coordinator.get("/reseau/demandes-acces?page=2");
    assert.deepEqual(rows(second.body), ["N20", "N21", "N22"]);
  });
});
