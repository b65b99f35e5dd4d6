import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { parseCsv } from "../places/opendata/csv.ts";
import { advisorRows, CELL, insertReport, minutesOfText, signIn } from "./network.test-support.ts";
import { frenchDate } from "./network.ts";

const COORDINATION = "coordination@declic47.example";
const PREFECTURE = "prefecture@declic47.example";
const LGNUM_MANAGER = "responsable.lgnum@declic47.example";
const JUSTINE = "justine.sabathier@declic47.example";
const WEEKDAYS = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

describe("the network view", () => {
  let t: TestApp;
  const today = toParis(DEMO_NOW).date;

  before(async () => {
    t = await startTestApp({ template: "demo", now: DEMO_NOW });
  });
  after(() => t.close());

  async function activeAdvisorCount(structureSlug?: string): Promise<number> {
    let query = t.handle.db
      .selectFrom("advisors")
      .innerJoin("structures", "structures.id", "advisors.structure_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("advisors.active", "=", true);
    if (structureSlug) query = query.where("structures.slug", "=", structureSlug);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  test("coordination, the Préfecture and admins see every advisor; managers their structure; others 403; visitors sign in", async () => {
    const all = await activeAdvisorCount();
    for (const email of [COORDINATION, PREFECTURE, "admin@declic47.example"]) {
      const visitor = await signIn(t, email);
      for (const url of ["/reseau", "/reseau?par=epci"]) {
        const page = await visitor.get(url);
        assert.equal(page.statusCode, 200, `${email} ${url}`);
        assert.equal(advisorRows(page.body).length, all, `${email} sees all ${all} advisors on ${url}`);
      }
      assert.equal((await visitor.get("/reseau/export.csv")).statusCode, 200);
    }
    const manager = await signIn(t, LGNUM_MANAGER);
    const own = await manager.get("/reseau");
    assert.equal(own.statusCode, 200);
    const lgnum = await activeAdvisorCount("lot-et-garonne-numerique");
    assert.equal(advisorRows(own.body).length, lgnum);
    assert.ok(advisorRows(own.body).every((r) => r.cells[CELL.structure] === "Lot-et-Garonne Numérique"));
    const csv = await manager.get("/reseau/export.csv");
    assert.equal(parseCsv(csv.body).length, lgnum + 1, "the manager's CSV holds their structure only");
    for (const email of [JUSTINE, "mairie.nerac@declic47.example", "caf@declic47.example"]) {
      const visitor = await signIn(t, email);
      assert.equal((await visitor.get("/reseau")).statusCode, 403, email);
      assert.equal((await visitor.get("/reseau/export.csv")).statusCode, 403, email);
    }
    const anonymous = await t.app.inject({ method: "GET", url: "/reseau", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/connexion/);
  });

  test("agenda links appear for those who may open the agenda, never for the Préfecture", async () => {
    const coordinator = await signIn(t, COORDINATION);
    const rows = advisorRows((await coordinator.get("/reseau")).body);
    assert.ok(rows.every((r) => r.cells[CELL.agenda]?.startsWith("Agenda")));
    assert.match(coordinator.lastHtml, new RegExp(`href="/agenda\\?conseiller=${rows[0]?.id}"`));
    const prefecture = await signIn(t, PREFECTURE);
    const seen = advisorRows((await prefecture.get("/reseau")).body);
    assert.ok(seen.every((r) => r.cells[CELL.agenda] === "—"));
    assert.doesNotMatch(prefecture.lastHtml, /\/agenda\?conseiller=/);
  });

  test("a known advisor's weekly hours, places and training day match the permanence and absence rows", async () => {
    const justine = await t.handle.db
      .selectFrom("advisors")
      .innerJoin("users", "users.id", "advisors.user_id")
      .select(["advisors.id"])
      .where("users.email", "=", JUSTINE)
      .executeTakeFirstOrThrow();
    const permanences = await t.handle.db
      .selectFrom("permanences")
      .innerJoin("places", "places.id", "permanences.place_id")
      .select(["places.name", "weekdays", "start_time", "end_time", "every_weeks", "valid_from", "valid_to"])
      .where("advisor_id", "=", justine.id)
      .execute();
    const valid = permanences.filter((p) => p.valid_from <= today && (p.valid_to === null || p.valid_to >= today));
    assert.ok(valid.length > 0, "the demo gives Justine permanences");
    const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
    const expected = valid.reduce((sum, p) => sum + (p.weekdays.length * (minutes(p.end_time) - minutes(p.start_time))) / p.every_weeks, 0);
    const training = await t.handle.db
      .selectFrom("absences")
      .select("weekdays")
      .where("advisor_id", "=", justine.id)
      .where("kind", "=", "training")
      .executeTakeFirstOrThrow();

    const coordinator = await signIn(t, COORDINATION);
    const row = advisorRows((await coordinator.get("/reseau")).body).find((r) => r.id === justine.id);
    assert.ok(row, "Justine is listed");
    assert.equal(minutesOfText(row.cells[CELL.hours] ?? ""), Math.round(expected));
    for (const p of valid) assert.ok(row.cells[CELL.places]?.includes(p.name), `${p.name} is among her places`);
    assert.equal(row.cells[CELL.training], `Formation le ${WEEKDAYS[training.weekdays?.[0] ?? 0]}`);
  });

  test("an advisor is active with a report 29 days ago, not with one 31 days ago or a deleted one", async () => {
    const structure = await t.handle.db.selectFrom("structures").select("id").where("slug", "=", "lot-et-garonne-numerique").executeTakeFirstOrThrow();
    const advisor = await t.handle.db
      .insertInto("advisors")
      .values({ structure_id: structure.id, first_name: "Zoé", last_name: "Essai" })
      .returning(["id", "structure_id"])
      .executeTakeFirstOrThrow();
    const manager = await signIn(t, LGNUM_MANAGER);
    const rowOf = async (url = "/reseau") => advisorRows((await manager.get(url)).body).find((r) => r.id === advisor.id);

    assert.equal((await rowOf())?.cells[CELL.activity], "Aucune activité enregistrée");
    assert.equal((await rowOf())?.cells[CELL.places], "Aucune permanence");
    await insertReport(t, advisor, addDays(today, -31));
    await insertReport(t, advisor, addDays(today, -2), true);
    assert.equal((await rowOf())?.cells[CELL.activity], `Inactif depuis le ${frenchDate(addDays(today, -31))}`);
    assert.ok(await rowOf("/reseau?activite=inactifs"));
    assert.equal(await rowOf("/reseau?activite=actifs"), undefined);
    await insertReport(t, advisor, addDays(today, -29));
    assert.equal((await rowOf())?.cells[CELL.activity], "Actif");
    assert.ok(await rowOf("/reseau?activite=actifs"));
    assert.equal(await rowOf("/reseau?activite=inactifs"), undefined);
  });

  test("filters narrow the table and its totals; grouping by EPCI keeps every advisor", async () => {
    const coordinator = await signIn(t, COORDINATION);
    const all = advisorRows((await coordinator.get("/reseau")).body);
    const associations = await coordinator.get("/reseau?type=association");
    const kept = advisorRows(associations.body);
    assert.ok(kept.length > 0 && kept.length < all.length);
    assert.match(associations.body, /<option value="association" selected>/, "the filter stays selected");
    const associationNames = await t.handle.db.selectFrom("structures").select("name").where("kind", "=", "association").execute();
    assert.ok(kept.every((r) => associationNames.some((s) => s.name === r.cells[CELL.structure])));

    const byEpci = advisorRows((await coordinator.get("/reseau?par=epci")).body);
    assert.deepEqual(new Set(byEpci.map((r) => r.id)), new Set(all.map((r) => r.id)));
    const agglo = await coordinator.get("/reseau?par=epci&epci=200096956");
    const inAgglo = advisorRows(agglo.body);
    assert.ok(inAgglo.length > 0 && inAgglo.length < all.length);
    assert.equal([...agglo.body.matchAll(/<section class="network-group"/g)].length, 1, "one EPCI, one group");

    const active = advisorRows((await coordinator.get("/reseau?activite=actifs")).body);
    const inactive = advisorRows((await coordinator.get("/reseau?activite=inactifs")).body);
    assert.equal(active.length + inactive.length, all.length);
    assert.match((await coordinator.get("/reseau?type=inconnu&epci=<x>&par=nimporte")).body, /data-conseiller=/, "wrong values are ignored");
  });

  test("the CSV holds the page's rows, in the page's order, with the same figures and filters", async () => {
    const coordinator = await signIn(t, COORDINATION);
    for (const query of ["?par=epci&type=epci", "?activite=actifs", ""]) {
      const rows = advisorRows((await coordinator.get(`/reseau${query}`)).body);
      const csv = await coordinator.get(`/reseau/export.csv${query}`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers["content-type"]), /^text\/csv/);
      assert.match(String(csv.headers["content-disposition"]), /attachment; filename="reseau-conseillers-\d{4}-\d{2}-\d{2}\.csv"/);
      const [header, ...records] = parseCsv(csv.body).map((r) => r.fields);
      assert.equal(header?.[1], "Conseiller");
      assert.equal(records.length, rows.length, `as many rows as the page for ${query}`);
      records.forEach((fields, i) => {
        const row = rows[i]!;
        assert.equal(fields[1], row.name);
        assert.equal(fields[2], row.cells[CELL.structure]);
        assert.equal(fields[5], row.cells[CELL.places] === "Aucune permanence" ? "" : row.cells[CELL.places]);
        assert.ok(Math.abs(Number(fields[6]?.replace(",", ".")) * 60 - minutesOfText(row.cells[CELL.hours] ?? "")) <= 1, `hours of ${row.name}`);
        assert.equal(fields[8], row.cells[CELL.activity]);
      });
    }
  });
});
