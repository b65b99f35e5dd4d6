// Passwordless sign-in in a real browser (demo mode shows the link on screen), the personal space,
// and the administrators' view of the platform's e-mails; every page checked with axe-core.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import {
  assertAccessible,
  assertNoProblems,
  assertReflows,
  newPerson,
  requestLink,
  signIn,
  startServedDemoApp,
  visitAndCheck,
  watchProblems,
} from "./e2e-support.ts";

describe("signing in with a link, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
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

  test("a person asks for a link, follows it, confirms, sees their space with their name, then signs out", async () => {
    const email = await newPerson(t, "coordinator", "Claire", "Martin");
    await requestLink(page, base, email);
    assert.match((await page.locator("main").textContent()) ?? "", new RegExp(`l'adresse ${email.replace(/\./g, "\\.")}`));
    await assertAccessible(page);

    await page.getByRole("link", { name: "Ouvrir mon lien de connexion" }).click();
    await page.getByRole("heading", { level: 1, name: "Confirmer la connexion" }).waitFor();
    assert.match(page.url(), /\/connexion\/lien\?jeton=/);
    await assertAccessible(page);

    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(`${base}/espace`);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Bonjour Claire Martin");
    assert.match((await page.locator("main").textContent()) ?? "", /Coordination départementale/);
    assert.equal(await page.getByRole("link", { name: "Mon espace" }).getAttribute("aria-current"), "page");
    await assertAccessible(page);

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(`${base}/connexion?deconnecte=1`);
    assert.match((await page.getByRole("status").textContent()) ?? "", /Vous êtes déconnecté·e\./);
    assert.equal(await page.getByRole("button", { name: "Se déconnecter" }).count(), 0);
    await assertAccessible(page);

    await page.goto(`${base}/espace`);
    assert.equal(page.url(), `${base}/connexion`, "signed out, the space sends back to the sign-in page");
    assertNoProblems(problems);
  });

  test("an address without an account gets the same « Vérifiez votre messagerie » page, without a link", async () => {
    await requestLink(page, base, "personne.inconnue@exemple.fr");
    assert.equal(await page.getByRole("link", { name: "Ouvrir mon lien de connexion" }).count(), 0);
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("a link that has already served is refused with a clear explanation and a way to ask again", async () => {
    const email = await newPerson(t, "coordinator", "Paul", "Durand");
    await requestLink(page, base, email);
    const link = await page.getByRole("link", { name: "Ouvrir mon lien de connexion" }).getAttribute("href");
    if (!link?.startsWith(`${base}/connexion/lien?jeton=`)) assert.fail(`the on-screen link leads back to this site: ${link}`);
    await page.getByRole("link", { name: "Ouvrir mon lien de connexion" }).click();
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(`${base}/espace`);

    await visitAndCheck(page, link, 400);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Ce lien ne permet pas de vous connecter");
    assert.match((await page.locator(".lead").textContent()) ?? "", /déjà servi/);
    await page.getByRole("link", { name: "Demander un nouveau lien" }).click();
    await page.waitForURL(`${base}/connexion`);
    assertNoProblems(problems);
  });

  test("a mistyped link is refused with a clear explanation", async () => {
    await visitAndCheck(page, `${base}/connexion/lien?jeton=abc123`, 400);
    assert.match((await page.locator(".lead").textContent()) ?? "", /n'est pas valide/);
    assertNoProblems(problems);
  });

  test("an administrator reads the list of the platform's e-mails and opens one", async () => {
    const email = await newPerson(t, "admin", "Awa", "Diallo");
    await signIn(page, base, email);
    await page.getByRole("link", { name: "Courriels envoyés par la plateforme" }).click();
    await page.waitForURL(`${base}/admin/courriels`);
    await page.getByRole("heading", { level: 1, name: "Courriels de la plateforme" }).waitFor();
    await assertAccessible(page);

    await page.getByLabel("Destinataire").fill(email);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/destinataire=/);
    const rows = page.locator("tbody tr");
    assert.equal(await rows.count(), 1, "the one sign-in message sent to this administrator");
    await rows.first().getByRole("link").click();
    await page.waitForURL(/\/admin\/courriels\/\d+$/);
    assert.match((await page.locator("main").textContent()) ?? "", new RegExp(email.replace(/\./g, "\\.")));
    assert.match((await page.locator(".message-body").textContent()) ?? "", /\/connexion\/lien\?jeton=/);
    await assertAccessible(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    assertNoProblems(problems);
  });

  test("a person who is not an administrator cannot read the e-mails", async () => {
    const email = await newPerson(t, "coordinator", "Léa", "Bernard");
    await signIn(page, base, email);
    await visitAndCheck(page, `${base}/admin/courriels`, 403);
    assertNoProblems(problems);
  });
});
