// The charts of the statistics pages, as pure functions of fixture results: the summary sentence, table
// rows equal to the data, no NaN with zeros, and « moins de 5 » for small public counts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BreakdownChart, DataTable, SeriesChart } from "./stats-charts.views.tsx";
import { KeyFigures } from "./stats-figures.views.tsx";
import { EMPTY, OCTOBER } from "./stats-fixture.test-support.ts";
import { formatCount, formatHours, formatShare, periodPhrase } from "./stats-format.ts";
import { breakdownSentence, headlineSentence, seriesSentence } from "./stats-summary.ts";
import { barChartHtml, columnChartSvg, niceMax } from "./stats-svg.ts";
import { allTables, breakdownTable, seriesTable } from "./stats-tables.ts";

const exact = { privacy: "exact" as const, csvHref: (key: string) => `/statistiques/export.csv?tableau=${key}` };
/** Intl writes narrow no-break spaces in numbers and before « % »: compare with plain spaces. */
const plain = (text: string | undefined) => (text ?? "").replace(/[\u202f\u00a0]/g, " ");

const pub = { privacy: "public" as const, csvHref: null };

/** The cells of each body row, as text. */
function bodyRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1] ?? ""));
}

describe("summary sentences", () => {
  test("the headline says the period, the accompaniments and the main theme with its share", () => {
    assert.equal(
      plain(headlineSentence(OCTOBER)),
      "En octobre 2026, 2 431 accompagnements pour 2 431 activités, surtout en aide aux démarches administratives (38 % des activités).",
    );
  });

  test("a period that is not a whole month is written from day to day", () => {
    assert.equal(periodPhrase("2026-10-01", "2026-10-15"), "du 1er octobre 2026 au 15 octobre 2026");
    assert.equal(periodPhrase("2026-02-01", "2026-02-28"), "en février 2026");
  });

  test("the series sentence names the busiest bucket", () => {
    assert.equal(plain(seriesSentence(OCTOBER)), "En octobre 2026, 2 431 accompagnements en 5 semaines ; le plus haut : semaine du 5 octobre 2026, avec 712.");
  });

  test("a breakdown sentence gives the leading value, its share and the next one", () => {
    const [themes] = OCTOBER.breakdowns;
    assert.equal(
      plain(breakdownSentence(themes!, OCTOBER)),
      "Thématique : en tête, aide aux démarches administratives, 38 % des activités (924 activités), puis e-mail (400).",
    );
  });

  test("a monthly series counts its months without a plural « s »", () => {
    assert.match(plain(seriesSentence({ ...OCTOBER, granularity: "mois" })), / en 5 mois ; /);
  });

  test("an empty period says so instead of dividing by zero", () => {
    assert.equal(headlineSentence(EMPTY), "En octobre 2026, aucune activité.");
    assert.equal(seriesSentence(EMPTY), "En octobre 2026, aucun accompagnement.");
    assert.match(breakdownSentence(EMPTY.breakdowns[0]!, EMPTY), /aucune activité/);
    assert.equal(plain(formatShare(0, 0)), "0 %");
  });
});

describe("charts and their tables", () => {
  test("the series table has one row per bucket with the data's figures", () => {
    const html = SeriesChart({ result: OCTOBER, options: exact }).value;
    const rows = bodyRows(html);
    assert.equal(rows.length, OCTOBER.series.length);
    OCTOBER.series.forEach((p, i) => {
      assert.equal(rows[i]?.[1], formatCount(p.activities));
      assert.equal(rows[i]?.[2], formatCount(p.accompaniments));
    });
    assert.match(html, /<svg [^>]*role="img" aria-labelledby="graphique-serie-titre graphique-serie-resume"/);
    assert.match(html, /<p id="graphique-serie-resume"[^>]*>En octobre 2026/);
    assert.match(html, /<caption id="graphique-serie-legende">/);
    assert.match(html, /<th scope="row">semaine du 28 septembre 2026<\/th>/);
    assert.match(html, /href="\/statistiques\/export.csv\?tableau=serie"/);
  });

  test("a breakdown table holds every row and its share; a multi-valued one says values overlap", () => {
    const themes = OCTOBER.breakdowns[0]!;
    const html = BreakdownChart({ breakdown: themes, result: OCTOBER, options: exact }).value;
    const rows = bodyRows(html);
    assert.deepEqual(
      rows.map((r) => r[0]),
      themes.rows.map((r) => r.label),
    );
    assert.equal(rows[0]?.[1], "924");
    assert.equal(plain(rows[0]?.[4]), "38 %");
    assert.match(html, /Une activité peut compter dans plusieurs thématiques/);
    assert.equal((html.match(/class="stats-svg__bar"/g) ?? []).length, themes.rows.length);
    const gender = BreakdownChart({ breakdown: OCTOBER.breakdowns[1]!, result: OCTOBER, options: exact }).value;
    assert.doesNotMatch(gender, /plusieurs/);
  });

  test("zeros draw no NaN, no Infinity and no bar", () => {
    for (const html of [
      SeriesChart({ result: EMPTY, options: exact }).value,
      columnChartSvg([], { labelledBy: "x" }),
      barChartHtml([{ label: "Rien", value: 0, text: "0" }], { labelledBy: "x" }),
    ]) {
      assert.doesNotMatch(html, /NaN|Infinity/);
      assert.doesNotMatch(html, /stats-svg__bar/);
    }
    assert.equal(niceMax(0), 1);
    assert.equal(niceMax(712), 1000);
    assert.equal(niceMax(230), 250);
  });

  test("on a public page a count from 1 to 4 reads « moins de 5 », with no bar and no share", () => {
    const gender = OCTOBER.breakdowns[1]!;
    const html = BreakdownChart({ breakdown: gender, result: OCTOBER, options: pub }).value;
    const last = bodyRows(html).at(-1)?.map(plain);
    assert.deepEqual(last, ["Non communiqué", "moins de 5", "moins de 5", "–", "–"]);
    assert.equal((html.match(/class="stats-svg__bar"/g) ?? []).length, 2);
    assert.doesNotMatch(html, /Télécharger/);
  });

  test("the tables for exports hold raw numbers: hours with one decimal, shares in percent", () => {
    const table = breakdownTable(OCTOBER.breakdowns[0]!, OCTOBER.totals);
    assert.deepEqual(table.rows[0], ["Aide aux démarches administratives", 924, 1010, 683.3, 38]);
    assert.equal(seriesTable(OCTOBER).rows.length, 5);
    assert.deepEqual(
      allTables(OCTOBER).map((t) => t.key),
      ["totaux", "serie", "theme", "gender"],
    );
    const totals = plain(DataTable({ table: allTables(OCTOBER)[0]!, id: "t", privacy: "exact" }).value);
    assert.match(totals, /<th scope="row">Heures d&#39;accompagnement<\/th><td class="num">1 502<\/td>/);
  });
});

describe("key figures", () => {
  test("a count of zero reads in words: « aucune déjà suivie », never « 0 déjà suivie »", () => {
    const html = KeyFigures({ totals: { ...OCTOBER.totals, followedPeople: 0, workshopParticipants: 0, collectiveActivities: 0 }, privacy: "exact" }).value;
    assert.match(html, /aucune déjà suivie/);
    assert.match(html, /dont aucune participation à des ateliers/);
    assert.match(html, /aucun atelier/);
    assert.doesNotMatch(html, /\b0 (déjà|participation|atelier)/);
    assert.match(KeyFigures({ totals: EMPTY.totals, privacy: "public" }).value, /aucune nouvelle, aucune déjà suivie, aucune anonyme/);
  });

  test("hours keep their unit on the same line", () => {
    assert.equal(formatHours(90), "1,5\u00a0h");
  });
});
