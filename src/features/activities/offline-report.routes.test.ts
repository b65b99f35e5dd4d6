// Reports sent from a phone after typing them offline: the same report sent again is one row, the answer
// says it was already received; an appointment reported meanwhile, a signed-out or non-advisor session and
// a wrong form all answer a problem the page can explain; the key only goes to a signed-in advisor.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cookieHeader, startTestApp, type TestApp, type Visitor } from "../../../test/support/app.ts";
import { clearActivityData } from "../beneficiaries/beneficiaries.test-support.ts";
import { advisorByEmail, insertAppointmentFor, placeOfAdvisor, signIn } from "./report-form.test-support.ts";

const JUSTINE = "justine.sabathier@declic47.example";
const ISABELLE = "isabelle.petit@declic47.example";
const COORDINATION = "coordination@declic47.example";
const NOW = new Date("2030-06-12T10:00:00Z");
const YESTERDAY = "2030-06-11";

describe("reports sent from a phone after typing them offline", () => {
  let t: TestApp;
  let justine: { id: string; structure_id: string };
  let placeId: string;

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    await clearActivityData(t.handle.db);
    justine = await advisorByEmail(t, JUSTINE);
    placeId = (await placeOfAdvisor(t, justine.id)).id;
  });
  after(() => t.close());

  function report(clientId: string, overrides: [string, string][] = []): [string, string][] {
    return [
      ["clientId", clientId],
      ["type", "individuel"],
      ["date", YESTERDAY],
      ["placeType", "lieu-activite"],
      ["placeId", placeId],
      ["durationPreset", "30"],
      ["themes", "e-mail"],
      ["themes", "navigation-internet"],
      ...overrides,
    ];
  }

  /** Like the page script: a fresh token from the key endpoint, then the form fields with JSON asked back. */
  async function send(visitor: Visitor, fields: [string, string][], query = "") {
    const key = await visitor.get("/activites/hors-ligne/cle");
    const token = JSON.parse(key.body).csrfToken;
    const cookie = cookieHeader(visitor.jar);
    return t.app.inject({
      method: "POST",
      url: `/activites/hors-ligne${query}`,
      payload: new URLSearchParams(fields).toString(),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", accept: "application/json", "x-csrf-token": token },
    });
  }

  async function rowsWith(clientId: string) {
    return t.handle.db.selectFrom("activity_reports").selectAll().where("client_id", "=", clientId).execute();
  }

  test("the same report sent three times is one report; the replays say it was already received", async () => {
    const advisor = await signIn(t, JUSTINE);
    const clientId = randomUUID();
    const first = await send(advisor, report(clientId));
    assert.equal(first.statusCode, 201, first.body);
    const created = JSON.parse(first.body);
    assert.equal(created.status, "created");
    assert.equal(created.url, `/activites/${created.id}`);
    for (let i = 0; i < 2; i++) {
      const again = await send(advisor, report(clientId));
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(JSON.parse(again.body), { status: "already_received", id: created.id, url: created.url });
    }
    const rows = await rowsWith(clientId);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.advisor_id, justine.id);
    assert.deepEqual(rows[0]?.themes, ["navigation-internet", "e-mail"], "in the taxonomy's order");
    const audit = await t.handle.db.selectFrom("audit_log").select("action").where("subject_id", "=", created.id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ["activity_report.created"],
    );
  });

  test("sent three times at once, the report is still written once", async () => {
    const advisor = await signIn(t, JUSTINE);
    const clientId = randomUUID();
    const answers = await Promise.all([send(advisor, report(clientId)), send(advisor, report(clientId)), send(advisor, report(clientId))]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 200, 201]);
    assert.equal(new Set(answers.map((a) => JSON.parse(a.body).id)).size, 1);
    assert.equal((await rowsWith(clientId)).length, 1);
  });

  test("another advisor's phone may use the same client id: it is unique per author", async () => {
    const clientId = randomUUID();
    assert.equal((await send(await signIn(t, JUSTINE), report(clientId))).statusCode, 201);
    const isabelle = await advisorByEmail(t, ISABELLE);
    const hers = await placeOfAdvisor(t, isabelle.id);
    const other = await send(await signIn(t, ISABELLE), report(clientId, [["placeId", hers.id]]).filter(([n, v]) => n !== "placeId" || v === hers.id));
    assert.equal(other.statusCode, 201, other.body);
    assert.equal((await rowsWith(clientId)).length, 2);
  });

  test("an appointment reported meanwhile is a conflict explained in French, and nothing is written", async () => {
    const advisor = await signIn(t, JUSTINE);
    const appointmentId = await insertAppointmentFor(t, justine, { date: YESTERDAY, time: "10:00", minutes: 30, placeId, themes: ["e-mail"] });
    const query = `?rendez-vous=${appointmentId}`;
    assert.equal((await send(advisor, report(randomUUID()), query)).statusCode, 201);
    const clientId = randomUUID();
    const late = await send(advisor, report(clientId), query);
    assert.equal(late.statusCode, 409);
    assert.match(String(late.headers["content-type"]), /^application\/problem\+json/);
    const problem = JSON.parse(late.body);
    assert.equal(problem.code, "already_reported");
    assert.match(problem.detail, /déjà son compte rendu/);
    assert.equal((await rowsWith(clientId)).length, 0);
  });

  test("a report with a mistake answers the field errors in French, and a corrected send is accepted", async () => {
    const advisor = await signIn(t, JUSTINE);
    const clientId = randomUUID();
    const wrong = await send(
      advisor,
      report(clientId).filter(([name]) => name !== "themes"),
    );
    assert.equal(wrong.statusCode, 400);
    const problem = JSON.parse(wrong.body);
    assert.equal(problem.code, "validation_failed");
    assert.ok(problem.errors.some((e: { field: string; message: string }) => e.field === "themes" && /thématique/.test(e.message)));
    assert.equal((await send(advisor, report(clientId))).statusCode, 201);
  });

  test("an expired session is told to sign in again (401), a non-advisor is refused (403), a bad client id is refused", async () => {
    const advisor = await signIn(t, JUSTINE);
    const token = JSON.parse((await advisor.get("/activites/hors-ligne/cle")).body).csrfToken;
    const { declic_session: _session, ...expired } = advisor.jar;
    const signedOut = await t.app.inject({
      method: "POST",
      url: "/activites/hors-ligne",
      payload: new URLSearchParams(report(randomUUID())).toString(),
      headers: { cookie: cookieHeader(expired), "content-type": "application/x-www-form-urlencoded", accept: "application/json", "x-csrf-token": token },
    });
    assert.equal(signedOut.statusCode, 401, signedOut.body);
    assert.equal(JSON.parse(signedOut.body).code, "unauthenticated");
    const coordination = await signIn(t, COORDINATION);
    const key = await coordination.get("/activites/hors-ligne/cle");
    assert.equal(key.statusCode, 403);
    const refused = await t.app.inject({
      method: "POST",
      url: "/activites/hors-ligne",
      payload: new URLSearchParams(report(randomUUID())).toString(),
      headers: { cookie: cookieHeader(coordination.jar), "content-type": "application/x-www-form-urlencoded", accept: "application/json", "x-csrf-token": coordination.csrfToken() },
    });
    assert.equal(refused.statusCode, 403);
    const bad = await send(await signIn(t, JUSTINE), report("pas-un-uuid"));
    assert.equal(bad.statusCode, 400);
    assert.equal(JSON.parse(bad.body).errors[0].field, "clientId");
  });

  test("without the form token, nothing is written", async () => {
    const advisor = await signIn(t, JUSTINE);
    const clientId = randomUUID();
    const forged = await t.app.inject({
      method: "POST",
      url: "/activites/hors-ligne",
      payload: new URLSearchParams(report(clientId)).toString(),
      headers: { cookie: cookieHeader(advisor.jar), "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    });
    assert.equal(forged.statusCode, 403);
    assert.equal((await rowsWith(clientId)).length, 0);
  });

  test("the key is the same for the same person on every sign-in, different for another, and never cached", async () => {
    const a = await (await signIn(t, JUSTINE)).get("/activites/hors-ligne/cle");
    assert.equal(a.headers["cache-control"], "no-store");
    const key = JSON.parse(a.body).key;
    assert.equal(Buffer.from(key, "base64").length, 32);
    const b = JSON.parse((await (await signIn(t, ISABELLE)).get("/activites/hors-ligne/cle")).body).key;
    assert.notEqual(key, b);
  });

  test("the service worker is served under /activites/ with its scope, the manifest starts at the form", async () => {
    const sw = await t.app.inject({ method: "GET", url: "/activites/service-worker.js" });
    assert.equal(sw.statusCode, 200);
    assert.match(String(sw.headers["content-type"]), /^text\/javascript/);
    assert.equal(sw.headers["service-worker-allowed"], "/activites/");
    assert.equal(sw.headers["cache-control"], "no-cache");
    const manifest = await t.app.inject({ method: "GET", url: "/activites/manifest.webmanifest" });
    assert.match(String(manifest.headers["content-type"]), /^application\/manifest\+json/);
    const body = JSON.parse(manifest.body);
    assert.equal(body.start_url, "/activites/nouveau");
    assert.equal(body.scope, "/activites/");
    assert.equal(body.display, "standalone");
    const form = await (await signIn(t, JUSTINE)).get("/activites/nouveau");
    assert.match(form.body, /<link rel="manifest" href="\/activites\/manifest.webmanifest">/);
    assert.match(form.body, /src="\/static\/offline-report\.[0-9a-f]+\.js"/);
  });

  test("the copy kept on the phone names nobody", async () => {
    const advisor = await signIn(t, JUSTINE);
    await t.handle.db
      .insertInto("beneficiaries")
      .values({
        advisor_id: justine.id,
        structure_id: justine.structure_id,
        first_name: "Gisèle",
        last_name: "Offlinetest",
        search_name: "gisele offlinetest",
        gender: "feminin",
        age_band: "60-69",
        social_status: "retraite",
        consent_at: NOW,
        consent_method: "oral",
      })
      .execute();
    assert.match((await advisor.get("/activites/nouveau")).body, /Offlinetest/);
    const offline = await advisor.get("/activites/nouveau?hors-ligne=1");
    assert.equal(offline.statusCode, 200);
    assert.doesNotMatch(offline.body, /Offlinetest/);
  });
});
