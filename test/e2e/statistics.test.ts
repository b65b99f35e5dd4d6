// The statistics pages in a real browser: axe-core finds no violation on the dashboard of an advisor, a
// structure manager, the coordination and the Préfecture, on the dashboard with errors, on the monthly
// report and on the public figures; with JavaScript off the charts are there and the filters work.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

const ACCOUNTS = [
  "justine.sabathier@declic47.example",
  "responsable.clic-et-lien@declic47.example",
  "coordination@declic47.example",
  "prefecture@declic47.example",
];

describe("the statistics pages in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(email: string | null, javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    const page = await context.newPage();
    if (email !== null) await signIn(page, base, email);
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

  test("each role's dashboard has no accessibility violation and reflows at 320 px", async () => {
    for (const email of ACCOUNTS) {
      const { page, problems } = await open(email);
      await page.setViewportSize({ width: 1280, height: 900 });
      await visitAndCheck(page, `${base}/statistiques`);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      assertNoProblems(problems);
    }
  });

  test("the dashboard with errors, the monthly report and the public figures have no violation", async () => {
    const { page, problems } = await open("prefecture@declic47.example");
    await visitAndCheck(page, `${base}/statistiques?du=45%2F13%2F2026&genre=martien`, 400);
    await page.getByRole("heading", { name: "Il y a 2 erreurs" }).waitFor();
    await visitAndCheck(page, `${base}/statistiques/rapport?mois=2026-10`);
    await visitAndCheck(page, `${base}/statistiques/rapport?mois=2026-13`, 400);
    assertNoProblems(problems);
    const visitor = await open(null);
    await visitAndCheck(visitor.page, `${base}/chiffres`);
    await visitor.page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(visitor.page);
    assertNoProblems(visitor.problems);
  });

  test("with JavaScript off, the charts are drawn and a filter changes the figures", async () => {
    const { page, problems } = await open("coordination@declic47.example", false);
    await page.goto(`${base}/statistiques`);
    // The breakdown charts are lists of bars (readable text at any width), named by their title and summary.
    const chart = page.getByRole("list", { name: /^Thématique/ });
    await chart.waitFor();
    const figure = async () => (await page.locator(".stats-figures strong").first().textContent())?.trim() ?? "";
    const before = await figure();
    await page.getByRole("table", { name: /Thématique/ }).waitFor();
    await page.getByRole("combobox", { name: "Type d'activité (facultatif)" }).selectOption("collectif");
    await page.getByRole("button", { name: "Afficher les chiffres" }).click();
    await page.waitForURL(/type=collectif/);
    const after = await figure();
    assert.notEqual(after, before, "the number of activities changes");
    assert.equal(await page.getByRole("combobox", { name: "Type d'activité (facultatif)" }).inputValue(), "collectif", "the form keeps the filter");
    assertNoProblems(problems);
  });
});
