// The public page of a place in a real browser: no accessibility violation on the page, the poster, the
// orientation form and sheet, the error-report form with its errors and the reports list; it all works
// with JavaScript turned off.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { type PlaceFixture, preparePlace } from "../../src/features/places/page/place-page.fixtures.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, newPerson, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("the place page in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let place: PlaceFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  async function openContext(javaScriptEnabled: boolean): Promise<void> {
    await context?.close();
    context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    problems = await watchProblems(context);
    page = await context.newPage();
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    place = await preparePlace(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(() => openContext(true));

  test("the place page, its poster and the orientation form have no accessibility violation", async () => {
    for (const path of ["", "/affiche", "/orientation"]) {
      await visitAndCheck(page, `${base}/lieux/${place.slug}${path}`);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    assertNoProblems(problems);
  });

  test("the poster shows the QR code as an image with a name", async () => {
    await page.goto(`${base}/lieux/${place.slug}/affiche`);
    const qr = page.getByRole("img", { name: /Code QR menant à la fiche du lieu/ });
    assert.equal(await qr.count(), 1);
    assertNoProblems(problems);
  });

  test("a helper fills the orientation form and gets an accessible sheet", async () => {
    await page.goto(`${base}/lieux/${place.slug}/orientation`);
    await page.getByLabel("Prénom de la personne").fill("Léa");
    await page.getByLabel("Note pour la personne ou le conseiller").fill("Renouveler la carte Vitale");
    await page.getByRole("button", { name: "Afficher la fiche à imprimer" }).click();
    await page.getByRole("heading", { level: 1, name: "Fiche d'orientation" }).waitFor();
    assert.match((await page.locator("main").textContent()) ?? "", /Pour : Léa/);
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("the report form with errors is accessible and keeps the text", async () => {
    await page.goto(`${base}/lieux/${place.slug}`);
    await page.getByLabel("Quelle est l'erreur ?").fill("Fermé");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/signaler") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Envoyer le signalement" }).click(),
    ]);
    assert.equal(response.status(), 400);
    await page.locator(".error-summary").waitFor();
    assert.equal(await page.getByLabel("Quelle est l'erreur ?").inputValue(), "Fermé");
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("a coordinator reads the reports list, which has no accessibility violation", async () => {
    await t.handle.db.insertInto("place_reports").values({ place_id: place.placeId, message: "Le téléphone a changé.", ip_hash: "x" }).execute();
    const email = await newPerson(t, "coordinator", "Claire", "Martin");
    await signIn(page, base, email);
    await visitAndCheck(page, `${base}/gestion/signalements`);
    await page.getByRole("button", { name: /Marquer comme traité/ }).first().click();
    await page.getByText("Le signalement est marqué comme traité.").waitFor();
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("with JavaScript off, a person reads the place page and sends a report", async () => {
    await openContext(false);
    await page.goto(`${base}/lieux/${place.slug}`);
    assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1);
    assert.equal(await page.getByRole("table").count(), 1, "the week's hours");
    assert.match((await page.locator(".permanence-list").textContent()) ?? "", /mercredi/);
    await page.getByLabel("Quelle est l'erreur ?").fill("Le lieu est fermé le samedi matin maintenant.");
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await page.getByText("Merci pour votre signalement").waitFor();
    assert.match(page.url(), /\?signalement=merci$/);
    assertNoProblems(problems);
  });
});
