// Open data in a browser: the public page and its CSV link without JavaScript, and an administrator's
// import of a pasted file (check with errors, correction, confirmation); every page checked with axe-core.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { exportCsv, withCell } from "../../src/features/places/opendata/opendata.fixtures.ts";
import { STANDARD_FIELDS } from "../../src/features/places/opendata/standard-schema.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, newPerson, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("open data, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("the open-data page passes axe, and its CSV link downloads the file without JavaScript", async () => {
    const withJs = await newContext(browser);
    try {
      await visitAndCheck(await withJs.newPage(), `${base}/donnees`);
    } finally {
      await withJs.close();
    }
    const context = await newContext(browser, { javaScriptEnabled: false, acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/donnees`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le fichier CSV" }).click()]);
      assert.equal(download.suggestedFilename(), "lieux-de-mediation-numerique.csv");
      const content = await readFile((await download.path())!, "utf8");
      assert.ok(content.startsWith(`${STANDARD_FIELDS.join(",")}\r\n`));
      assert.ok(content.split("\r\n").length > 10);
    } finally {
      await context.close();
    }
  });

  test("an administrator pastes a file, reads the lines to correct, corrects them and confirms the import", async () => {
    const context = await newContext(browser, { bypassCSP: false });
    const problems = await watchProblems(context);
    try {
      const page = await context.newPage();
      await signIn(page, base, await newPerson(t, "admin", "Alice", "Import"));
      const csv = withCell(await exportCsv(t), 2, "nom", "Lieu renommé par import");
      const bad = withCell(withCell(csv, 3, "code_postal", "4700"), 6, "modalites_acces", "Par pigeon voyageur");

      await visitAndCheck(page, `${base}/admin/donnees/import`);
      await page.getByLabel("Structure des nouveaux lieux").selectOption({ index: 1 });
      await page.getByLabel("Contenu du fichier CSV").fill(bad);
      await page.getByRole("button", { name: "Vérifier le fichier" }).click();
      await page.getByRole("heading", { level: 1, name: "Des lignes sont à corriger" }).waitFor();
      const lines = await page.locator("table tbody tr td:first-child").allTextContents();
      assert.deepEqual(lines, ["3", "6"]);
      await assertAccessible(page);

      await page.getByLabel("Contenu du fichier CSV").fill(csv);
      await page.getByRole("button", { name: "Vérifier le fichier" }).click();
      await page.getByRole("heading", { level: 1, name: "Le fichier est prêt" }).waitFor();
      await assertAccessible(page);

      await page.getByRole("button", { name: /^Importer \d+ lieux$/ }).click();
      await page.getByText("Import terminé").waitFor();
      assert.match((await page.getByRole("status").textContent()) ?? "", /1 mis à jour/);
      await assertAccessible(page);
      assertNoProblems(problems);
    } finally {
      await context.close();
    }
  });
});
