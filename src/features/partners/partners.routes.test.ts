// The directory and its writes through the application: filters, exports that follow them, the coordination's
// import (bad lines reported exactly, nothing written; re-import without duplicates), forms keeping input,
// a partner agent editing its own structure, and the referral targets of a commune.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { ISABELLE } from "../activities/list/activity-list.test-support.ts";
import { postForm, signIn } from "../places/admin/place-admin.test-support.ts";
import { parseCsv } from "../places/opendata/csv.ts";
import { COORDINATOR, NOW } from "../requests/requests.test-support.ts";
import { insertPartner, partnerTargetsFor } from "./partners.repository.ts";

const STRUCTURES = [
  "id,siret,nom,typologie,adresse,code_postal,commune,code_insee,telephone,courriel,date_maj",
  "di-ccas-nerac,,CCAS de Nérac,CCAS,Place de la mairie,47600,Nérac,47195,05 53 00 00 00,ccas@nerac.example,2026-10-01",
  "di-pimms,,Point d'accès Casteljaloux,PIMMS,1 rue,47700,Casteljaloux,,,pas-un-courriel,2026-10-01",
  "di-bordeaux,,Antenne bordelaise,ASSO,1 quai,33000,Bordeaux,33063,,,2026-10-01",
  "di-asso,,Association Lien,ASSO,2 rue,47000,Agen,47001,,,01/10/2026",
].join("\n");
const SERVICES = [
  "id,structure_id,nom,thematiques,profils,modes_accueil,zone_diffusion_type,zone_diffusion_code",
  "svc-1,di-ccas-nerac,Aide sociale,acces-aux-droits-et-citoyennete,seniors-65,en-presentiel,commune,47195",
  "svc-2,di-inconnu,Service orphelin,famille,,,,",
].join("\n");
const GOOD_STRUCTURES = STRUCTURES.split("\n").filter((_, i) => i === 0 || i === 1).join("\n");
const GOOD_SERVICES = SERVICES.split("\n").slice(0, 2).join("\n");

describe("partner directory", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
  });
  after(() => t.close());

  test("an advisor finds the partners covering Marmande, and the export writes exactly those", async () => {
    const advisor = await signIn(t, ISABELLE);
    const page = await advisor.get("/partenaires?commune=47157");
    assert.equal(page.statusCode, 200);
    for (const name of ["France Travail Marmande", "CAF de Lot-et-Garonne", "CPAM de Lot-et-Garonne"]) assert.ok(page.body.includes(name), name);
    for (const name of ["CCAS d&#39;Agen", "CCAS d'Agen", "France Travail Lot-et-Garonne"]) assert.ok(!page.body.includes(name), name);
    const csv = await advisor.get("/partenaires/export/structures.csv?commune=47157");
    const names = parseCsv(csv.body).slice(1).map((r) => r.fields[2]);
    assert.deepEqual(names, ["CAF de Lot-et-Garonne", "CPAM de Lot-et-Garonne", "France Travail Marmande", "MSA Dordogne, Lot-et-Garonne"]);
    const json = JSON.parse((await advisor.get("/partenaires/export.json?thematique=logement-hebergement")).body) as { structures: { nom: string }[]; services: { nom: string; thematiques: string[] }[] };
    assert.deepEqual(json.structures.map((s) => s.nom), ["CAF de Lot-et-Garonne"]);
    assert.ok(json.services.some((s) => s.thematiques.includes("logement-hebergement")));
  });

  test("the directory shows 20 partners a page, and the next page keeps the filters", async () => {
    // With the 4 demo partners covering Marmande (the CAF, the CPAM, the MSA, France Travail Marmande): 22.
    for (let i = 1; i <= 18; i++) {
      const profile = { name: `Association test ${String(i).padStart(2, "0")}`, typology: "ASSO", siret: null, address: null, postcode: null, communeCode: "47001", phone: null, email: null, website: null, description: null, publics: [], coverage: { departement: true, communes: [], epcis: [] } };
      await insertPartner(t.handle.db, `association-test-${i}`, profile, { dataInclusionId: null, now: NOW });
    }
    const advisor = await signIn(t, ISABELLE);
    const first = await advisor.get("/partenaires?commune=47157");
    assert.equal((first.body.match(/class="card__title"/g) ?? []).length, 20);
    assert.match(first.body, /href="\/partenaires\?commune=47157&amp;page=2"/);
    const second = await advisor.get("/partenaires?commune=47157&page=2");
    assert.equal((second.body.match(/class="card__title"/g) ?? []).length, 2);
    assert.match(second.body, /Page 2 sur 2/);
  });

  test("an unknown search shows the empty state", async () => {
    const advisor = await signIn(t, ISABELLE);
    const empty = await advisor.get("/partenaires?q=zzzz");
    assert.match(empty.body, /Aucun partenaire ne correspond à ces critères/);
  });

  test("a file with bad rows reports exactly those lines, and nothing is written", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/import");
    const before = await t.handle.db.selectFrom("partner_profiles").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const checked = await coordinator.post("/partenaires/import", { structures: STRUCTURES, services: SERVICES, etape: "verifier" });
    assert.equal(checked.statusCode, 400);
    const rows = [...checked.body.matchAll(/<tr><td>(Structures|Services)<\/td><td>(\d+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(rows, ["Structures 3 courriel", "Structures 4 code_insee", "Structures 5 date_maj", "Services 3 structure_id"]);
    const forced = await coordinator.post("/partenaires/import", { structures: STRUCTURES, services: SERVICES, etape: "importer" });
    assert.equal(forced.statusCode, 400);
    const after = await t.handle.db.selectFrom("partner_profiles").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test("a valid file shows its preview, imports, and importing it again creates no duplicate", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/import");
    const preview = await coordinator.post("/partenaires/import", { structures: GOOD_STRUCTURES, services: GOOD_SERVICES, etape: "verifier" });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Structures : 1 à créer, 0 à mettre à jour/);
    const done = await coordinator.post("/partenaires/import", { structures: GOOD_STRUCTURES, services: GOOD_SERVICES, etape: "importer" });
    assert.equal(done.statusCode, 303);
    await coordinator.get("/partenaires/import");
    const again = await coordinator.post("/partenaires/import", { structures: GOOD_STRUCTURES, services: GOOD_SERVICES, etape: "verifier" });
    assert.match(again.body, /Structures : 0 à créer, 0 à mettre à jour, 1 sans changement. Services : 0 à créer, 0 à mettre à jour, 1 sans changement/);
    // The test clock is fixed: an older date shows whether the import wrote the row.
    const before = { updated_at: new Date("2020-01-01T00:00:00Z") };
    await t.handle.db.updateTable("partner_profiles").set(before).where("data_inclusion_id", "=", "di-ccas-nerac").execute();
    const same = await coordinator.post("/partenaires/import", { structures: GOOD_STRUCTURES, services: GOOD_SERVICES, etape: "importer" });
    assert.match(String(same.headers.location), /crees=0&maj=0&inchanges=1&services=1/);
    const after = await t.handle.db.selectFrom("partner_profiles").select("updated_at").where("data_inclusion_id", "=", "di-ccas-nerac").executeTakeFirstOrThrow();
    assert.deepEqual(after.updated_at, before.updated_at, "an unchanged partner keeps its date of last change");
    await coordinator.get("/partenaires/import");
    const renamedService = GOOD_SERVICES.replace("Aide sociale,", "Aide sociale et administrative,");
    const changed = await coordinator.post("/partenaires/import", { structures: GOOD_STRUCTURES.replace("05 53 00 00 00", "05 53 11 11 11"), services: renamedService, etape: "verifier" });
    assert.match(changed.body, /Structures : 0 à créer, 1 à mettre à jour, 0 sans changement. Services : 0 à créer, 1 à mettre à jour, 0 sans changement/);
    const ccas = await t.handle.db.selectFrom("structures").select("id").where("name", "=", "CCAS de Nérac").execute();
    assert.equal(ccas.length, 1);
    const services = await t.handle.db.selectFrom("partner_services").select("name").where("structure_id", "=", ccas[0]!.id).execute();
    assert.deepEqual(services.map((s) => s.name), ["Aide sociale"], "the changed file was only checked, not imported");
    const targets = await partnerTargetsFor(t.handle.db, { communeCode: "47195" });
    assert.equal(targets[0]!.covers, true);
    assert.ok(targets.findIndex((p) => p.name === "CCAS de Nérac") < targets.findIndex((p) => !p.covers));
    assert.ok(!targets.find((p) => p.name === "CCAS d'Agen")!.covers);
  });

  test("a profile form with errors comes back with the input and the French messages", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/nouveau");
    const response = await postForm(t, coordinator, "/partenaires/nouveau", [["nom", "Épicerie solidaire"], ["typologie", "ASSO"], ["courriel", "faux"]]);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /value="Épicerie solidaire"/);
    assert.match(response.body, /L&#39;adresse e-mail doit ressembler|L'adresse e-mail doit ressembler/);
    assert.match(response.body, /Indiquez la zone couverte/);
  });

  test("a SIRET already held by another structure is refused next to the field, in the form and in an import", async () => {
    const holder = await t.handle.db.selectFrom("structures").select(["name", "siret"]).where("siret", "is not", null).executeTakeFirstOrThrow();
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/nouveau");
    const form = await postForm(t, coordinator, "/partenaires/nouveau", [["nom", "Épicerie solidaire"], ["typologie", "ASSO"], ["siret", holder.siret!], ["departement", "oui"]]);
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /id="siret-erreur"[\s\S]*Ce SIRET est déjà celui de/);
    assert.match(form.body, /value="Épicerie solidaire"/);

    const twice = [STRUCTURES.split("\n")[0], `di-a,${holder.siret},Premier,ASSO,1 rue,47000,Agen,47001,,,2026-10-01`, `di-b,${holder.siret},Second,ASSO,2 rue,47000,Agen,47001,,,2026-10-01`].join("\n");
    await coordinator.get("/partenaires/import");
    const checked = await coordinator.post("/partenaires/import", { structures: twice, services: "", etape: "verifier" });
    assert.equal(checked.statusCode, 400);
    const rows = [...checked.body.matchAll(/<tr><td>(Structures|Services)<\/td><td>(\d+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.ok(rows.includes("Structures 3 siret"), rows.join(" | "));
  });

  test("a partner named like one of the directory's own pages still gets a page of its own", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/nouveau");
    const created = await postForm(t, coordinator, "/partenaires/nouveau", [["nom", "Import"], ["typologie", "ASSO"], ["departement", "oui"]]);
    assert.equal(created.statusCode, 303);
    assert.match(String(created.headers.location), /^\/partenaires\/import-2\?/);
    assert.equal((await coordinator.get("/partenaires/import-2")).statusCode, 200);
  });

  test("a partner saved without address or commune exports a file that imports again", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/nouveau");
    const created = await postForm(t, coordinator, "/partenaires/nouveau", [["nom", "Association Sans Adresse"], ["typologie", "ASSO"], ["departement", "oui"]]);
    assert.equal(created.statusCode, 303);
    const csv = (await coordinator.get("/partenaires/export/structures.csv?q=Sans+Adresse")).body;
    assert.match(csv, /Association Sans Adresse/);
    await coordinator.get("/partenaires/import");
    const checked = await coordinator.post("/partenaires/import", { structures: csv, services: "", etape: "verifier" });
    assert.equal(checked.statusCode, 200, checked.body.slice(0, 2000));
    assert.match(checked.body, /Structures : 0 à créer, 0 à mettre à jour, 1 sans changement/);
  });

  test("a partner whose name looks like a formula exports defused, and the file imports again unchanged", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    await coordinator.get("/partenaires/nouveau");
    const name = '=HYPERLINK("http://piege.example","Cliquez")';
    const created = await postForm(t, coordinator, "/partenaires/nouveau", [["nom", name], ["typologie", "ASSO"], ["departement", "oui"], ["telephone", "+33 5 53 00 00 01"]]);
    assert.equal(created.statusCode, 303);
    const csv = (await coordinator.get("/partenaires/export/structures.csv?q=HYPERLINK")).body;
    const [header, row] = parseCsv(csv);
    const cell = (field: string) => row?.fields[header?.fields.indexOf(field) ?? -1];
    assert.equal(cell("nom"), `'${name}`);
    assert.equal(cell("telephone"), "+33 5 53 00 00 01");
    await coordinator.get("/partenaires/import");
    const checked = await coordinator.post("/partenaires/import", { structures: csv, services: "", etape: "verifier" });
    assert.equal(checked.statusCode, 200, checked.body.slice(0, 2000));
    assert.match(checked.body, /Structures : 0 à créer, 0 à mettre à jour, 1 sans changement/);
  });

  test("the CAF agent edits its own structure's services, not another partner's", async () => {
    const caf = await signIn(t, "caf@declic47.example");
    assert.equal((await caf.get("/partenaires/france-travail-lot-et-garonne/modifier")).statusCode, 403);
    await caf.get("/partenaires/caf-de-lot-et-garonne/services/nouveau");
    const created = await postForm(t, caf, "/partenaires/caf-de-lot-et-garonne/services/nouveau", [["nom", "Rendez-vous des jeunes parents"], ["thematiques", "famille"], ["publics", "familles-enfants"]]);
    assert.equal(created.statusCode, 303);
    const page = await caf.get("/partenaires/caf-de-lot-et-garonne");
    assert.match(page.body, /Rendez-vous des jeunes parents/);
    const audit = await t.handle.db.selectFrom("audit_log").select("action").where("action", "=", "partner.service_created").execute();
    assert.equal(audit.length, 1);
  });
});
