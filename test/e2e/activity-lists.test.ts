// The lists of activity reports and the API tokens pages in a real browser: axe-core finds no violation
// on the list with results, with filter errors and empty, nor on the token pages; the list filters with
// JavaScript off, and reflows on a phone.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { advisorByEmail, clearReports, firstPlaceOf, ISABELLE, insertPerson, insertReport } from "../../src/features/activities/list/activity-list.test-support.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("report lists and API tokens in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    return { page: await context.newPage(), problems };
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    await clearReports(t);
    const isabelle = await advisorByEmail(t, ISABELLE);
    const place = await firstPlaceOf(t, isabelle.structure_id);
    const person = await insertPerson(t, isabelle, "Marie", "Lagarde");
    for (let day = 1; day <= 28; day++) {
      const date = `2026-10-${String(day).padStart(2, "0")}`;
      await insertReport(t, isabelle, { date, themes: day % 3 === 0 ? ["aide-demarches"] : ["e-mail"], placeId: day % 2 === 0 ? place.id : undefined, beneficiaryId: day === 5 ? person : null });
    }
    await insertReport(t, isabelle, { date: "2026-10-30", type: "collectif", themes: ["securite-numerique"], anonymous: 9 });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  test("the list with results, with filter errors and empty has no accessibility violation", async () => {
    const { page, problems } = await open();
    await signIn(page, base, ISABELLE);
    await visitAndCheck(page, `${base}/activites`);
    assert.match((await page.locator("h2#liste-titre").textContent()) ?? "", /29 comptes rendus/);
    // On a phone (or zoomed to 400 %) each report becomes a block: nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    await assertAccessible(page);
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await visitAndCheck(page, `${base}/activites?du=2026-13-45&type=autre`, 400);
    assert.match((await page.locator(".error-summary").textContent()) ?? "", /2 erreurs/);
    await visitAndCheck(page, `${base}/activites?du=2020-01-01&au=2020-01-31`);
    assert.match((await page.locator("main").textContent()) ?? "", /Aucun compte rendu ne correspond/);
    assertNoProblems(problems);
  });

  test("the list filters and pages with JavaScript off", async () => {
    const { page } = await open(false);
    await signIn(page, base, ISABELLE);
    await page.goto(`${base}/activites`);
    await page.getByLabel("Thématique").selectOption("aide-demarches");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/thematique=aide-demarches/);
    assert.match((await page.locator("h2#liste-titre").textContent()) ?? "", /9 comptes rendus/);
    await page.goto(`${base}/activites`);
    await page.getByRole("link", { name: /Page suivante/ }).click();
    await page.waitForURL(/page=2/);
    assert.equal(await page.locator("tbody tr").count(), 4);
  });

  test("the API token pages, the form with errors and the token shown once have no accessibility violation", async () => {
    const { page, problems } = await open();
    await signIn(page, base, "admin@declic47.example");
    await visitAndCheck(page, `${base}/admin/jetons-api`);
    await visitAndCheck(page, `${base}/admin/jetons-api/nouveau`);
    await page.getByRole("button", { name: "Créer le jeton" }).click();
    await page.locator(".error-summary").waitFor();
    assert.match((await page.locator(".error-summary").textContent()) ?? "", /2 erreurs/);
    await assertAccessible(page);
    await page.getByLabel("Nom du jeton").fill("Observatoire");
    await page.getByLabel("Comptes rendus d'activité (anonymisés)").check();
    await page.getByRole("button", { name: "Créer le jeton" }).click();
    await page.getByRole("heading", { level: 1, name: /Jeton « Observatoire » créé/ }).waitFor();
    assert.match(await page.locator("#jeton").inputValue(), /^declic_/);
    await assertAccessible(page);
    await visitAndCheck(page, `${base}/admin/jetons-api`);
    await page.getByRole("link", { name: /Révoquer le jeton « Observatoire »/ }).click();
    await page.getByRole("button", { name: "Oui, révoquer ce jeton" }).waitFor();
    await assertAccessible(page);
    await page.getByRole("button", { name: "Oui, révoquer ce jeton" }).click();
    await page.waitForURL(/message=revoque/);
    await assertAccessible(page);
    assertNoProblems(problems);
  });
});
