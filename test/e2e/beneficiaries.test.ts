// Beneficiary pages in a real browser: axe-core finds no violation on the list (empty and filled), the new
// record form with its errors, the record, the export, the erasure confirmation, the duplicates and the merge
// comparison; the creation works with JavaScript off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { clearActivityData, createPerson, insertIndividualReport } from "../../src/features/beneficiaries/beneficiaries.test-support.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, watchProblems } from "./e2e-support.ts";

const ISABELLE = "isabelle.petit@declic47.example";

describe("beneficiary pages in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  async function open(email: string, javaScriptEnabled = true): Promise<void> {
    await context?.close();
    context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    problems = await watchProblems(context);
    page = await context.newPage();
    await signIn(page, base, email);
  }

  async function checkHere(): Promise<void> {
    await assertAccessible(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** Opens a page, checks its status, axe-core and reflow at 320 px. */
  async function visit(path: string): Promise<void> {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response?.status(), 200, path);
    await checkHere();
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    // The demo's own people would fill the lists: these pages are checked on records made here.
    await clearActivityData(t.handle.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  test("an empty list, the new record form and its errors have no accessibility violation", async () => {
    await open(ISABELLE);
    await visit(`/beneficiaires`);
    assert.match((await page.locator("main").textContent()) ?? "", /Aucune fiche pour l'instant/);
    await visit(`/beneficiaires/nouveau`);
    await page.locator("#last_name").fill("Sans-Prénom");
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await page.getByRole("heading", { name: /Il y a \d erreurs/ }).waitFor();
    await checkHere();
    assert.equal(await page.locator("#last_name").inputValue(), "Sans-Prénom");
    assertNoProblems(problems);
  });

  test("with JavaScript off, an advisor creates a record with consent and lands on it", async () => {
    await open(ISABELLE, false);
    await page.goto(`${base}/beneficiaires/nouveau`);
    await page.getByLabel("Prénom", { exact: true }).fill("Amélie");
    await page.locator("#last_name").fill("Castagnet");
    await page.locator("#phone").fill("06 45 45 45 45");
    await page.locator("#birth_year").fill("1962");
    await page.locator("#residence_commune").fill("Agen");
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await page.getByRole("heading", { name: /Il y a \d erreurs/ }).waitFor();
    assert.equal(await page.locator("#phone").inputValue(), "06 45 45 45 45");
    await page.getByLabel("La personne est d'accord pour que ses informations soient enregistrées").check();
    await page.getByLabel("À l'oral").check();
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await page.getByRole("heading", { level: 1, name: "Amélie Castagnet" }).waitFor();
    assert.match((await page.locator("main").textContent()) ?? "", /La fiche a été créée/);
    assertNoProblems(problems);
  });

  test("a filled list, the record, export, erasure confirmation, duplicates and merge pages have no accessibility violation", async () => {
    const isabelle = await t.handle.db
      .selectFrom("advisors")
      .innerJoin("users", "users.id", "advisors.user_id")
      .select(["advisors.id", "advisors.structure_id"])
      .where("users.email", "=", ISABELLE)
      .executeTakeFirstOrThrow();
    const a = await createPerson(t.handle.db, isabelle, { firstName: "Fernande", lastName: "Lacoste", phone: "06 20 20 20 20", birthYear: 1940, shared: true });
    const b = await createPerson(t.handle.db, isabelle, { firstName: "Fernande", lastName: "Lacoste", phone: "06 20 20 20 20" });
    await insertIndividualReport(t.handle.db, isabelle, a, "2026-01-12");
    await open(ISABELLE);
    await visit(`/beneficiaires`);
    await visit(`/beneficiaires?q=lacoste`);
    await visit(`/beneficiaires/${a}`);
    await visit(`/beneficiaires/${a}/modifier`);
    await visit(`/beneficiaires/${a}/export`);
    await visit(`/beneficiaires/${a}/effacer`);
    await visit(`/beneficiaires/doublons`);
    await page.getByRole("link", { name: /Fernande Lacoste et Fernande Lacoste/ }).click();
    await page.getByRole("heading", { level: 1, name: "Fusionner deux fiches" }).waitFor();
    await checkHere();
    await page.getByRole("button", { name: "Fusionner les deux fiches" }).click();
    await page.getByRole("heading", { level: 1, name: "Fernande Lacoste" }).waitFor();
    const merged = await t.handle.db.selectFrom("beneficiaries").select("merged_into_id").where("id", "in", [a, b]).execute();
    assert.equal(merged.filter((m) => m.merged_into_id !== null).length, 1);
    assertNoProblems(problems);
  });

  test("the structure manager's read journal has no accessibility violation", async () => {
    await open("responsable.lgnum@declic47.example");
    await visit(`/beneficiaires/journal`);
    await visit(`/beneficiaires`);
    assertNoProblems(problems);
  });
});
