// The partner directory in a browser, each journey once with JavaScript and once without: an advisor filters
// the directory and opens a partner's page; a coordinator's edit form comes back with an error and the input;
// the import shows the lines to correct, then the preview of a valid file. With JavaScript on (axe-core needs
// it), every page is checked with axe-core.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { ISABELLE } from "../../src/features/activities/list/activity-list.test-support.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, newPerson, signIn } from "./e2e-support.ts";

/** This helper's own port (3610–3619), so parallel servers never collide. */
const PORT = 3613;

describe("partner directory, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let browser: Browser;
  const base = `http://127.0.0.1:${PORT}`;

  before(async () => {
    t = await startTestApp({ template: "demo", env: { PUBLIC_URL: base } });
    await t.app.listen({ port: PORT, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const js of [true, false]) {
  const mode = js ? "with JavaScript, axe-core on every page" : "without JavaScript";
  const check = async (page: Page) => {
    if (js) await assertAccessible(page);
  };

  test(`an advisor finds the partners covering Marmande and reads the France Travail Marmande page (${mode})`, async () => {
    const context = await newContext(browser, { javaScriptEnabled: js });
    try {
      const page = await context.newPage();
      await signIn(page, base, ISABELLE);
      await page.getByRole("link", { name: "Partenaires du réseau" }).click();
      await check(page);
      await page.getByLabel("Commune couverte").selectOption({ label: "Marmande" });
      await page.getByRole("button", { name: "Filtrer" }).click();
      await page.getByText("4 partenaires pour ces critères").waitFor();
      await check(page);
      await page.getByRole("link", { name: "France Travail Marmande" }).click();
      await page.getByRole("heading", { level: 1, name: "France Travail Marmande" }).waitFor();
      assert.match((await page.locator("main").textContent()) ?? "", /CA Val de Garonne Agglomération/);
      await check(page);
    } finally {
      await context.close();
    }
  });

  test(`a coordinator's edit form keeps the input after an error, and the import previews a file (${mode})`, async () => {
    const context = await newContext(browser, { javaScriptEnabled: js });
    try {
      const page = await context.newPage();
      await signIn(page, base, await newPerson(t, "coordinator", "Claire", js ? "Script" : "Texte"));
      await page.goto(`${base}/partenaires/ccas-d-agen/modifier`);
      await check(page);
      await page.getByLabel("Courriel").fill("ccas-agen");
      await page.getByRole("button", { name: "Enregistrer" }).click();
      await page.getByRole("heading", { name: "Il y a une erreur" }).waitFor();
      assert.equal(await page.getByLabel("Courriel").inputValue(), "ccas-agen");
      assert.equal(await page.getByLabel("Nom de la structure").inputValue(), "CCAS d'Agen");
      await check(page);

      await page.goto(`${base}/partenaires/import`);
      await check(page);
      const header = "id,nom,typologie,adresse,code_postal,commune,date_maj";
      await page.getByLabel("Fichier des structures").fill(`${header}\n${js ? "s1" : "s2"},Épicerie solidaire ${js ? "du centre" : "du marché"},ASSO,1 rue,47000,Agen,2026-11-01\ns9,Sans code,ASSO,1 rue,470,Agen,2026-11-01\n`);
      await page.getByRole("button", { name: "Vérifier les fichiers" }).click();
      await page.getByRole("heading", { level: 1, name: "Des lignes sont à corriger" }).waitFor();
      assert.deepEqual(await page.locator("#lignes-erreurs tbody tr td:nth-child(2)").allTextContents(), ["3"]);
      await check(page);
      await page.getByLabel("Fichier des structures").fill(`${header}\n${js ? "s1" : "s2"},Épicerie solidaire ${js ? "du centre" : "du marché"},ASSO,1 rue,47000,Agen,2026-11-01\n`);
      await page.getByRole("button", { name: "Vérifier les fichiers" }).click();
      await page.getByRole("heading", { level: 1, name: "Les fichiers sont prêts" }).waitFor();
      assert.match((await page.locator("main").textContent()) ?? "", /Structures : 1 à créer/);
      await check(page);
      await page.getByRole("button", { name: "Importer", exact: true }).click();
      await page.getByText("Import terminé").waitFor();
      await check(page);
    } finally {
      await context.close();
    }
  });
  }
});
