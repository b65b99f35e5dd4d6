// ProConnect sign-in against a real OpenID Connect provider started here (test/support/oidc-provider.ts):
// success (and the acr that counts as the second factor), wrong nonce, wrong signature, expired or reused
// code, unknown account, cancellation, state problems, provider down, and logout through the provider.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { followProvider, startOidcProvider, type TestAccount, type TestOidcProvider } from "../../../../test/support/oidc-provider.ts";
import { listAudit } from "../../audit/audit.repository.ts";
import { SESSION_COOKIE } from "../auth.ts";
import { FLOW_COOKIE } from "./proconnect.ts";

const ORIGIN = "http://localhost:3000";
const COORDINATOR: TestAccount = { sub: "pc-coordination", email: "coordination@declic47.example", given_name: "Camille", usual_name: "Coord", uid: "u1" };
const ADVISOR: TestAccount = { sub: "pc-justine", email: "justine.sabathier@declic47.example", given_name: "Justine", usual_name: "Sabathier", uid: "u2" };
const STRANGER: TestAccount = { sub: "pc-inconnu", email: "agent.inconnu@mairie.example", given_name: "Agent", usual_name: "Inconnu", uid: "u3", siret: "21470001200019" };

function envFor(oidc: TestOidcProvider, issuer = oidc.issuer): Record<string, string> {
  return { PROCONNECT_ISSUER: issuer, PROCONNECT_CLIENT_ID: oidc.clientId, PROCONNECT_CLIENT_SECRET: oidc.clientSecret, PROCONNECT_ACR: "eidas1,eidas2,eidas3", SECOND_FACTOR_ROLES: "advisor" };
}

/** Starts at our button, goes through the provider, and comes back to our callback (not yet delivered). */
async function throughProvider(visitor: Visitor, oidc: TestOidcProvider, next: TestOidcProvider["next"], options: { tamper?: (url: URL) => void; jar?: Map<string, string> } = {}) {
  oidc.next = next;
  const start = await visitor.get("/connexion/proconnect");
  assert.equal(start.statusCode, 303, start.body.slice(0, 300));
  const url = new URL(String(start.headers.location));
  options.tamper?.(url);
  return { authorizationUrl: url, callback: await followProvider(url.href, ORIGIN, options.jar) };
}

/** The page's text with HTML apostrophes decoded, for matching French messages. */
function text(body: string): string {
  return body.replace(/&#39;/g, "'");
}

async function signInWith(visitor: Visitor, oidc: TestOidcProvider, next: TestOidcProvider["next"], options: { tamper?: (url: URL) => void; jar?: Map<string, string> } = {}) {
  const { callback } = await throughProvider(visitor, oidc, next, options);
  return visitor.get(callback);
}

describe("ProConnect sign-in", () => {
  let t: TestApp;
  let oidc: TestOidcProvider;

  before(async () => {
    oidc = await startOidcProvider({ redirectOrigin: ORIGIN, accounts: [COORDINATOR, ADVISOR, STRANGER] });
    t = await startTestApp({ template: "demo", env: envFor(oidc) });
  });
  after(async () => {
    await t.close();
    await oidc.close();
  });

  test("/connexion offers « S'identifier avec ProConnect »", async () => {
    const page = await new Visitor(t.app).get("/connexion");
    assert.match(text(page.body), /<a href="\/connexion\/proconnect"[^>]*>\s*S'identifier avec ProConnect/);
  });

  test("the authorization request carries PKCE, a long state and nonce, the claims and the acr", async () => {
    const visitor = new Visitor(t.app);
    const start = await visitor.get("/connexion/proconnect");
    const url = new URL(String(start.headers.location));
    assert.equal(url.origin, oidc.issuer);
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
    assert.ok((url.searchParams.get("state") ?? "").length >= 32);
    assert.ok((url.searchParams.get("nonce") ?? "").length >= 32);
    assert.equal(url.searchParams.get("scope"), "openid given_name usual_name email uid siret");
    assert.deepEqual(JSON.parse(url.searchParams.get("claims") ?? "{}").id_token.acr, { essential: true, values: ["eidas1", "eidas2", "eidas3"] });
    assert.ok(visitor.jar[FLOW_COOKIE], "the flow is kept in a cookie");
    assert.doesNotMatch(decodeURIComponent(visitor.jar[FLOW_COOKIE]!), new RegExp(url.searchParams.get("state")!), "the cookie does not show the state in clear… (it is signed, base64url)");
  });

  test("success: a known e-mail is linked, then the account is found by sub even if the e-mail changes", async () => {
    const visitor = new Visitor(t.app);
    const response = await signInWith(visitor, oidc, { account: COORDINATOR, acr: "eidas1" });
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
    assert.equal(response.headers.location, "/espace");
    assert.ok(visitor.jar[SESSION_COOKIE]);
    assert.equal(visitor.jar[FLOW_COOKIE], undefined, "the flow cookie is single-use");
    const space = await visitor.get("/espace");
    assert.equal(space.statusCode, 200);
    assert.match(text(space.body), /coordination@declic47\.example/);

    const link = await t.handle.db.selectFrom("proconnect_links").innerJoin("users", "users.id", "proconnect_links.user_id").select("users.email").where("sub", "=", COORDINATOR.sub).executeTakeFirst();
    assert.equal(link?.email, COORDINATOR.email);
    const linked = await listAudit(t.handle.db, { action: "auth.proconnect_linked" });
    assert.equal(linked.length, 1);

    const again = new Visitor(t.app);
    const renamed = { ...COORDINATOR, email: "c.coord@autre-adresse.example" };
    const second = await signInWith(again, oidc, { account: renamed, acr: "eidas1" });
    assert.equal(second.headers.location, "/espace", "found by sub although no account has the new e-mail");
    const signIns = await listAudit(t.handle.db, { action: "auth.sign_in" });
    assert.ok(signIns.some((e) => (e.details as { method?: string }).method === "proconnect"));
  });

  test("an advisor signing in with eidas1 still owes the second factor; with eidas2 it counts as the second factor", async () => {
    const basic = new Visitor(t.app);
    const first = await signInWith(basic, oidc, { account: ADVISOR, acr: "eidas1" });
    assert.equal(first.headers.location, "/connexion/second-facteur");
    assert.equal((await basic.get("/beneficiaires")).headers.location, "/connexion/second-facteur");

    const strong = new Visitor(t.app);
    const second = await signInWith(strong, oidc, { account: ADVISOR, acr: "eidas2" });
    assert.equal(second.headers.location, "/espace");
    assert.equal((await strong.get("/beneficiaires")).statusCode, 200);
    const row = await t.handle.db
      .selectFrom("sessions")
      .innerJoin("proconnect_sessions", "proconnect_sessions.session_id_hash", "sessions.id_hash")
      .select("sessions.second_factor_at")
      .where("sessions.second_factor_at", "is not", null)
      .executeTakeFirst();
    assert.ok(row?.second_factor_at);
  });

  test("a wrong nonce is refused", async () => {
    const visitor = new Visitor(t.app);
    const response = await signInWith(visitor, oidc, { account: COORDINATOR, acr: "eidas1" }, { tamper: (url) => url.searchParams.set("nonce", "x".repeat(43)) });
    assert.equal(response.statusCode, 400);
    assert.match(text(response.body), /n'a pas pu être vérifiée/);
    assert.equal(visitor.jar[SESSION_COOKIE], undefined);
  });

  test("a code that has expired at the provider, or is used a second time, is refused", async () => {
    const visitor = new Visitor(t.app);
    const { callback } = await throughProvider(visitor, oidc, { account: COORDINATOR, acr: "eidas1" });
    const code = new URL(callback, ORIGIN).searchParams.get("code")!;
    await (await oidc.provider.AuthorizationCode.find(code))?.destroy();
    const expired = await visitor.get(callback);
    assert.equal(expired.statusCode, 400);
    assert.match(text(expired.body), /jeton invalide ou expiré/);
    assert.equal(visitor.jar[SESSION_COOKIE], undefined);

    const replayer = new Visitor(t.app);
    const second = await throughProvider(replayer, oidc, { account: COORDINATOR, acr: "eidas1" });
    const flowCookie = replayer.jar[FLOW_COOKIE]!;
    assert.equal((await replayer.get(second.callback)).headers.location, "/espace");
    const thief = new Visitor(t.app);
    thief.jar[FLOW_COOKIE] = flowCookie;
    const replay = await thief.get(second.callback);
    assert.equal(replay.statusCode, 400);
    assert.equal(thief.jar[SESSION_COOKIE], undefined);
  });

  test("an unknown agent gets a French page, with the structure suggested from the siret, and no session", async () => {
    const structure = await sql<{ name: string }>`update structures set siret = ${STRANGER.siret!} where id = (select id from structures order by name limit 1) returning name`.execute(t.handle.db);
    const visitor = new Visitor(t.app);
    const response = await signInWith(visitor, oidc, { account: STRANGER, acr: "eidas1" });
    assert.equal(response.statusCode, 403);
    assert.match(text(response.body), /Aucun compte ne correspond à votre identité ProConnect/);
    assert.match(text(response.body), /agent\.inconnu@mairie\.example/);
    assert.ok(text(response.body).includes(structure.rows[0]!.name), "the structure of the siret is suggested");
    assert.equal(visitor.jar[SESSION_COOKIE], undefined);
    assert.equal((await listAudit(t.handle.db, { action: "auth.proconnect_unknown_account" })).length, 1);
    const linked = await t.handle.db.selectFrom("proconnect_links").select("sub").where("sub", "=", STRANGER.sub).executeTakeFirst();
    assert.equal(linked, undefined, "no account and no role are created");
  });

  test("cancelling at the provider (error=access_denied) says so", async () => {
    const visitor = new Visitor(t.app);
    const response = await signInWith(visitor, oidc, { cancel: true });
    assert.equal(response.statusCode, 400);
    assert.match(text(response.body), /Vous avez annulé la connexion avec ProConnect/);
  });

  test("a missing, expired or mismatched state is refused with its own message", async () => {
    const noCookie = new Visitor(t.app);
    const first = await throughProvider(noCookie, oidc, { account: COORDINATOR, acr: "eidas1" });
    delete noCookie.jar[FLOW_COOKIE];
    assert.match(text((await noCookie.get(first.callback)).body), /n'a pas été commencée depuis ce navigateur/);

    const late = new Visitor(t.app);
    const second = await throughProvider(late, oidc, { account: COORDINATOR, acr: "eidas1" });
    const realNow = t.clock.now;
    t.clock.now = new Date(realNow.getTime() + 11 * 60_000);
    try {
      assert.match(text((await late.get(second.callback)).body), /a expiré : elle doit se terminer dans les 10 minutes/);
    } finally {
      t.clock.now = realNow;
    }

    const forged = new Visitor(t.app);
    const third = await throughProvider(forged, oidc, { account: COORDINATOR, acr: "eidas1" });
    const url = new URL(third.callback, ORIGIN);
    url.searchParams.set("state", "s".repeat(43));
    const response = await forged.get(url.pathname + url.search);
    assert.equal(response.statusCode, 400);
    assert.match(text(response.body), /ne correspond pas à la connexion commencée ici/);
    assert.equal(forged.jar[SESSION_COOKIE], undefined);
  });

  test("access matrix of the ProConnect routes: anonymous, pending second factor, signed in", async () => {
    const anonymous = new Visitor(t.app);
    const pending = new Visitor(t.app);
    assert.equal((await signInWith(pending, oidc, { account: ADVISOR, acr: "eidas1" })).headers.location, "/connexion/second-facteur");
    const signedIn = new Visitor(t.app);
    assert.equal((await signInWith(signedIn, oidc, { account: COORDINATOR, acr: "eidas1" })).headers.location, "/espace");
    const rows: { path: string; expect: (status: number, location: string) => boolean; label: string }[] = [
      { path: "/connexion/proconnect", label: "303 to the provider", expect: (s, l) => s === 303 && l.startsWith(`${oidc.issuer}/`) },
      { path: "/connexion/proconnect/retour", label: "400 (no flow)", expect: (s) => s === 400 },
      { path: `/connexion/proconnect/retour?code=abc&state=${"s".repeat(43)}`, label: "400 (no flow)", expect: (s) => s === 400 },
      { path: "/connexion/proconnect/deconnecte", label: "303 /connexion?deconnecte=1", expect: (s, l) => s === 303 && l === "/connexion?deconnecte=1" },
    ];
    for (const [kind, visitor] of Object.entries({ anonymous, pending, signedIn })) {
      for (const row of rows) {
        delete visitor.jar[FLOW_COOKIE];
        const response = await visitor.get(row.path);
        assert.ok(row.expect(response.statusCode, String(response.headers.location ?? "")), `${kind} GET ${row.path}: expected ${row.label}, got ${response.statusCode} ${response.headers.location ?? ""}`);
      }
    }
    // None of these routes ends or opens a session by itself.
    assert.equal((await signedIn.get("/espace")).statusCode, 200);
    assert.equal((await pending.get("/espace")).headers.location, "/connexion/second-facteur");
    assert.equal((await anonymous.get("/espace")).headers.location, "/connexion");
  });

  test("logout goes through the provider's end-session endpoint with id_token_hint, then back to /connexion", async () => {
    const visitor = new Visitor(t.app);
    const providerJar = new Map<string, string>();
    await signInWith(visitor, oidc, { account: COORDINATOR, acr: "eidas1" }, { jar: providerJar });
    await visitor.get("/espace");
    const out = await visitor.post("/deconnexion", {});
    assert.equal(out.statusCode, 303);
    const endSession = new URL(String(out.headers.location));
    assert.equal(endSession.origin, oidc.issuer);
    assert.ok(endSession.searchParams.get("id_token_hint"));
    assert.equal(endSession.searchParams.get("post_logout_redirect_uri"), `${ORIGIN}/connexion/proconnect/deconnecte`);
    assert.equal((await visitor.get("/espace")).headers.location, "/connexion", "the local session has ended");

    const cookie = [...providerJar].map(([k, v]) => `${k}=${v}`).join("; ");
    const confirm = await fetch(endSession, { headers: { cookie } });
    const html = await confirm.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action && xsrf, html.slice(0, 300));
    const done = await fetch(new URL(action, oidc.issuer), {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
    });
    const back = String(done.headers.get("location"));
    assert.equal(back, `${ORIGIN}/connexion/proconnect/deconnecte`);
    const landing = await visitor.get("/connexion/proconnect/deconnecte");
    assert.equal(landing.headers.location, "/connexion?deconnecte=1");
  });
});

describe("ProConnect sign-in with a provider whose keys do not match its signatures", () => {
  test("an id_token signed with another key is refused", async () => {
    const oidc = await startOidcProvider({ redirectOrigin: ORIGIN, accounts: [COORDINATOR] });
    oidc.publishForeignKeys = true;
    const t = await startTestApp({ template: "demo", env: envFor(oidc) });
    try {
      const visitor = new Visitor(t.app);
      const response = await signInWith(visitor, oidc, { account: COORDINATOR, acr: "eidas1" });
      assert.equal(response.statusCode, 400);
      assert.match(text(response.body), /n'a pas pu être vérifiée/);
      assert.equal(visitor.jar[SESSION_COOKIE], undefined);
      assert.ok(oidc.requests.includes("/jwks"), "the keys were fetched to check the signature");
      const failures = await listAudit(t.handle.db, { action: "auth.proconnect_failed" });
      assert.equal(failures.length, 1);
    } finally {
      await t.close();
      await oidc.close();
    }
  });
});

describe("ProConnect when the provider is down, and when it is not configured", () => {
  test("a provider that does not answer gives a 503 page in French", async () => {
    const oidc = await startOidcProvider({ redirectOrigin: ORIGIN, accounts: [] });
    await oidc.close();
    const t = await startTestApp({ template: "demo", env: envFor(oidc) });
    try {
      const response = await new Visitor(t.app).get("/connexion/proconnect");
      assert.equal(response.statusCode, 503);
      assert.match(text(response.body), /ProConnect ne répond pas pour le moment/);
    } finally {
      await t.close();
    }
  });

  test("without configuration there is no button and no route", async () => {
    const t = await startTestApp({ template: "demo" });
    try {
      const visitor = new Visitor(t.app);
      assert.doesNotMatch(text((await visitor.get("/connexion")).body), /ProConnect/);
      assert.equal((await visitor.get("/connexion/proconnect")).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
