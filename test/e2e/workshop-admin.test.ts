// The workshops back office in a real browser: list, creation form (empty and with errors), series form,
// checked with axe-core, without script errors or CSP violations.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("the workshops back office in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    context = await newContext(browser, { bypassCSP: false });
    problems = await watchProblems(context);
    page = await context.newPage();
    await signIn(page, base, "responsable.lgnum@declic47.example");
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  test("a structure manager's workshop list, creation form and series form have no accessibility violation", async () => {
    await visitAndCheck(page, `${base}/gestion/ateliers`);
    await visitAndCheck(page, `${base}/gestion/ateliers/nouveau`);
    await visitAndCheck(page, `${base}/gestion/ateliers/series/nouvelle`);
    assertNoProblems(problems);
  });

  test("a workshop form sent empty comes back with French errors, the summary first, and stays accessible", async () => {
    await page.goto(`${base}/gestion/ateliers/nouveau`);
    await page.locator("form button[type=submit]").last().click();
    await page.locator(".error-summary").waitFor();
    assert.match((await page.locator(".error-summary").textContent()) ?? "", /erreur/i);
    await assertAccessible(page);
    assertNoProblems(problems);
  });
});
