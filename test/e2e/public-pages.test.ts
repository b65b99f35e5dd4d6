// The public pages in a real browser: axe-core finds no WCAG A/AA violation, the browser reports no error,
// and the commune search works with JavaScript turned off.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, listen, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, visitAndCheck, waitUntil, watchProblems } from "./e2e-support.ts";

const PUBLIC_PAGES: { name: string; url: string; status: number }[] = [
  { name: "the home page", url: "/", status: 200 },
  { name: "the communes found for « villeneuve »", url: "/recherche-commune?q=villeneuve", status: 200 },
  { name: "a commune search that finds nothing", url: "/recherche-commune?q=zzzz", status: 200 },
  { name: "a misspelt commune, with « Vouliez-vous dire »", url: "/recherche-commune?q=Marmandes", status: 200 },
  { name: "a misspelt commune in the search of help places", url: "/trouver-de-l-aide?q=Marmandes", status: 400 },
  { name: "an empty commune search, with its error", url: "/recherche-commune?q=", status: 400 },
  { name: "the list of help places", url: "/trouver-de-l-aide", status: 200 },
  { name: "the help places near Agen", url: "/trouver-de-l-aide?commune=47001", status: 200 },
  { name: "the sign-in page", url: "/connexion", status: 200 },
  { name: "the legal notices", url: "/mentions-legales", status: 200 },
  { name: "the accessibility statement", url: "/accessibilite", status: 200 },
  { name: "the personal data page", url: "/donnees-personnelles", status: 200 },
  { name: "a page that does not exist", url: "/nexiste-pas", status: 404 },
];

describe("public pages in a browser", { skip: browserSkipReason() }, () => {
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
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await newContext(browser, { bypassCSP: false });
    problems = await watchProblems(context);
    page = await context.newPage();
  });

  for (const { name, url, status } of PUBLIC_PAGES) {
    test(`${name} (${url}) has no accessibility violation and no browser error`, async () => {
      await visitAndCheck(page, `${base}${url}`, status);
      assertNoProblems(problems);
    });
  }

  test("at 320 pixels wide (400 % zoom), no public page needs scrolling sideways", async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const { url } of PUBLIC_PAGES) {
      await page.goto(`${base}${url}`);
      await assertReflows(page);
    }
    assertNoProblems(problems);
  });

  test("an invalid address on the sign-in page shows an accessible error summary and field error", async () => {
    await page.goto(`${base}/connexion`);
    await page.getByLabel("Votre adresse électronique").fill("claire.martin@");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/connexion` && r.request().method() === "POST"),
      page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click(),
    ]);
    assert.equal(response.status(), 400);
    const summary = page.getByRole("alert");
    await summary.waitFor();
    await page.waitForLoadState("load");
    assert.match((await summary.textContent()) ?? "", /Il y a une erreur/);
    const field = page.getByLabel("Votre adresse électronique");
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.equal(await field.inputValue(), "claire.martin@");
    assert.match((await page.locator("#email-erreur").textContent()) ?? "", /adresse électronique valide/);
    await waitUntil(() => page.evaluate(() => document.activeElement?.classList.contains("error-summary") ?? false), "focus on the error summary");
    await page.getByRole("link", { name: /adresse électronique valide/ }).click();
    await waitUntil(() => page.evaluate(() => document.activeElement?.id === "email"), "the summary link leads to the field");
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("the commune suggestions script loads under the Content-Security-Policy", async () => {
    const script = page.waitForResponse((response) => /\/static\/commune-search\.[0-9a-f]{10}\.js$/.test(response.url()));
    await page.goto(`${base}/`);
    assert.equal((await script).status(), 200);
    await page.locator("#q[role=combobox]").waitFor();
    assert.equal(await page.locator("#q").getAttribute("aria-expanded"), "false");
    assertNoProblems(problems);
  });

  test("the accessibility check would notice a field without a label", async () => {
    await page.goto(`${base}/`);
    await page.evaluate(() => document.querySelector("main")?.append(document.createElement("input")));
    await assert.rejects(() => assertAccessible(page), /label \(critical\)/);
  });

  test("the error watch would notice an inline script blocked by the Content-Security-Policy", async () => {
    await page.goto(`${base}/`);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.title = 'injected'";
      document.body.append(script);
    });
    await page.waitForFunction(() => document.title !== "injected");
    await waitUntil(() => problems.length > 0, "the blocked script is reported");
    assert.throws(() => assertNoProblems(problems), /CSP violation: script-src/);
  });
});

describe("the commune search without JavaScript", { skip: browserSkipReason() }, () => {
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

  test("a person types « agen », presses Enter, and goes straight to the help places near Agen", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      assert.equal(await page.locator("#q").getAttribute("role"), null, "no script ran: a plain text field");
      await page.getByLabel("Votre commune ou votre code postal").fill("agen");
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}/trouver-de-l-aide?commune=47001`);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Lieux d'aide près d'Agen");
      assert.match((await page.getByRole("heading", { level: 2 }).first().textContent()) ?? "", /lieux? d'aide|Aucun lieu/);
    } finally {
      await context.close();
    }
  });

  test("a person types « villen », and picks Villeneuve-sur-Lot from the communes found", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel("Votre commune ou votre code postal").fill("villen");
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}/recherche-commune?q=villen`);
      await page.getByRole("link", { name: /^Villeneuve-sur-Lot \(47300\)/ }).click();
      await page.waitForURL(`${base}/trouver-de-l-aide?commune=47323`);
    } finally {
      await context.close();
    }
  });

  test("a person types « Marmandes » and follows « Vouliez-vous dire Marmande ? » to the help places near Marmande", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel("Votre commune ou votre code postal").fill("Marmandes");
      await page.keyboard.press("Enter");
      await page.waitForURL(`${base}/recherche-commune?q=Marmandes`);
      assert.equal(await page.getByLabel("Votre commune ou votre code postal").inputValue(), "Marmandes");
      const question = page.locator(".did-you-mean");
      assert.equal((await question.textContent())?.replace(/\s+/g, " "), "Vouliez-vous dire Marmande ?");
      await question.getByRole("link", { name: "Marmande" }).click();
      await page.waitForURL(`${base}/trouver-de-l-aide?commune=47157`);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Lieux d'aide près de Marmande");

      // The same question on the search of help places, where the filters chosen are kept.
      await page.goto(`${base}/trouver-de-l-aide?gratuit=1`);
      await page.getByLabel("Votre commune ou votre code postal").fill("Marmandes");
      await page.getByRole("button", { name: "Rechercher" }).click();
      await page.waitForURL(/q=Marmandes/);
      await page.locator("#q-suggestion").getByRole("link", { name: "Marmande" }).click();
      await page.waitForURL(`${base}/trouver-de-l-aide?commune=47157&gratuit=1`);
      assert.equal(await page.getByLabel("Gratuit", { exact: true }).isChecked(), true);
    } finally {
      await context.close();
    }
  });
});
