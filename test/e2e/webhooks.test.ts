// The webhooks back office in a real browser: a coordinator adds a subscriber without JavaScript, copies
// its secret, sends a test and reads the delivery log; every page passes axe-core and reflows at 320 px.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { drainWebhooks } from "../../src/jobs/webhook-worker.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

const COORDINATION = "coordination@declic47.example";

describe("the webhooks back office in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let receiver: WebhookReceiver;
  const contexts: BrowserContext[] = [];

  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    const page = await context.newPage();
    await signIn(page, base, COORDINATION);
    return { page, problems };
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await receiver?.close();
    await t?.close();
  });

  test("without JavaScript, a coordinator adds a subscriber, keeps its secret, sends a test and sees it delivered", async () => {
    const { page, problems } = await open(false);
    await page.goto(`${base}/admin/webhooks`);
    await page.getByRole("link", { name: "Ajouter un abonné" }).click();
    await page.getByLabel("Adresse de réception").fill("http://partenaire.example/hooks");
    await page.getByRole("button", { name: "Ajouter l'abonné" }).click();
    await page.getByText("L'adresse doit commencer par https://").first().waitFor();
    assert.equal(await page.getByLabel("Adresse de réception").inputValue(), "http://partenaire.example/hooks");

    await page.getByLabel("Nom de l'abonné").fill("Observatoire départemental");
    await page.getByLabel("Adresse de réception").fill(receiver.url("/observatoire"));
    await page.getByLabel("Rendez-vous pris").check();
    await page.getByRole("button", { name: "Ajouter l'abonné" }).click();
    await page.getByRole("heading", { level: 1, name: "Abonné « Observatoire départemental » ajouté" }).waitFor();
    assert.match(await page.getByLabel("Secret de signature").inputValue(), /^whsec_/);

    await page.getByRole("link", { name: "Voir l'abonné et ses envois" }).click();
    await page.getByRole("button", { name: "Envoyer un test" }).click();
    await page.getByText("Un événement de test part vers l'abonné").waitFor();
    await drainWebhooks(t.handle.db, { ...t.config.webhooks, timeoutMs: 15_000 }, () => t.clock.now);
    await page.reload();
    await page.getByRole("cell", { name: "Livré" }).waitFor();
    assert.equal(receiver.received.at(-1)?.path, "/observatoire");
    assertNoProblems(problems);
  });

  test("the list, the form with its errors, a subscriber's page, the secret and the removal pages have no accessibility violation and reflow at 320 px", async () => {
    const { page, problems } = await open(true);
    await visitAndCheck(page, `${base}/admin/webhooks`);
    await visitAndCheck(page, `${base}/admin/webhooks/nouveau`);
    await page.getByRole("button", { name: "Ajouter l'abonné" }).click();
    await page.locator(".error-summary").waitFor();
    await assertAccessible(page);

    await page.goto(`${base}/admin/webhooks`);
    await page.getByRole("link", { name: "Observatoire départemental" }).click();
    await page.getByRole("heading", { level: 2, name: "Derniers envois" }).waitFor();
    await assertAccessible(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Changer le secret" }).click();
    await page.getByRole("heading", { level: 1, name: "Nouveau secret de « Observatoire départemental »" }).waitFor();
    await assertAccessible(page);
    await page.getByRole("link", { name: "Voir l'abonné et ses envois" }).click();
    await page.getByRole("link", { name: "Supprimer l'abonné" }).click();
    await page.getByRole("button", { name: "Oui, supprimer cet abonné" }).waitFor();
    await assertAccessible(page);
    await page.getByRole("button", { name: "Oui, supprimer cet abonné" }).click();
    await page.getByText("L'abonné a été supprimé").waitFor();
    await assertAccessible(page);
    assertNoProblems(problems);
  });
});
