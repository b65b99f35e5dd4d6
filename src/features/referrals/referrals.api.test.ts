// GET and POST /api/v1/orientations: the « orientations » scope, problem+json errors naming each field,
// a referral created for a partner structure with its consent, and no person's identity in the list.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { createApiToken } from "../api-tokens/api-tokens.service.ts";
import { BOOKING_NOW } from "../booking/booking.test-support.ts";
import { createReceivingWorld, type ReceivingWorld } from "./referrals.test-support.ts";

describe("API /api/v1/orientations", () => {
  let t: TestApp;
  let world: ReceivingWorld;
  let token: string;
  let demandesOnly: string;
  let caf: string;

  const call = (method: "GET" | "POST", url: string, bearer: string | null, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

  const body = (changes: Record<string, unknown> = {}) => ({
    structure_source_id: caf,
    lieu_id: world.placeId,
    besoins: ["e-mail"],
    urgence: "urgent",
    personne: { prenom: "Paulette", nom: "Verdier", telephone: "06 11 22 33 44" },
    contact_prefere: "phone",
    consentement: { recueilli: true, mode: "written" },
    ...changes,
  });

  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createReceivingWorld(t);
    const ctx = { actorUserId: null, now: BOOKING_NOW, via: "cli" as const };
    token = (await createApiToken(t.handle.db, { name: "CAF", scopes: ["orientations"] }, ctx)).token;
    demandesOnly = (await createApiToken(t.handle.db, { name: "Demandes", scopes: ["demandes"] }, ctx)).token;
    caf = (await t.handle.db.selectFrom("structures").select("id").where("slug", "=", "caf-de-lot-et-garonne").executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  test("without a valid token 401, without the scope 403, as problem+json", async () => {
    const none = await call("GET", "/api/v1/orientations", null);
    assert.equal(none.statusCode, 401);
    assert.match(none.headers["content-type"] as string, /application\/problem\+json/);
    const wrong = await call("POST", "/api/v1/orientations", demandesOnly, body());
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().code, "insufficient_scope");
  });

  test("a partner's system refers a person; the list shows the steps, never the person", async () => {
    const created = await call("POST", "/api/v1/orientations", token, body());
    assert.equal(created.statusCode, 201, created.body);
    const referral = created.json();
    assert.equal(referral.statut, "recue");
    assert.equal(referral.urgence, "urgent");
    const row = await t.handle.db.selectFrom("referrals").selectAll().where("id", "=", referral.id).executeTakeFirstOrThrow();
    assert.equal(row.consent_mode, "written");
    assert.equal(row.created_by_user_id, null);
    const list = await call("GET", "/api/v1/orientations?statut=recue", token);
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().orientations.some((o: { id: string }) => o.id === referral.id));
    assert.doesNotMatch(list.body, /Paulette|Verdier|06 11/);
  });

  test("a bad referral answers 400 problem+json naming each field; nothing is written", async () => {
    const before = await t.handle.db.selectFrom("referrals").select("id").execute();
    const refused = await call("POST", "/api/v1/orientations", token, body({ besoins: [], consentement: { recueilli: false, mode: "oral" }, lieu_id: caf }));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.headers["content-type"] as string, /application\/problem\+json/);
    const fields = (refused.json().errors as { field: string }[]).map((e) => e.field).sort();
    assert.deepEqual(fields, ["besoins", "consentement.recueilli", "lieu_id"]);
    const notPartner = await call("POST", "/api/v1/orientations", token, body({ structure_source_id: world.structureId }));
    assert.equal(notPartner.statusCode, 400);
    assert.equal(notPartner.json().errors[0].field, "structure_source_id");
    assert.equal((await call("GET", "/api/v1/orientations?statut=nimporte", token)).statusCode, 400);
    assert.equal((await t.handle.db.selectFrom("referrals").select("id").execute()).length, before.length);
  });

  test("the OpenAPI document describes both operations", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    assert.ok(doc.paths["/api/v1/orientations"].get);
    assert.ok(doc.paths["/api/v1/orientations"].post);
  });
});
