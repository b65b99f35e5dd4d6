// The home page with the keyboard alone, JavaScript on: skip link, commune suggestions (ARIA combobox), focus.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, listen, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, waitUntil, watchProblems } from "./e2e-support.ts";

describe("the commune search with the keyboard", { skip: browserSkipReason() }, () => {
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
    await page.goto(`${base}/`);
    await page.locator("#q[role=combobox]").waitFor();
  });

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName.toLowerCase() ?? "", id: el?.id ?? "", text: el?.textContent?.trim() ?? "" };
    });

  async function tabTo(id: string): Promise<void> {
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      if ((await focused()).id === id) return;
    }
    assert.fail(`Tab never reached #${id}`);
  }

  /** Types like a person, then waits until the list shows the suggestions for the whole text (not an earlier prefix). */
  async function typeAndWaitForSuggestions(text: string): Promise<void> {
    await page.keyboard.type(text);
    await page.locator("#q-suggestions:not([aria-busy])").waitFor();
    await page.locator("#q[aria-expanded=true]").waitFor();
  }

  test("the first Tab reaches « Aller au contenu », which moves the focus to the main content", async () => {
    await page.keyboard.press("Tab");
    assert.deepEqual(await focused(), { tag: "a", id: "", text: "Aller au contenu" });
    assert.equal(await page.getByRole("link", { name: "Aller au contenu" }).isVisible(), true, "the skip link shows when focused");
    await page.keyboard.press("Enter");
    await waitUntil(async () => (await focused()).id === "contenu", "the focus moves to #contenu");
    assert.equal((await focused()).tag, "main");
    await tabTo("q");
    assertNoProblems(problems);
  });

  test("a person types « villen », picks the first suggestion with ArrowDown and Enter, and reaches Villeneuve-sur-Lot", async () => {
    await tabTo("q");
    await typeAndWaitForSuggestions("villen");
    const input = page.locator("#q");
    const first = page.getByRole("option").first();
    assert.match((await first.textContent()) ?? "", /^Villeneuve-sur-Lot \(47300\)/);
    assert.equal(await input.getAttribute("aria-activedescendant"), null, "nothing is selected before the arrow key");

    await page.keyboard.press("ArrowDown");
    const firstId = await first.getAttribute("id");
    assert.ok(firstId);
    assert.equal(await input.getAttribute("aria-activedescendant"), firstId);
    assert.equal(await input.getAttribute("aria-expanded"), "true");
    assert.equal(await first.getAttribute("aria-selected"), "true");
    assert.equal(await page.locator("[role=option][aria-selected=true]").count(), 1);
    assert.equal((await focused()).id, "q", "the focus stays in the field");
    await assertAccessible(page);

    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/trouver-de-l-aide?commune=47323`);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Lieux d'aide près de Villeneuve-sur-Lot");

    await page.goBack();
    await page.locator("#q[role=combobox]").waitFor();
    assert.equal(await page.locator("#q").getAttribute("aria-expanded"), "false", "back on the home page, the list is closed");
    assert.equal(await page.getByRole("listbox").isVisible(), false);
    assertNoProblems(problems);
  });

  test("a misspelt name, « Marmandes », gets « Vouliez-vous dire : » Marmande, chosen with the keyboard", async () => {
    await tabTo("q");
    await typeAndWaitForSuggestions("Marmandes");
    const list = page.getByRole("listbox", { name: "Vouliez-vous dire" });
    assert.equal(await list.isVisible(), true);
    assert.match((await page.getByRole("option").first().textContent()) ?? "", /^Marmande \(47200\)/);
    assert.match((await page.getByRole("status").textContent()) ?? "", /Vouliez-vous dire/);
    await assertAccessible(page);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/trouver-de-l-aide?commune=47157`);
    assertNoProblems(problems);
  });

  test("typing more letters after choosing a suggestion starts again from a fresh list", async () => {
    await tabTo("q");
    await typeAndWaitForSuggestions("villen");
    await page.keyboard.press("ArrowDown");
    const before = await page.getByRole("option").count();
    await page.keyboard.type("euve-de");
    await page.locator("#q-suggestions:not([aria-busy])").waitFor();
    assert.notEqual(await page.getByRole("option").count(), before);
    assert.match((await page.getByRole("option").first().textContent()) ?? "", /^Villeneuve-de-/);
    assert.equal(await page.locator("#q").getAttribute("aria-activedescendant"), null, "no stale active option");
    assert.equal(await page.locator("[role=option][aria-selected=true]").count(), 0);
    assertNoProblems(problems);
  });

  test("Escape closes the suggestions and keeps what the person typed", async () => {
    await tabTo("q");
    await typeAndWaitForSuggestions("villen");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    const input = page.locator("#q");
    assert.equal(await input.getAttribute("aria-expanded"), "false");
    assert.equal(await input.getAttribute("aria-activedescendant"), null);
    assert.equal(await page.getByRole("listbox").isVisible(), false);
    assert.equal(await input.inputValue(), "villen");
    assert.equal((await focused()).id, "q");
    assertNoProblems(problems);
  });

  test("Enter without choosing a suggestion submits the search to the results page", async () => {
    await tabTo("q");
    await typeAndWaitForSuggestions("villen");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/recherche-commune?q=villen`);
    await page.getByRole("link", { name: /^Villeneuve-sur-Lot/ }).waitFor();
    assertNoProblems(problems);
  });

  test("a mouse or touch user can also pick a suggestion by clicking it", async () => {
    await page.getByLabel("Votre commune ou votre code postal").click();
    await typeAndWaitForSuggestions("villen");
    await page.getByRole("option", { name: /^Villeneuve-sur-Lot/ }).click();
    await page.waitForURL(`${base}/trouver-de-l-aide?commune=47323`);
    assertNoProblems(problems);
  });

  test("the keyboard focus is clearly visible", async () => {
    await tabTo("q");
    await page.keyboard.press("Tab");
    assert.equal((await focused()).text, "Trouver de l'aide");
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    assert.notEqual(outline.style, "none");
    assert.ok(outline.width >= 2, `outline width ${outline.width}px`);
  });
});
