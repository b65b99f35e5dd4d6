import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";
import { requestStatistics } from "./request-statistics.repository.ts";
import { COORDINATOR, insertRequestRow, NOW } from "./requests.test-support.ts";

const day = (d: number, h = 9) => new Date(Date.UTC(2026, 9, d, h));

describe("statistics of commune requests", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    await t.handle.db.deleteFrom("commune_requests").execute();
    // October: answered after 1, 3 and 10 days; decided after 4 and 12 days; one still waiting.
    const plan = [
      { created: 1, status: "accepted" as const, answered: 2, decided: 5, commune: "47195", slug: "commune-de-nerac" },
      { created: 2, status: "refused" as const, answered: 5, decided: 14, commune: "47195", slug: "commune-de-nerac" },
      { created: 3, status: "in_review" as const, answered: 13, decided: null, commune: "47086", slug: "commune-de-duras" },
      { created: 20, status: "new" as const, answered: null, decided: null, commune: "47086", slug: "commune-de-duras" },
    ];
    for (const p of plan) {
      const id = await insertRequestRow(t, { communeCode: p.commune, structureSlug: p.slug, status: p.status, createdAt: day(p.created), kind: p.created === 20 ? "workshops" : "permanence" });
      await t.handle.db
        .updateTable("commune_requests")
        .set({ answered_at: p.answered === null ? null : day(p.answered), decided_at: p.decided === null ? null : day(p.decided) })
        .where("id", "=", id)
        .execute();
    }
    // Filed in September: outside the period, but still waiting today.
    await insertRequestRow(t, { communeCode: "47086", structureSlug: "commune-de-duras", createdAt: new Date(Date.UTC(2026, 8, 15, 9)) });
  });
  after(() => t.close());

  test("requests of the period by status and kind, with the median delays", async () => {
    const s = await requestStatistics(t.handle.db, { from: "2026-10-01", to: "2026-10-31", communeCode: null, epciCode: null }, NOW);
    assert.equal(s.total, 4);
    assert.deepEqual(s.byStatus, { new: 1, in_review: 1, accepted: 1, refused: 1, closed: 0 });
    assert.deepEqual(s.byKind, { permanence: 3, intervention: 0, workshops: 1, public: 0 });
    assert.equal(s.answered, 3);
    assert.equal(s.answeredWithin7Days, 2);
    assert.equal(s.medianDaysToAnswer, 3);
    assert.equal(s.decided, 2);
    assert.equal(s.medianDaysToDecision, 8);
    assert.equal(s.waitingNow, 3, "waiting today whatever their filing date");
    assert.equal(s.longestWaitDays, 66);
  });

  test("a commune filter narrows every figure", async () => {
    const s = await requestStatistics(t.handle.db, { from: "2026-10-01", to: "2026-10-31", communeCode: "47195", epciCode: null }, NOW);
    assert.equal(s.total, 2);
    assert.equal(s.waitingNow, 0);
    assert.equal(s.longestWaitDays, null);
  });

  test("the coordination's dashboard shows the section; an advisor's does not", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    const page = await coordinator.get("/statistiques?du=2026-10-01&au=2026-10-31");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="demandes-communes">Demandes des communes<\/h2>/);
    assert.match(page.body, /4 demandes déposées sur la période : la coordination a répondu en 3 jours \(médiane\)/);
    const advisor = await signIn(t, "justine.sabathier@declic47.example");
    const own = await advisor.get("/statistiques?du=2026-10-01&au=2026-10-31");
    assert.doesNotMatch(own.body, /Demandes des communes/);
  });
});
