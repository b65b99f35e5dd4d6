// The public figures, the monthly report and the key figures as pure views of fixture results.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PageContext } from "../../../web/layout.tsx";
import { suppressSmallCounts } from "../stats-figures.ts";
import { changeText, KeyFigures } from "./stats-figures.views.tsx";
import { EMPTY, OCTOBER } from "./stats-fixture.test-support.ts";
import { lastFullMonth, monthBounds } from "./stats-pages.service.ts";
import { fromPublicResult } from "./stats-public.adapter.ts";
import { PublicFiguresPage } from "./stats-public.views.tsx";
import { ReportPage } from "./stats-report.views.tsx";

const ctx: PageContext = {
  site: { brandName: "déClic47", tagline: "le numérique facile", departementName: "Lot-et-Garonne", hasLogo: false, demo: false },
  viewer: null,
  csrfToken: "jeton",
  path: "/chiffres",
};
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");
const cells = (html: string) => [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => plain(m[1] ?? ""));

describe("public figures", () => {
  test("suppressed counts read « moins de 5 » and no cell shows a count from 1 to 4", () => {
    const html = PublicFiguresPage({ ctx, model: { result: fromPublicResult(suppressSmallCounts(OCTOBER)), departementName: "Lot-et-Garonne", generatedOn: "2026-11-02" } }).value;
    const all = cells(html);
    assert.ok(all.includes("moins de 5"));
    for (const cell of all) assert.doesNotMatch(cell, /^[1-4]$/);
    assert.doesNotMatch(html, /NaN|>-1<|undefined/);
  });

  test("an empty year says there is no activity", () => {
    const html = PublicFiguresPage({ ctx, model: { result: EMPTY, departementName: "Lot-et-Garonne", generatedOn: "2026-11-02" } }).value;
    assert.match(html, /Aucune activité sur cette période/);
    assert.doesNotMatch(html, /<svg class="stats-svg"/);
  });
});

describe("monthly report", () => {
  test("the key figures compare with the previous month", () => {
    assert.equal(changeText(110, 100), "+10 %");
    assert.equal(changeText(90, 100), "−10 %");
    assert.equal(changeText(0, 0), "stable");
    assert.equal(changeText(5, 0), "en hausse (rien le mois précédent)");
    const html = plain(KeyFigures({ totals: OCTOBER.totals, privacy: "exact", previous: { totals: { ...OCTOBER.totals, activities: 2210 }, label: "septembre 2026" } }).value);
    assert.match(html, /\+10 % par rapport à septembre 2026 \(2 210\)/);
  });

  test("the report names its month, its scope and prints without script", () => {
    const html = ReportPage({
      ctx,
      model: {
        scopeTitle: "Statistiques du réseau",
        monthInput: "2026-10",
        errors: {},
        scopeQuery: "&structure=abc",
        report: { month: "2026-10", current: OCTOBER, previous: EMPTY, previousMonth: "2026-09", nextMonth: null, generatedOn: "2026-11-02" },
      },
    }).value;
    assert.match(html, /<h1>Rapport d&#39;activité : octobre 2026<\/h1>/);
    assert.match(html, /commande « Imprimer »/);
    assert.match(html, /href="\/statistiques\/rapport\?mois=2026-09&amp;structure=abc"/);
    assert.match(html, /<input type="hidden" name="structure" value="abc">/);
    assert.doesNotMatch(html, /<script/);
  });

  test("the default month is the last full one, and a month's bounds are its first and last day", () => {
    assert.equal(lastFullMonth("2026-11-02"), "2026-10");
    assert.equal(lastFullMonth("2026-01-15"), "2025-12");
    assert.deepEqual(monthBounds("2024-02"), { from: "2024-02-01", to: "2024-02-29" });
  });
});
