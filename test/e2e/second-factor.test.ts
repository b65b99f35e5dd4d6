// The second factor in a real browser: an advisor enrols (QR code, typed code), keeps their recovery codes,
// then signs in again with one of them; once with JavaScript off, once on with axe-core on every page
// (axe-core itself needs JavaScript).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, newPerson, requestLink, startServedDemoApp, watchProblems } from "./e2e-support.ts";

describe("second factor, in a browser", { skip: browserSkipReason() }, () => {
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

  async function enrolThenRecover(javaScriptEnabled: boolean) {
    const check = async (page: Page) => {
      if (javaScriptEnabled) await assertAccessible(page);
    };
    const context = await newContext(browser, { javaScriptEnabled, bypassCSP: false });
    const problems = await watchProblems(context);
    const page = await context.newPage();
    const email = await newPerson(t, "advisor", "Inès", javaScriptEnabled ? "Garcia" : "Moreau");

    const followLink = async () => {
      await requestLink(page, base, email);
      await page.getByRole("link", { name: "Ouvrir mon lien de connexion" }).click();
      await page.getByRole("button", { name: "Me connecter" }).click();
      await page.waitForURL(`${base}/connexion/second-facteur`);
    };

    await followLink();
    await page.getByRole("heading", { level: 1, name: "Activer la vérification en deux étapes" }).waitFor();
    assert.equal(await page.getByRole("img", { name: /^QR code de la clé/ }).locator("svg").count(), 1);
    await check(page);
    if (javaScriptEnabled) {
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    await page.getByLabel("Code à 6 chiffres").fill("12");
    await page.getByRole("button", { name: "Activer" }).click();
    await page.getByRole("heading", { level: 2, name: "Il y a une erreur" }).waitFor();
    await check(page);

    await page.getByLabel("Code à 6 chiffres").fill((await page.locator(".demo-code").textContent()) ?? "");
    await page.getByRole("button", { name: "Activer" }).click();
    await page.getByRole("heading", { level: 1, name: "Vérification en deux étapes activée" }).waitFor();
    const codes = await page.locator(".recovery-codes code").allTextContents();
    if (javaScriptEnabled) {
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    assert.equal(codes.length, 10);
    await check(page);
    await page.getByRole("link", { name: "J'ai noté mes codes : continuer" }).click();
    await page.waitForURL(`${base}/espace`);

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(`${base}/connexion?deconnecte=1`);
    await followLink();
    await page.getByRole("heading", { level: 1, name: "Vérification en deux étapes" }).waitFor();
    await check(page);
    await page.getByLabel("Code à 6 chiffres ou code de secours").fill(codes[0]!);
    await page.getByRole("button", { name: "Valider" }).click();
    await page.waitForURL(`${base}/espace`);
    assertNoProblems(problems);
    await context.close();
  }

  test("without JavaScript, an advisor enrols, notes the recovery codes, then signs in again with one of them", async () => {
    await enrolThenRecover(false);
  });

  test("with JavaScript, the same pages have no accessibility violation and reflow at 320 px", async () => {
    await enrolThenRecover(true);
  });
});
