import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { advisorByEmail, insertAppointment, insertKind, postForm, signIn } from "./agenda.test-support.ts";

const JUSTINE = "justine.sabathier@declic47.example";

function feedPath(html: string): string {
  const url = /value="http:\/\/localhost:3000(\/agenda\/flux\/[A-Za-z0-9_-]{43}\.ics)"/.exec(html)?.[1];
  assert.ok(url, "the new feed address is shown");
  return url;
}

describe("the private calendar feed", () => {
  let t: TestApp;
  let appointmentId: string;

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2028-02-07T08:00:00Z") });
    const justine = await advisorByEmail(t, JUSTINE);
    const kind = await insertKind(t, justine.structure_id, "Démarches en ligne");
    appointmentId = await insertAppointment(t, { advisorId: justine.id, kindId: kind, start: "2028-02-10T09:00:00Z", firstName: "Sophie", lastName: "Martinez" });
    await insertAppointment(t, { advisorId: justine.id, kindId: kind, start: "2028-09-10T09:00:00Z", firstName: "Trop", lastName: "Tard" });
  });
  after(() => t.close());

  test("an advisor creates a feed whose calendar lists appointments with first name and initial and stable UIDs", async () => {
    const advisor = await signIn(t, JUSTINE);
    const agenda = await advisor.get("/agenda");
    assert.match(agenda.body, /Synchroniser avec mon agenda/);
    const created = await postForm(t, advisor, "/agenda/flux", []);
    assert.equal(created.statusCode, 200);
    const path = feedPath(created.body);
    const stored = await t.handle.db.selectFrom("calendar_feeds").select("token_hash").executeTakeFirstOrThrow();
    assert.ok(!path.includes(stored.token_hash), "only a hash of the token is stored");

    const feed = await t.app.inject({ method: "GET", url: path });
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers["content-type"]), /^text\/calendar/);
    assert.match(feed.body, /^BEGIN:VCALENDAR/);
    assert.match(feed.body, /END:VCALENDAR\s*$/);
    assert.match(feed.body, new RegExp(`UID:rendez-vous-${appointmentId}@localhost`));
    assert.match(feed.body, /SUMMARY:Rendez-vous : Sophie M\. \(Démarches en ligne\)/);
    assert.doesNotMatch(feed.body, /Martinez/);
    assert.doesNotMatch(feed.body, /Trop/, "appointments beyond 90 days are left out");
    const again = await t.app.inject({ method: "GET", url: path });
    assert.equal(/UID:[^\r\n]+/.exec(again.body)?.[0], /UID:[^\r\n]+/.exec(feed.body)?.[0]);
    const page = await advisor.get("/agenda");
    assert.match(page.body, /Une adresse d&#39;abonnement est active/);
    assert.doesNotMatch(page.body, /\.ics/, "the address is shown once only");
  });

  test("a new feed revokes the old one, « Révoquer » revokes it, unknown tokens get 404", async () => {
    const advisor = await signIn(t, JUSTINE);
    await advisor.get("/agenda");
    const first = feedPath((await postForm(t, advisor, "/agenda/flux", [])).body);
    await advisor.get("/agenda");
    const second = feedPath((await postForm(t, advisor, "/agenda/flux", [])).body);
    assert.equal((await t.app.inject({ method: "GET", url: first })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: second })).statusCode, 200);
    await advisor.get("/agenda");
    const revoked = await postForm(t, advisor, "/agenda/flux/revoquer", []);
    assert.equal(revoked.statusCode, 303);
    assert.equal((await t.app.inject({ method: "GET", url: second })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `/agenda/flux/${"a".repeat(43)}.ics` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: "/agenda/flux/nimporte-quoi" })).statusCode, 404);
  });

  test("a manager without an advisor record cannot create a feed", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get("/agenda");
    assert.equal((await postForm(t, manager, "/agenda/flux", [])).statusCode, 403);
  });
});
