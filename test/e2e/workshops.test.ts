// Workshops in a real browser: no accessibility violation on the catalogue (with results and empty), a
// workshop page, the registration form with its errors, the personal page and the attendance sheet;
// registration works with JavaScript turned off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { materialiseSeries } from "../../src/features/workshops/workshop-series.service.ts";
import { insertWorkshop, prepareWorkshops, type WorkshopFixture } from "../../src/features/workshops/workshops.fixtures.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("workshops in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let f: WorkshopFixture;
  let workshopId: string;
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
    f = await prepareWorkshops(t);
    workshopId = await insertWorkshop(t, f, { title: "Découvrir internet", startsAt: new Date(Date.now() + 3 * 86_400_000), capacity: 6 });
    // What the upkeep job does every five minutes in production: the series' dates (a remote one among them).
    await materialiseSeries(t.handle.db, new Date(), "47");
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  test("the catalogue, with results and empty, and a workshop page have no accessibility violation", async () => {
    await openContext(true);
    await visitAndCheck(page, `${base}/ateliers`);
    assert.ok((await page.getByRole("link", { name: "Découvrir internet" }).count()) >= 1);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await visitAndCheck(page, `${base}/ateliers?commune=${f.communeCode}&distance=1`);
    await page.getByRole("heading", { name: "Aucun atelier à venir" }).waitFor();
    await visitAndCheck(page, `${base}/ateliers/${workshopId}`);
    assertNoProblems(problems);
  });

  async function fixturePlaceSlug(): Promise<string> {
    return (await t.handle.db.selectFrom("places").select("slug").where("id", "=", f.placeId).executeTakeFirstOrThrow()).slug;
  }

  test("the home page, the page of a place hosting workshops and the catalogue filtered to it are accessible and reflow", async () => {
    await openContext(true);
    const slug = await fixturePlaceSlug();
    for (const path of ["/", `/lieux/${slug}`, `/ateliers?lieu=${slug}`]) {
      await visitAndCheck(page, `${base}${path}`);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    assertNoProblems(problems);
  });

  test("with JavaScript off, a person finds the workshops from the header, the home page and a place's page", async () => {
    await openContext(false);
    const slug = await fixturePlaceSlug();
    await page.goto(`${base}/`);
    const home = page.getByRole("region", { name: "Les prochains ateliers" });
    assert.ok((await home.getByRole("link").count()) >= 2, "the next workshops and the way to all of them");
    assert.match((await home.textContent()) ?? "", /À distance/, "a remote workshop is among them");
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Ateliers" }).click();
    await page.waitForURL(`${base}/ateliers`);

    await page.goto(`${base}/lieux/${slug}`);
    const here = page.getByRole("region", { name: "Prochains ateliers ici" });
    assert.equal(await here.getByRole("link", { name: "Découvrir internet" }).count(), 1);
    await here.getByRole("link", { name: /^Voir / }).click();
    await page.waitForURL(`${base}/ateliers?lieu=${slug}`);
    assert.equal(await page.getByLabel("Lieu").inputValue(), slug, "the filter names the place");
    await page.getByRole("link", { name: "Découvrir internet" }).click();
    await page.waitForURL(`${base}/ateliers/${workshopId}`);
    assertNoProblems(problems);
  });

  async function submitWithErrors(): Promise<void> {
    await page.goto(`${base}/ateliers/${workshopId}`);
    await page.getByLabel("Prénom", { exact: true }).fill("Lucie");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/inscription")),
      page.getByRole("button", { name: "M'inscrire" }).click(),
    ]);
    assert.equal(answer.status(), 400);
    await page.getByRole("heading", { name: /Il y a \d erreurs/ }).waitFor();
  }

  async function fixAndRegister(): Promise<void> {
    await page.getByLabel("Nom", { exact: true }).fill("M");
    await page.getByLabel("Téléphone portable").fill("06 12 34 56 78");
    await page.getByLabel(/J'accepte que mes nom/).check();
    await page.getByRole("button", { name: "M'inscrire" }).click();
    await page.getByRole("heading", { level: 1, name: /Mon inscription/ }).waitFor();
    assert.match((await page.textContent("main")) ?? "", /Vous êtes inscrit ou inscrite/);
  }

  test("with JavaScript off, a person filters, fixes the form's errors, registers and cancels", async () => {
    await openContext(false);
    await page.goto(`${base}/ateliers`);
    await page.getByLabel("Seulement les ateliers à distance").check();
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/distance=1/);
    await submitWithErrors();
    await fixAndRegister();
    await page.getByRole("button", { name: "Annuler mon inscription" }).click();
    await page.getByText("Votre inscription est annulée").waitFor();
    assertNoProblems(problems);
  });

  test("the registration form with errors and the personal page have no accessibility violation", async () => {
    await openContext(true);
    await submitWithErrors();
    await assertAccessible(page);
    await fixAndRegister();
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("the advisor's attendance sheet has no accessibility violation", async () => {
    await openContext(true);
    await page.goto(`${base}/ateliers/${workshopId}`);
    await page.getByLabel("Prénom", { exact: true }).fill("Paul");
    await page.getByLabel("Nom", { exact: true }).fill("P");
    await page.getByLabel("Adresse électronique").fill("paul@exemple.fr");
    await page.getByLabel(/J'accepte que mes nom/).check();
    await page.getByRole("button", { name: "M'inscrire" }).click();
    await page.getByRole("heading", { level: 1, name: /Mon inscription/ }).waitFor();
    await signIn(page, base, f.advisorEmail);
    await visitAndCheck(page, `${base}/gestion/ateliers/${workshopId}/presences`);
    await page.getByLabel("Présent ou présente").first().check();
    await page.getByRole("button", { name: "Enregistrer les présences" }).click();
    await page.getByText("Les présences sont enregistrées.").waitFor();
    await assertAccessible(page);
    assertNoProblems(problems);
  });
});
