// The statistics pages, exports, public figures and API on the demo network: each role sees its own
// scope, filters narrow the figures, bad input answers 400 in French with the input kept, exports
// honour filters and scope, /chiffres never shows a count from 1 to 4, and the API checks its token.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import { newApiToken } from "../api-tokens/api-token.ts";
import { insertApiToken } from "../api-tokens/api-tokens.repository.ts";
import { advisorByEmail, signIn } from "../places/admin/place-admin.test-support.ts";
import type { StatsResult } from "./statistics.ts";

const ADVISOR = "justine.sabathier@declic47.example";
const OTHER_ADVISOR = "nathalie.rodriguez@declic47.example";
const MANAGER = "responsable.clic-et-lien@declic47.example";
const COORDINATOR = "coordination@declic47.example";
const PREFECTURE = "prefecture@declic47.example";

/** The CSV's rows as cells, without the byte order mark. */
function csvRows(body: string): string[][] {
  assert.ok(body.startsWith("\uFEFF"), "the CSV starts with a byte order mark");
  return body
    .slice(1)
    .trim()
    .split("\r\n")
    .map((line) => line.split(";"));
}

/** The key figures of a CSV of `tableau=totaux`, by French label. */
function totalsOf(body: string): Map<string, number> {
  return new Map(
    csvRows(body)
      .slice(1)
      .map(([label, value]) => [label ?? "", Number((value ?? "").replace(",", "."))]),
  );
}

/** Every cell of every table body, as text. */
function tableCells(html: string): string[] {
  return [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap((m) => [...(m[1] ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1] ?? ""));
}

describe("statistics pages on the demo network", () => {
  let t: TestApp;
  let token: string;
  let coverageToken: string;

  before(async () => {
    t = await startTestApp({ template: "demo", now: DEMO_NOW });
    const stats = newApiToken();
    await insertApiToken(t.handle.db, { name: "Observatoire", hash: stats.hash, scopes: ["statistiques"], createdByUserId: null });
    token = stats.token;
    const other = newApiToken();
    await insertApiToken(t.handle.db, { name: "Maillage seul", hash: other.hash, scopes: ["maillage"], createdByUserId: null });
    coverageToken = other.token;
  });
  after(async () => {
    await t?.close();
  });

  const structureId = async (name: string) => (await t.handle.db.selectFrom("structures").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const totalsFor = async (email: string, query = "") => {
    const response = await (await signIn(t, email)).get(`/statistiques/export.csv?tableau=totaux${query}`);
    assert.equal(response.statusCode, 200, `${email} ${query}`);
    return totalsOf(response.body);
  };

  test("an advisor sees their own figures, and cannot ask for another advisor's", async () => {
    const visitor = await signIn(t, ADVISOR);
    const page = await visitor.get("/statistiques");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Mes statistiques<\/h1>/);
    assert.doesNotMatch(page.body, /name="structure"|name="conseiller"/, "no scope select for an advisor");
    const own = await advisorByEmail(t, ADVISOR);
    const other = await advisorByEmail(t, OTHER_ADVISOR);
    assert.equal((await visitor.get(`/statistiques?conseiller=${other.id}`)).statusCode, 403);
    assert.equal((await visitor.get(`/statistiques/export.csv?conseiller=${other.id}`)).statusCode, 403);
    const mine = await totalsFor(ADVISOR);
    assert.ok((mine.get("Activités") ?? 0) > 0, "the demo advisor has reports");
    assert.deepEqual(mine, await totalsFor(PREFECTURE, `&conseiller=${own.id}`), "the advisor's figures are the network's for that advisor");
  });

  test("a structure manager sees the structure, broken down by its advisors only, and not another structure", async () => {
    const visitor = await signIn(t, MANAGER);
    const page = await visitor.get("/statistiques");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Statistiques : Association Clic et Lien<\/h1>/);
    assert.match(page.body, /name="conseiller"/);
    assert.doesNotMatch(page.body, /name="structure"/);
    const clic = await structureId("Association Clic et Lien");
    const other = await structureId("Agglomération d'Agen");
    assert.equal((await visitor.get(`/statistiques?structure=${other}`)).statusCode, 403);
    assert.equal((await visitor.get(`/statistiques/export.xlsx?structure=${other}`)).statusCode, 403);
    assert.deepEqual(await totalsFor(MANAGER), await totalsFor(PREFECTURE, `&structure=${clic}`));
    const advisors = csvRows((await visitor.get("/statistiques/export.csv?tableau=advisor")).body).slice(1);
    const names = await t.handle.db.selectFrom("advisors").select(["first_name", "last_name"]).where("structure_id", "=", clic).execute();
    assert.ok(advisors.length > 0);
    for (const [label] of advisors) assert.ok(names.some((n) => label?.includes(n.last_name)) || label === "Non communiqué", `${label} works for the structure`);
  });

  test("the coordination and the Préfecture see the département with scope filters; other roles get 403, visitors the sign-in", async () => {
    for (const email of [COORDINATOR, PREFECTURE]) {
      const page = await (await signIn(t, email)).get("/statistiques");
      assert.equal(page.statusCode, 200, email);
      assert.match(page.body, /<h1>Statistiques du réseau<\/h1>/);
      for (const name of ["structure", "epci", "employeur", "conseiller"]) assert.match(page.body, new RegExp(`<select id="${name}"`), `${email} ${name}`);
      assert.match(page.body, /<input id="commune" name="commune" type="text"/, `${email} commune`);
    }
    assert.equal((await (await signIn(t, "mairie.duras@declic47.example")).get("/statistiques")).statusCode, 403);
    assert.equal((await (await signIn(t, "caf@declic47.example")).get("/statistiques/rapport")).statusCode, 403);
    const anonymous = await t.app.inject({ url: "/statistiques", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
  });

  test("filters narrow the figures, and the exports honour them", async () => {
    const all = await totalsFor(PREFECTURE);
    const help = await totalsFor(PREFECTURE, "&thematique=aide-demarches");
    const collective = await totalsFor(PREFECTURE, "&type=collectif");
    assert.ok((help.get("Activités") ?? 0) > 0 && (help.get("Activités") ?? 0) < (all.get("Activités") ?? 0));
    assert.equal(collective.get("Activités"), collective.get("dont ateliers collectifs"));
    assert.equal(collective.get("dont accompagnements individuels"), 0);
    const visitor = await signIn(t, PREFECTURE);
    const types = csvRows((await visitor.get("/statistiques/export.csv?tableau=type&type=collectif")).body);
    assert.deepEqual(types[0], ["Type d'activité", "Activités", "Accompagnements", "Heures", "Part des activités (%)"]);
    assert.deepEqual(
      types.slice(1).flatMap((r) => (r[1] === "0" ? [] : [r[0]])),
      ["Atelier collectif"],
    );
    const response = await visitor.get("/statistiques/export.xlsx?thematique=aide-demarches");
    assert.equal(response.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((s) => s.name);
    assert.ok(names.includes("Chiffres clés") && names.includes("Thématique") && names.length >= 10, names.join(", "));
    const keyFigures = workbook.getWorksheet("Chiffres clés");
    assert.equal(keyFigures?.getRow(1).getCell(1).value, "Indicateur");
    assert.equal(keyFigures?.getRow(2).getCell(2).value, help.get("Activités"));
  });

  test("bad filters answer 400 with French errors beside the fields and what was typed kept", async () => {
    const visitor = await signIn(t, COORDINATOR);
    const response = await visitor.get("/statistiques?du=45%2F13%2F2026&genre=martien&thematique=aide-demarches");
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Il y a 2 erreurs/);
    assert.match(response.body, /La date de début n&#39;est pas une date valide/);
    assert.match(response.body, /Choisissez un genre de la liste/);
    assert.match(response.body, /id="du" name="du" type="date" value="45\/13\/2026"/);
    assert.match(response.body, /<option value="aide-demarches" selected>/);
    assert.match(response.body, /aria-invalid="true"/);
    const csv = await visitor.get("/statistiques/export.csv?au=2026-02-30");
    assert.equal(csv.statusCode, 400);
    assert.match(csv.headers["content-type"] as string, /text\/html/);
    assert.equal((await visitor.get("/statistiques/export.csv?tableau=inconnu")).statusCode, 400);
  });

  test("a period with no activity says so instead of drawing empty charts", async () => {
    const page = await (await signIn(t, PREFECTURE)).get("/statistiques?du=2001-01-01&au=2001-01-31");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucune activité sur cette période/);
    assert.doesNotMatch(page.body, /<svg class="stats-svg"/);
  });

  test("the monthly report defaults to the last full month and compares it with the month before", async () => {
    const visitor = await signIn(t, PREFECTURE);
    const report = await visitor.get("/statistiques/rapport");
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /<h1>Rapport d&#39;activité : octobre 2026<\/h1>/);
    assert.match(report.body, /par rapport à septembre 2026/);
    assert.match(report.body, /commande « Imprimer »/);
    assert.ok(tableCells(report.body).length > 20, "the breakdowns come with their tables");
    const bad = await visitor.get("/statistiques/rapport?mois=2026-13");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /value="2026-13"/);
    const manager = await (await signIn(t, MANAGER)).get("/statistiques/rapport?mois=2026-09");
    assert.match(manager.body, /Association Clic et Lien/);
  });

  test("/chiffres is public, cached for an hour, and no table cell shows a count from 1 to 4", async () => {
    const response = await t.app.inject({ url: "/chiffres" });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["cache-control"], "public, max-age=3600");
    assert.match(response.body, /<h1>Chiffres du réseau<\/h1>/);
    const cells = tableCells(response.body);
    assert.ok(cells.length > 50, "the public page has tables");
    for (const cell of cells) assert.doesNotMatch(cell.replace(/[\u202f\u00a0]/g, " "), /^[1-4]$/, `a small count is shown: ${cell}`);
    const figures = [...response.body.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
    for (const figure of figures) assert.doesNotMatch(figure ?? "", /^[1-4]$/);
    assert.doesNotMatch(response.body, /Conseiller numérique<\/h2>/, "no breakdown by advisor");
  });

  test("GET /api/v1/statistiques needs a token with the statistiques scope and answers the figures", async () => {
    const api = (query: string, bearer: string | null) =>
      t.app.inject({ url: `/api/v1/statistiques${query}`, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    assert.equal((await api("", null)).statusCode, 401);
    assert.equal((await api("", coverageToken)).statusCode, 403);
    const ok = await api("?du=2026-10-01&au=2026-10-31&thematique=aide-demarches", token);
    assert.equal(ok.statusCode, 200);
    const french = ok.json() as { filtres: Record<string, unknown>; totaux: Record<string, number>; pas: string; serie: unknown[]; repartitions: { dimension: string }[] };
    assert.equal(french.pas, "jour");
    assert.equal(french.serie.length, 31);
    assert.equal(french.filtres.du, "2026-10-01");
    assert.equal(french.filtres.thematique, "aide-demarches");
    assert.ok((french.totaux.activites ?? 0) > 0);
    assert.ok(french.repartitions.some((r) => r.dimension === "tranche_age"));
    // The English keys of the first version stay for one version, announced as deprecated.
    const result = ok.json() as StatsResult;
    assert.equal(result.granularity, "jour");
    assert.equal(result.filters.theme, "aide-demarches");
    assert.equal(result.totals.activities, french.totaux.activites);
    assert.match(ok.headers.deprecation as string, /^@\d+$/);
    const bad = await api("?du=2026-02-30&pas=annee", token);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers["content-type"] as string, /application\/problem\+json/);
    const errors = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    assert.deepEqual(errors.sort(), ["du", "pas"]);
    type Props = Record<string, { deprecated?: boolean }>;
    const spec = (await t.app.inject({ url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, { get: { tags: string[]; security: unknown; responses: Record<string, { content: Record<string, { schema: { properties: Props } }> }> } }>;
    };
    const operation = spec.paths["/api/v1/statistiques"]?.get;
    assert.deepEqual(operation?.tags, ["statistiques"]);
    const properties = operation?.responses["200"]?.content["application/json"]?.schema.properties ?? {};
    assert.equal(properties.totaux?.deprecated, undefined);
    for (const old of ["filters", "totals", "granularity", "series", "breakdowns"]) assert.equal(properties[old]?.deprecated, true, old);
  });
});
