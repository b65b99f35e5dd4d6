// The dashboard's commune filters: typed names or codes, found without JavaScript; the page no longer
// carries two 319-option selects.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { signIn } from "../../places/admin/place-admin.test-support.ts";
import { communeShown, findCommune, normaliseCommuneName, resolveCommuneFields } from "./stats-commune-input.ts";

const COMMUNES = [
  { value: "47195", label: "Nérac" },
  { value: "47157", label: "Marmande" },
  { value: "47323", label: "Villeneuve-sur-Lot" },
  { value: "47252", label: "Sainte-Livrade-sur-Lot" },
  { value: "47001", label: "Agen" },
  { value: "47014", label: "Aubiac" },
];

describe("finding a commune from what was typed", () => {
  test("names match whatever the case, accents, hyphens or « St »/« Ste »", () => {
    assert.equal(normaliseCommuneName("  Sainte-Livrade-sur-Lot "), "sainte livrade sur lot");
    assert.deepEqual(findCommune("nerac", COMMUNES), { kind: "found", code: "47195" });
    assert.deepEqual(findCommune("NÉRAC", COMMUNES), { kind: "found", code: "47195" });
    assert.deepEqual(findCommune("villeneuve sur lot", COMMUNES), { kind: "found", code: "47323" });
    assert.deepEqual(findCommune("Ste Livrade sur Lot", COMMUNES), { kind: "found", code: "47252" });
  });

  test("a code, or the name with its code as the suggestions fill it, is found; an empty field is no filter", () => {
    assert.deepEqual(findCommune("47157", COMMUNES), { kind: "found", code: "47157" });
    assert.deepEqual(findCommune("Marmande (47157)", COMMUNES), { kind: "found", code: "47157" });
    assert.deepEqual(findCommune("   ", COMMUNES), { kind: "empty" });
  });

  test("the start of a single name is enough; several or none are refused with suggestions", () => {
    assert.deepEqual(findCommune("marm", COMMUNES), { kind: "found", code: "47157" });
    assert.deepEqual(findCommune("a", COMMUNES), { kind: "unknown", suggestions: ["Agen", "Aubiac"] });
    assert.deepEqual(findCommune("Paris", COMMUNES), { kind: "unknown", suggestions: [] });
    assert.deepEqual(findCommune("99999", COMMUNES), { kind: "unknown", suggestions: [] });
  });

  test("the query gets codes and a French message for each commune not found; the field shows names", () => {
    const { query, errors } = resolveCommuneFields({ commune: "Nérac", commune_residence: "Nerak", genre: "femme" }, COMMUNES);
    assert.deepEqual(query, { commune: "47195", commune_residence: "Nerak", genre: "femme" });
    assert.match(errors.commune_residence ?? "", /Aucune commune du département ne s'appelle « Nerak »/);
    assert.equal(errors.commune, undefined);
    assert.equal(communeShown("47195", COMMUNES), "Nérac");
    assert.equal(communeShown("Nerak", COMMUNES), "Nerak");
  });
});

describe("the coordination's dashboard with commune fields", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(() => t.close());

  test("a typed name filters the figures without JavaScript and the field shows the name", async () => {
    const visitor = await signIn(t, "coordination@declic47.example");
    const all = await visitor.get("/statistiques");
    assert.equal(all.statusCode, 200);
    const options = all.body.match(/<option/g)?.length ?? 0;
    assert.ok(options < 300, `the page carries ${options} options (two 319-commune selects before)`);
    assert.match(all.body, /<input id="commune" name="commune" type="text" value=""[^>]*data-commune-field/);

    const nerac = await visitor.get("/statistiques?commune=nerac");
    assert.equal(nerac.statusCode, 200);
    assert.match(nerac.body, /Périmètre : [^<]*Nérac/);
    assert.match(nerac.body, /id="commune" name="commune" type="text" value="Nérac"/);
    const byCode = await visitor.get("/statistiques?commune=47195");
    const figures = (html: string) => html.match(/<table[\s\S]*?<\/table>/)?.[0];
    assert.equal(figures(nerac.body), figures(byCode.body), "the name and the code give the same figures");
    assert.notEqual(figures(nerac.body), figures(all.body), "the commune narrows the figures");
  });

  test("an unknown commune answers 400 with the message beside the field and what was typed kept", async () => {
    const visitor = await signIn(t, "coordination@declic47.example");
    const response = await visitor.get("/statistiques?commune_residence=Nerak");
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Aucune commune du département ne s&#39;appelle « Nerak »/);
    assert.match(response.body, /id="commune_residence" name="commune_residence" type="text" value="Nerak"/);
    assert.match(response.body, /aria-invalid="true"/);
  });
});
