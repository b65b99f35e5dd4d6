import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { exportCsv, signInAs, withCell } from "./opendata.fixtures.ts";

function reportedLines(html: string): number[] {
  const table = /<caption>Lignes à corriger<\/caption>[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
}

async function importChanges(t: TestApp): Promise<number> {
  const row = await t.handle.db
    .selectFrom("place_changes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("action", "=", "import")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("importing places from a file in the national standard", () => {
  let t: TestApp;
  let csv: string;
  let structureId: string;
  before(async () => {
    t = await startTestApp({ template: "demo" });
    csv = await exportCsv(t);
    structureId = (await t.handle.db.selectFrom("structures").select("id").orderBy("slug").executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  test("only administrators and coordinators may import; others are refused and visitors sent to sign in", async () => {
    const anonymous = await t.app.inject({ url: "/admin/donnees/import", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
    const reader = await signInAs(t, "state_reader");
    assert.equal((await reader.get("/admin/donnees/import")).statusCode, 403);
    const coordinator = await signInAs(t, "coordinator");
    assert.equal((await coordinator.get("/admin/donnees/import")).statusCode, 200);
    assert.equal((await reader.post("/admin/donnees/import", { fichier: csv, structure: structureId, etape: "importer" })).statusCode, 403);
  });

  test("a structure and the file's content are required, and the pasted content is kept on error", async () => {
    const admin = await signInAs(t, "admin");
    await admin.get("/admin/donnees/import");
    const response = await admin.post("/admin/donnees/import", { fichier: "id,nom", structure: "", etape: "verifier" });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /class="error-summary"/);
    assert.match(response.body, /href="#structure">Choisissez la structure/);
    assert.match(response.body, />id,nom<\/textarea>/);
  });

  test("a file with 3 bad rows reports exactly those 3 lines, and nothing is written unless only the valid rows are chosen", async () => {
    let bad = withCell(csv, 4, "pivot", "12");
    bad = withCell(bad, 9, "date_maj", "02/11/2026");
    bad = withCell(bad, 17, "services", "Aide aux démarches administratives|Cuisine");
    const renamed = withCell(bad, 20, "nom", "Nouveau nom du lieu");
    const admin = await signInAs(t, "admin");
    await admin.get("/admin/donnees/import");
    const before = await importChanges(t);

    const report = await admin.post("/admin/donnees/import", { fichier: renamed, structure: structureId, etape: "verifier" });
    assert.equal(report.statusCode, 200);
    assert.deepEqual(reportedLines(report.body), [4, 9, 17]);
    assert.match(report.body, /pivot : format invalide/);
    assert.match(report.body, /date_maj : date au format AAAA-MM-JJ attendue/);
    assert.match(report.body, /services : « Cuisine » n&#39;est pas une valeur du standard/);
    assert.match(report.body, /Importer seulement les/);
    assert.doesNotMatch(report.body, /value="importer"/, "no « import all » while rows have errors");

    const refused = await admin.post("/admin/donnees/import", { fichier: renamed, structure: structureId, etape: "importer" });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Rien n&#39;a été importé/);
    assert.equal(await importChanges(t), before, "nothing written");

    const done = await admin.post("/admin/donnees/import", { fichier: renamed, structure: structureId, etape: "importer-valides" });
    assert.equal(done.statusCode, 303);
    const total = csv.split("\r\n").length - 2;
    assert.equal(done.headers.location, `/admin/donnees/import?crees=0&maj=1&inchanges=${total - 4}&ignores=3`);
    const page = await admin.get(done.headers.location as string);
    assert.match(page.body, /Import terminé/);
    assert.match(page.body, /1 mis à jour/);
    const changes = await t.handle.db.selectFrom("place_changes").innerJoin("places", "places.id", "place_changes.place_id").select(["places.name", "place_changes.actor_user_id", "place_changes.changes"]).where("action", "=", "import").execute();
    assert.equal(changes.length, before + 1);
    const last = changes.at(-1)!;
    assert.equal(last.name, "Nouveau nom du lieu");
    assert.ok(last.actor_user_id);
    assert.deepEqual(Object.keys((last.changes as { fields: object }).fields), ["name"]);
  });

  test("a commune outside the département, or a postcode that is not the commune's, is a row error", async () => {
    let file = withCell(csv, 2, "code_insee", "33063");
    file = withCell(file, 3, "code_insee", "");
    file = withCell(file, 3, "commune", "Bordeaux");
    file = withCell(file, 4, "code_insee", "");
    file = withCell(file, 4, "code_postal", "33000");
    const admin = await signInAs(t, "coordinator");
    await admin.get("/admin/donnees/import");
    const report = await admin.post("/admin/donnees/import", { fichier: file, structure: structureId, etape: "verifier" });
    assert.deepEqual(reportedLines(report.body), [2, 3, 4]);
    assert.match(report.body, /commune hors du département \(code INSEE 33063\)/);
    assert.match(report.body, /commune : « Bordeaux » n&#39;a pas le code postal/);
    assert.match(report.body, /commune hors du département \(code postal 33000\)/);
  });

  test("a row unknown to the site creates a place of the chosen structure; its commune is found by postcode and name", async () => {
    const [header, line] = csv.split("\r\n");
    let file = `${header}\r\n${line}\r\n`;
    file = withCell(file, 2, "id", "lieu-42");
    file = withCell(file, 2, "source", "");
    file = withCell(file, 2, "code_insee", "");
    file = withCell(file, 2, "nom", "Tiers-lieu du Pont");
    file = withCell(file, 2, "telephone", "+33553000000");
    const admin = await signInAs(t, "admin");
    await admin.get("/admin/donnees/import");
    const missingSource = await admin.post("/admin/donnees/import", { fichier: file, structure: structureId, etape: "verifier" });
    assert.match(missingSource.body, /source : vide/);
    const done = await admin.post("/admin/donnees/import", { fichier: file, structure: structureId, source: "Réseau Hubik", etape: "importer" });
    assert.equal(done.statusCode, 303);
    assert.match(String(done.headers.location), /crees=1&maj=0/);
    const place = await t.handle.db.selectFrom("places").selectAll().where("source", "=", "Réseau Hubik").where("source_id", "=", "lieu-42").executeTakeFirstOrThrow();
    assert.equal(place.structure_id, structureId);
    assert.equal(place.name, "Tiers-lieu du Pont");
    assert.equal(place.phone, "05 53 00 00 00");
    assert.equal(place.slug, "tiers-lieu-du-pont");
    await admin.get("/admin/donnees/import");
    const again = await admin.post("/admin/donnees/import", { fichier: file, structure: structureId, source: "Réseau Hubik", etape: "importer" });
    assert.match(String(again.headers.location), /crees=0&maj=0&inchanges=1/, "importing twice changes nothing");
  });

  test("a file the site cannot read is refused as a whole with the reason", async () => {
    const admin = await signInAs(t, "admin");
    await admin.get("/admin/donnees/import");
    const semicolons = await admin.post("/admin/donnees/import", { fichier: "id;nom;pivot\n1;a;b", structure: structureId, etape: "verifier" });
    assert.match(semicolons.body, /points-virgules/);
    const missing = await admin.post("/admin/donnees/import", { fichier: "id,nom\n1,a", structure: structureId, etape: "verifier" });
    assert.match(missing.body, /Colonnes obligatoires absentes de la première ligne : pivot, commune, code_postal, adresse, date_maj/);
    assert.doesNotMatch(missing.body, /name="etape" value="importer/);
  });
});
