import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { axeViolations, browserSkipReason, describeViolations, launchBrowser, newContext } from "../support/browser.ts";
import { startServedDemoApp } from "./e2e-support.ts";

const skip = browserSkipReason();

describe("search around my position", { skip }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("a person who allows geolocation gets places around them, with the filters they chose", async () => {
    const context = await newContext(browser, { geolocation: { latitude: 44.2033, longitude: 0.6163 }, permissions: ["geolocation"] });
    const page = await context.newPage();
    await page.goto(`${base}/trouver-de-l-aide?gratuit=1`);
    await page.getByRole("button", { name: "Utiliser ma position" }).click();
    await page.waitForURL(/lat=44\.2033/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("lon"), "0.6163");
    assert.equal(url.searchParams.get("gratuit"), "1");
    assert.match((await page.locator("main").textContent()) ?? "", /à \d/);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await context.close();
  });

  test("without JavaScript there is no geolocation button", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/trouver-de-l-aide`);
    assert.equal(await page.getByRole("button", { name: "Utiliser ma position" }).count(), 0);
    await context.close();
  });

  test("a refused permission says what to do instead", async () => {
    const context = await newContext(browser, { permissions: [] });
    const page = await context.newPage();
    await page.goto(`${base}/trouver-de-l-aide`);
    await page.getByRole("button", { name: "Utiliser ma position" }).click();
    await page.getByText("Saisissez votre commune ou votre code postal.", { exact: false }).last().waitFor();
    await context.close();
  });
});
