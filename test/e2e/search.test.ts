// The search of help places in a real browser: accessible in every state, usable with the keyboard alone,
// complete without JavaScript, and its map (an enhancement) allowed by the Content-Security-Policy.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, listen, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, visitAndCheck, watchProblems } from "./e2e-support.ts";

const STATES: { name: string; url: string; status: number }[] = [
  { name: "results near Casteljaloux", url: "/trouver-de-l-aide?commune=47052&rayon_km=30", status: 200 },
  { name: "results with filters", url: "/trouver-de-l-aide?commune=47001&gratuit=1&service=aide-aux-demarches-administratives", status: 200 },
  { name: "no result, with next steps", url: "/trouver-de-l-aide?commune=47052&rayon_km=1&accompagnement=surdite&public=femmes", status: 200 },
  { name: "a bad parameter", url: "/trouver-de-l-aide?commune=47052&rayon_km=500&ouvert=hier", status: 400 },
  { name: "a commune name that matches nothing", url: "/trouver-de-l-aide?q=zzzz", status: 400 },
  { name: "a postcode shared by several communes", url: "/trouver-de-l-aide?q=47300", status: 200 },
];

/** Presses Tab until the focus is on an element matching the selector. */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with Tab`);
}

describe("the search of help places in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    t = await startTestApp({ template: "demo" });
    base = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await newContext(browser);
    problems = await watchProblems(context);
    page = await context.newPage();
  });

  for (const { name, url, status } of STATES) {
    test(`${name}: no accessibility violation, no browser error, no sideways scrolling at 320 px`, async () => {
      await visitAndCheck(page, `${base}${url}`, status);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      assertNoProblems(problems);
    });
  }

  test("the map draws the places without tiles, stays out of the tab order, and keeps the page accessible", async () => {
    await page.goto(`${base}/trouver-de-l-aide?commune=47052&rayon_km=30`);
    const map = page.getByRole("region", { name: /Carte des lieux d'aide/ });
    await map.locator(".leaflet-interactive").first().waitFor();
    assert.equal(await map.getAttribute("tabindex"), null, "the map container is not a tab stop");
    const markers = await map.locator("path.leaflet-interactive").count();
    const listed = await page.locator(".result-list h3 a").count();
    assert.equal(markers, listed, "one marker per listed place");
    await map.locator("path.leaflet-interactive").first().click({ force: true });
    const link = page.locator(".leaflet-popup-content a");
    assert.match((await link.getAttribute("href")) ?? "", /^\/lieux\//);
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("with the keyboard alone, a person searches, filters and opens a place", async () => {
    await page.goto(`${base}/trouver-de-l-aide`);
    await tabTo(page, "#q");
    await page.keyboard.type("Casteljaloux");
    await Promise.all([page.waitForURL(/q=Casteljaloux/), page.keyboard.press("Enter")]);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Lieux d'aide près de Casteljaloux");

    await tabTo(page, "summary");
    await page.keyboard.press("Enter");
    await tabTo(page, "#gratuit");
    await page.keyboard.press("Space");
    assert.equal(await page.locator("#gratuit").isChecked(), true);
    await tabTo(page, ".search-filters > button[type=submit]");
    await Promise.all([page.waitForURL(/gratuit=1/), page.keyboard.press("Enter")]);
    assert.match((await page.locator("#resultats").textContent()) ?? "", /correspond/);

    await tabTo(page, ".result-list h3 a");
    const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
    await Promise.all([page.waitForURL(`${base}${href}`), page.keyboard.press("Enter")]);
    assert.match(page.url(), /\/lieux\//);
    assertNoProblems(problems);
  });
});

describe("the search of help places without JavaScript", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  before(async () => {
    t = await startTestApp({ template: "demo" });
    base = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("a person types a commune, ticks filters and submits; pages keep the filters", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/trouver-de-l-aide`);
      await page.getByLabel("Votre commune ou votre code postal").fill("agen");
      await page.getByLabel("Distance maximale").selectOption("100");
      await page.getByRole("button", { name: "Rechercher" }).click();
      await page.waitForURL(/q=agen/);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Lieux d'aide près d'Agen");
      assert.equal(await page.locator("#carte").isHidden(), true, "no empty map box without JavaScript");

      await page.locator("summary").click();
      await page.getByRole("group", { name: "Autres critères" }).getByLabel("Gratuit").check();
      await page.getByRole("group", { name: "Pour quoi avez-vous besoin d'aide ?" }).getByLabel(/Faire ses démarches en ligne/).check();
      await page.getByRole("button", { name: "Appliquer les filtres" }).click();
      await page.waitForURL(/gratuit=1/);
      assert.match((await page.locator("#resultats").textContent()) ?? "", /lieux d'aide à moins de 100 km correspondent à vos critères/);

      const next = page.getByRole("link", { name: "Page suivante →" });
      if ((await next.count()) > 0) {
        await next.click();
        await page.waitForURL(/page=2/);
        assert.match(page.url(), /gratuit=1/);
        assert.match(page.url(), /service=aide-aux-demarches-administratives/);
        assert.equal(await page.locator("#gratuit").isChecked(), true);
      }
    } finally {
      await context.close();
    }
  });
});
