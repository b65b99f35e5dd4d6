// A phone 320 CSS pixels wide: no public or agent page scrolls sideways, and every link and button of the
// search results is at least 44 px tall for a finger.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ISABELLE } from "../../src/features/activities/list/activity-list.test-support.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertNoProblems, assertReflows, signIn, startServedDemoApp, watchProblems } from "./e2e-support.ts";

const NARROW = { width: 320, height: 640 };

/** Interactive elements under `selector` shorter than 44 px, as « text: height ». */
async function shortTargets(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ text: (e.textContent ?? "").trim().slice(0, 40), height: e.getBoundingClientRect().height }))
      .filter((e) => e.height < 44)
      .map((e) => `${e.text}: ${e.height.toFixed(1)} px`),
  );
}

describe("small screens (320 px)", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: NARROW, hasTouch: true, isMobile: true });
    problems = await watchProblems(context);
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("no public page scrolls sideways: open data, figures, search results, a place, its orientation sheet", async () => {
    await page.goto(`${base}/trouver-de-l-aide?commune=47001`);
    const placeHref = await page.locator(".result-list a[href^='/lieux/']").first().getAttribute("href");
    assert.ok(placeHref, "the search finds a place");
    for (const url of ["/donnees", "/chiffres", "/trouver-de-l-aide?commune=47001", placeHref, `${placeHref}/orientation?fiche=1&prenom=Paul`, "/ateliers"]) {
      await page.goto(`${base}${url}`);
      await assertReflows(page);
    }
    assertNoProblems(problems);
  });

  test("a workshop registration refused for want of consent shows the error on its own line above the box", async () => {
    await page.goto(`${base}/ateliers`);
    const workshopHref = await page.locator("main a[href^='/ateliers/']").first().getAttribute("href");
    assert.ok(workshopHref, "the catalogue lists a workshop");
    await page.goto(`${base}${workshopHref}`);
    await page.locator("form:has(#consentement) button[type='submit']").click();
    const error = page.locator("#consentement-erreur");
    await error.waitFor();
    const errorBox = await error.boundingBox();
    const checkBox = await page.locator("#consentement").boundingBox();
    assert.ok(errorBox && checkBox, "the error and the box are shown");
    assert.ok(errorBox.y + errorBox.height <= checkBox.y + 1, "the error sits above the box, not beside it");
    await assertReflows(page);
  });

  test("every link and button of the search results is at least 44 px tall", async () => {
    await page.goto(`${base}/trouver-de-l-aide?commune=47001`);
    assert.deepEqual(await shortTargets(page, ".result-list a, .result-list button"), []);
  });

  test("the figures page draws its charts with text of at least 12 px", async () => {
    await page.goto(`${base}/chiffres`);
    const sizes = await page.locator(".stats-chart text, .stats-chart [class*='label'], .stats-chart td, .stats-chart th").evaluateAll((elements) =>
      elements.map((e) => {
        const box = e.getBoundingClientRect();
        const svg = e.closest("svg");
        const scale = svg ? svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width) : 1;
        return Number.parseFloat(getComputedStyle(e).fontSize) * scale || box.height;
      }),
    );
    assert.ok(sizes.length > 0, "the page has charts");
    const small = sizes.filter((s) => s < 12);
    assert.deepEqual(small, [], `${small.length} chart texts under 12 px`);
  });

  test("no agent page scrolls sideways, including the activity report form with its error summary", async () => {
    await signIn(page, base, ISABELLE);
    for (const url of ["/espace", "/agenda", "/activites", "/statistiques", "/beneficiaires"]) {
      await page.goto(`${base}${url}`);
      await assertReflows(page);
    }
    await page.goto(`${base}/activites/nouveau`);
    await page.locator("form button[type='submit']").last().click();
    await page.locator(".error-summary").waitFor();
    await assertReflows(page);
  });
});
