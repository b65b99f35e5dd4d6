import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";
import { waitingRequestsOnMap } from "./request-coverage.ts";
import { COORDINATOR, insertRequestRow, NOW, placeId } from "./requests.test-support.ts";

describe("waiting requests on the coverage page", () => {
  let t: TestApp;
  let duras: string;
  let nerac: string;
  let decided: string;

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    await t.handle.db.deleteFrom("commune_requests").execute();
    duras = await insertRequestRow(t, { communeCode: "47086", structureSlug: "commune-de-duras", createdAt: new Date("2026-11-02T09:00:00Z") });
    await t.handle.db.updateTable("commune_requests").set({ place_id: await placeId(t, "Mairie de Duras") }).where("id", "=", duras).execute();
    nerac = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac", status: "in_review" });
    await t.handle.db.updateTable("commune_requests").set({ place_id: await placeId(t, "Mairie de Nérac") }).where("id", "=", nerac).execute();
    decided = await insertRequestRow(t, { communeCode: "47142", structureSlug: null, status: "refused" });
  });
  after(() => t.close());

  test("« Et si… » starts from the request's place when it has no permanence yet, else from its commune", async () => {
    const marks = await waitingRequestsOnMap(t.handle.db, NOW);
    assert.deepEqual(
      marks.map((m) => m.id),
      [duras, nerac],
      "waiting ones only, oldest first",
    );
    assert.equal(marks[0]!.whatIfQuery, `si_lieu=${await placeId(t, "Mairie de Duras")}`);
    assert.equal(marks[1]!.whatIfQuery, "si_commune=47195", "the Mairie de Nérac already has a permanence");
    assert.equal(marks[0]!.ageDays, 18);
    assert.ok(marks.every((m) => m.point !== null));
  });

  test("the map marks each waiting request, the least-served table and the list link to them, and « Et si… » runs from one", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    const page = await coordinator.get("/maillage");
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/<g class="coverage-map__requests">/g) ?? []).length, 1);
    assert.match(page.body, /<title>Demande n° \d+ : Duras<\/title>/);
    assert.match(page.body, /Triangle : demande d&#39;une commune en attente/);
    assert.match(page.body, /<h2 id="demandes">Demandes des communes en attente<\/h2>/);
    assert.match(page.body, new RegExp(`<td><a href="/demandes/${duras}">n° \\d+</a></td>`), "Duras's row of the least-served table");
    assert.ok(!page.body.includes(`/demandes/${decided}`), "a refused request is not waiting");
    const link = /href="(\/maillage\?si_lieu=[0-9a-f-]{36}#et-si)"/.exec(page.body)?.[1];
    assert.ok(link);
    const whatIf = await coordinator.get(link!.replace("#et-si", ""));
    assert.equal(whatIf.statusCode, 200);
    assert.match(whatIf.body, /Avec une permanence à Mairie de Duras/);
  });

  test("the request page offers « Et si… » to the coordination", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    const page = await coordinator.get(`/demandes/${duras}`);
    assert.match(page.body, new RegExp(`href="/maillage\\?si_lieu=${await placeId(t, "Mairie de Duras")}#et-si"`));
  });
});
