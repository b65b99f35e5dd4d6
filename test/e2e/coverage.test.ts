// The coverage page (/maillage) in a real browser: axe-core finds no violation by default, with filters,
// with a « Et si… » result and recommendations, and with errors; the map has a text alternative; every
// form works with JavaScript turned off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

const STATES: { name: string; url: string; status: number }[] = [
  { name: "the default view", url: "/maillage", status: 200 },
  { name: "with a service and an employer filter", url: "/maillage?service=aide-aux-demarches-administratives&employeur=epci", status: 200 },
  { name: "with a what-if result and recommendations", url: "/maillage?si_commune=47086&si_rayon_km=10&nb_sites=8&rayon_sites_km=8", status: 200 },
  { name: "on the second page of communes", url: "/maillage?page=2", status: 200 },
  { name: "with errors", url: "/maillage?service=cuisine&nb_sites=0", status: 400 },
];

describe("the coverage page in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    const page = await context.newPage();
    await signIn(page, base, "coordination@declic47.example");
    return { page, problems };
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  test("every state has no accessibility violation and no browser error, and reflows at 320 px", async () => {
    const { page, problems } = await open(true);
    for (const { url, status } of STATES) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visitAndCheck(page, `${base}${url}`, status);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
    }
    assertNoProblems(problems);
  });

  test("the map is an image with a name and a description, and points to the table of the same figures", async () => {
    const { page } = await open(true);
    await page.goto(`${base}/maillage`);
    const map = page.getByRole("img", { name: /Carte des 319 communes/ });
    await map.waitFor();
    assert.match((await map.getAttribute("aria-labelledby")) ?? "", /carte-description/);
    assert.match((await page.locator("#carte-description").textContent()) ?? "", /lieux avec une permanence active/);
    await page.getByRole("link", { name: "tableau des communes" }).click();
    await page.waitForURL(/#communes$/);
    await page.getByRole("table", { name: /Communes classées/ }).waitFor();
  });

  test("with JavaScript off, filters, « Et si… » and the recommendation all work", async () => {
    const { page, problems } = await open(false);
    await page.goto(`${base}/maillage`);
    await page.getByLabel("Type de structure qui porte le lieu").selectOption("commune");
    await page.getByRole("button", { name: "Appliquer les filtres" }).click();
    await page.waitForURL(/employeur=commune/);
    await page.getByLabel("Commune (facultatif)", { exact: true }).selectOption("47086");
    await page.getByRole("button", { name: "Calculer le gain" }).click();
    await page.waitForURL(/si_commune=47086/);
    assert.match(page.url(), /employeur=commune/, "the filter is kept");
    await page.getByRole("heading", { name: "Avec une permanence à le centre de Duras" }).waitFor();
    await page.getByLabel("Nombre de communes").fill("3");
    await page.getByRole("button", { name: "Recommander" }).click();
    await page.waitForURL(/nb_sites=3/);
    assert.match(page.url(), /si_commune=47086/, "the what-if is kept");
    assert.equal(await page.locator("ol.coverage-sites > li").count(), 3);
    await page.getByRole("heading", { name: "Avec une permanence à le centre de Duras" }).waitFor();
    assertNoProblems(problems);
  });
});
