// Screenshots of the home page for the README, at desktop and mobile sizes.
// They change only when someone decides to refresh them: `UPDATE_SCREENSHOTS=1 npm test -- e2e/screenshots`.
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, listen, newContext } from "../support/browser.ts";

const SCREENSHOTS = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const skip = process.env.UPDATE_SCREENSHOTS === "1" ? browserSkipReason() : "set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots";

describe("README screenshots", { skip }, () => {
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

  const sizes = [
    { file: "home.png", viewport: { width: 1280, height: 900 }, isMobile: false },
    { file: "home-mobile.png", viewport: { width: 375, height: 812 }, isMobile: true },
  ];

  for (const { file, viewport, isMobile } of sizes) {
    test(`the home page at ${viewport.width}×${viewport.height} is saved as docs/screenshots/${file}`, async () => {
      const context = await newContext(browser, { viewport, isMobile, deviceScaleFactor: 1, locale: "fr-FR" });
      try {
        const page = await context.newPage();
        await page.goto(`${base}/`);
        await page.locator("#q[role=combobox]").waitFor();
        mkdirSync(SCREENSHOTS, { recursive: true });
        const path = `${SCREENSHOTS}${file}`;
        await page.screenshot({ path, fullPage: true });
        assert.ok(statSync(path).size > 10_000, `${path} holds an image`);
      } finally {
        await context.close();
      }
    });
  }
});
