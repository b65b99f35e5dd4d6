import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import {
  type Advisor,
  advisorByEmail,
  clearReports,
  firstPlaceOf,
  ISABELLE,
  insertPerson,
  insertReport,
  JEROME,
  LGNUM_MANAGER,
  listedIds,
  signIn,
} from "./activity-list.test-support.ts";

describe("the list of activity reports", () => {
  let t: TestApp;
  let isabelle: Advisor;
  let jerome: Advisor;
  let place: { id: string; name: string };
  let otherPlace: { id: string; name: string };
  const ids: Record<string, string> = {};

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-11-20T10:00:00Z") });
    await clearReports(t);
    isabelle = await advisorByEmail(t, ISABELLE);
    jerome = await advisorByEmail(t, JEROME);
    place = await firstPlaceOf(t, isabelle.structure_id);
    otherPlace = await firstPlaceOf(t, isabelle.structure_id, 1);
    const marie = await insertPerson(t, isabelle, "Marie", "Lagarde");
    const shared = await insertPerson(t, jerome, "Paul", "Partagé", true);
    const secret = await insertPerson(t, jerome, "Sophie", "Secrète");
    ids.marie = marie;
    ids.shared = shared;
    ids.feb28 = await insertReport(t, isabelle, { date: "2026-02-28", themes: ["sante"] });
    ids.mar1 = await insertReport(t, isabelle, { date: "2026-03-01", themes: ["aide-demarches"], placeId: place.id, beneficiaryId: marie });
    ids.mar15 = await insertReport(t, isabelle, { date: "2026-03-15", type: "collectif", themes: ["securite-numerique"], participantIds: [marie], anonymous: 11 });
    ids.mar31 = await insertReport(t, isabelle, { date: "2026-03-31", themes: ["aide-demarches", "e-mail"], placeId: otherPlace.id });
    ids.apr1 = await insertReport(t, isabelle, { date: "2026-04-01", themes: ["e-mail"], placeId: place.id });
    ids.deleted = await insertReport(t, isabelle, { date: "2026-03-20", themes: ["e-mail"], deleted: true });
    for (let day = 1; day <= 30; day++) {
      await insertReport(t, isabelle, { date: `2026-06-${String(day).padStart(2, "0")}`, themes: ["bureautique"], duration: 90 });
    }
    ids.jeromeShared = await insertReport(t, jerome, { date: "2026-05-02", beneficiaryId: shared });
    ids.jeromeSecret = await insertReport(t, jerome, { date: "2026-05-03", beneficiaryId: secret });
  });
  after(() => t.close());

  test("an advisor sees their own reports, newest first, counted, without the deleted one", async () => {
    const advisor = await signIn(t, ISABELLE);
    const page = await advisor.get("/activites");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mes comptes rendus d&#39;activité/);
    assert.match(page.body, /35 comptes rendus/);
    const listed = listedIds(page.body);
    assert.equal(listed.length, 25);
    assert.equal(listed[0], listedIds((await advisor.get("/activites?du=2026-06-30&au=2026-06-30")).body)[0]);
    assert.ok(!page.body.includes(ids.jeromeShared!));
    const all = [...listed, ...listedIds((await advisor.get("/activites?page=2")).body)];
    assert.equal(all.length, 35);
    assert.ok(!all.includes(ids.deleted!));
    assert.deepEqual(all.slice(-5), [ids.apr1, ids.mar31, ids.mar15, ids.mar1, ids.feb28]);
  });

  test("the row shows the person's name to their advisor, the participants of a workshop and the place", async () => {
    const advisor = await signIn(t, ISABELLE);
    const page = await advisor.get("/activites?du=2026-03-01&au=2026-03-15");
    assert.match(page.body, /Marie Lagarde/);
    assert.match(page.body, /12 participants/);
    assert.ok(page.body.includes(place.name.replace(/'/g, "&#39;")));
    assert.match(page.body, /Aide aux démarches administratives/);
  });

  test("dates are whole Paris days, both ends included", async () => {
    const advisor = await signIn(t, ISABELLE);
    const march = listedIds((await advisor.get("/activites?du=2026-03-01&au=2026-03-31")).body);
    assert.deepEqual(march, [ids.mar31, ids.mar15, ids.mar1]);
    const typedTheFrenchWay = listedIds((await advisor.get("/activites?du=01%2F03%2F2026&au=31%2F03%2F2026")).body);
    assert.deepEqual(typedTheFrenchWay, march);
  });

  test("each filter narrows the list", async () => {
    const advisor = await signIn(t, ISABELLE);
    const ids$ = async (query: string) => listedIds((await advisor.get(`/activites?du=2026-01-01&au=2026-05-31&${query}`)).body);
    assert.deepEqual(await ids$("type=collectif"), [ids.mar15]);
    assert.deepEqual(await ids$("thematique=aide-demarches"), [ids.mar31, ids.mar1]);
    assert.deepEqual(await ids$(`lieu=${place.id}`), [ids.apr1, ids.mar1]);
    assert.deepEqual(await ids$(`beneficiaire=${ids.marie}`), [ids.mar15, ids.mar1]);
    assert.deepEqual(await ids$(`thematique=aide-demarches&lieu=${otherPlace.id}`), [ids.mar31]);
  });

  test("pages keep the filters", async () => {
    const advisor = await signIn(t, ISABELLE);
    const first = await advisor.get("/activites?thematique=bureautique");
    assert.match(first.body, /30 comptes rendus/);
    assert.match(first.body, /Page 1 sur 2/);
    const next = /href="(\/activites\?[^"]*page=2[^"]*)"/.exec(first.body)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(next?.includes("thematique=bureautique"), next);
    const second = await advisor.get(next!);
    assert.equal(listedIds(second.body).length, 5);
    assert.match(second.body, /Page 2 sur 2/);
    assert.match(first.body, /href="\/activites\/export\.csv\?thematique=bureautique"/);
  });

  test("wrong filters come back beside their fields, in French, with what was typed", async () => {
    const advisor = await signIn(t, ISABELLE);
    const page = await advisor.get("/activites?du=2026-13-01&au=2026-01-01&type=groupe&thematique=bureautique");
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Il y a 2 erreurs/);
    assert.match(page.body, /La date de début n&#39;est pas une date valide/);
    assert.match(page.body, /id="du-erreur"/);
    assert.match(page.body, /Choisissez un type d&#39;activité de la liste/);
    assert.match(page.body, /value="2026-13-01"/);
    const csv = await advisor.get("/activites/export.csv?du=demain");
    assert.equal(csv.statusCode, 400);
    assert.match(csv.headers["content-type"] as string, /text\/html/);
  });

  test("nothing found says so, and an advisor with no report is invited to write one", async () => {
    const advisor = await signIn(t, ISABELLE);
    const none = await advisor.get("/activites?du=2020-01-01&au=2020-01-31");
    assert.match(none.body, /Aucun compte rendu/);
    assert.match(none.body, /Aucun compte rendu ne correspond à ces filtres/);
    assert.ok(!none.body.includes("export.csv"));
    const newcomer = await signIn(t, "cedric.couderc@declic47.example");
    const empty = await newcomer.get("/activites");
    assert.match(empty.body, /Vous n&#39;avez encore saisi aucun compte rendu/);
    assert.match(empty.body, /href="\/activites\/nouveau"/);
  });

  test("a structure manager sees the structure's reports, filters by advisor, and names only of shared people", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    const page = await manager.get("/activites?du=2026-05-01&au=2026-05-31");
    assert.match(page.body, /Comptes rendus de la structure/);
    assert.deepEqual(listedIds(page.body), [ids.jeromeSecret, ids.jeromeShared]);
    assert.match(page.body, /Paul Partagé/);
    assert.ok(!page.body.includes("Secrète"));
    assert.match(page.body, /Personne anonyme/);
    assert.ok(!page.body.includes("Marie Lagarde"), "Isabelle's own person is not shared");
    const byAdvisor = await manager.get(`/activites?conseiller=${isabelle.id}&du=2026-01-01&au=2026-05-31`);
    assert.equal(listedIds(byAdvisor.body).length, 5);
  });

  test("the CSV and the XLSX files hold the same cells for the same filters", async () => {
    const advisor = await signIn(t, ISABELLE);
    const query = "du=2026-01-01&au=2026-05-31";
    const csv = await advisor.get(`/activites/export.csv?${query}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    assert.match(csv.headers["content-disposition"] as string, /comptes-rendus-2026-01-01-au-2026-05-31\.csv/);
    assert.ok(csv.body.startsWith("\uFEFFDate;Type;Participants;"));
    const xlsx = await t.app.inject({ url: `/activites/export.xlsx?${query}`, headers: { cookie: Object.entries(advisor.jar).map(([k, v]) => `${k}=${v}`).join("; ") } });
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const fromXlsx: string[][] = [];
    sheet.eachRow((row) => {
      const values = Array.from(row.values as unknown[]).slice(1);
      fromXlsx.push(values.map((v) => (v === null || v === undefined ? "" : String(v))));
    });
    const fromCsv = parseSemicolonCsv(csv.body.slice(1));
    assert.equal(fromCsv.length, 6, "header and 5 reports");
    const width = fromCsv[0]!.length;
    assert.deepEqual(
      fromXlsx.map((r) => [...r, ...Array(width - r.length).fill("")]),
      fromCsv,
    );
    assert.ok(!csv.body.includes("Lagarde"), "no name in the files");
  });
});

/** Enough of a CSV reader for our own files: « ; » separator, quoted fields with line breaks. */
function parseSemicolonCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      row.push(field);
      field = "";
    } else if (c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}
