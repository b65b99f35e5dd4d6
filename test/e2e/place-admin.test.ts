// The places back office in a real browser: every page checked with axe-core, without JavaScript errors
// or Content-Security-Policy violations, and reflowing at 320 CSS pixels.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { type AddressApiDouble, startAddressApiDouble } from "../../src/features/geocoding/address-api-double.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("managing places in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let double: AddressApiDouble;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let placeId: string;

  before(async () => {
    double = await startAddressApiDouble();
    ({ t, base } = await startServedDemoApp({ GEOCODER_URL: double.baseUrl, GEOCODER_TIMEOUT_MS: "500" }));
    browser = await launchBrowser();
    context = await newContext(browser, { bypassCSP: false });
    problems = await watchProblems(context);
    page = await context.newPage();
    placeId = (
      await t.handle.db
        .selectFrom("places")
        .innerJoin("structures", "structures.id", "places.structure_id")
        .select("places.id")
        .where("structures.slug", "=", "lot-et-garonne-numerique")
        .where("places.name", "=", "Mairie de Lauzun")
        .executeTakeFirstOrThrow()
    ).id;
    await signIn(page, base, "responsable.lgnum@declic47.example");
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await double?.close();
  });

  test("the list of managed places", async () => {
    await visitAndCheck(page, `${base}/gestion/lieux`);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Gestion des lieux");
    await page.getByRole("link", { name: "Mairie de Lauzun" }).click();
    await page.getByRole("heading", { level: 1, name: "Mairie de Lauzun" }).waitFor();
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("the empty place form, then the form with its errors shown", async () => {
    await visitAndCheck(page, `${base}/gestion/lieux/nouveau`);
    await page.getByLabel("Nom du lieu").fill("Atelier numérique");
    await page.getByLabel("Commune").fill("47300");
    await page.getByLabel("Ouverture (1re plage)").first().fill("12:00");
    await page.getByLabel("Fermeture (1re plage)").first().fill("09:00");
    await page.getByRole("button", { name: "Créer le lieu" }).click();
    await page.locator(".error-summary").waitFor();
    await assertAccessible(page);
    assert.equal(await page.getByLabel("Nom du lieu").inputValue(), "Atelier numérique");
    await page.setViewportSize({ width: 320, height: 800 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    assertNoProblems(problems);
  });

  test("the permanence form and the history page", async () => {
    await visitAndCheck(page, `${base}/gestion/lieux/${placeId}/permanences`);
    await visitAndCheck(page, `${base}/gestion/lieux/${placeId}/permanences/nouvelle`);
    await page.getByLabel("Conseiller ou conseillère").selectOption({ label: "Isabelle Petit (Lot-et-Garonne Numérique)" });
    await page.getByLabel("Mardi").check();
    await page.getByLabel("Heure de début").fill("09:00");
    await page.getByLabel("Heure de fin").fill("12:00");
    await page.getByRole("button", { name: "Ajouter la permanence" }).click();
    await page.waitForURL(/\/permanences\?message=ajoutee$/);
    await assertAccessible(page);
    await visitAndCheck(page, `${base}/gestion/lieux/${placeId}/historique`);
    assert.match((await page.locator("main").textContent()) ?? "", /Ajout d'une permanence/);
    await page.setViewportSize({ width: 320, height: 800 });
    await assertReflows(page);
    assertNoProblems(problems);
  });
});
