// Advisor → partner referrals in a real browser: the advisor saves a report « orienté » towards the CAF
// (refused first without the person's consent, the input kept), the CAF agent takes it on and says the
// request was dealt with from « Orientations reçues », and the advisor follows the steps in
// « Orientations envoyées ». Once with JavaScript (axe-core on every page), once with JavaScript off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CAF_AGENT, createReceivingWorld, type ReceivingWorld } from "../../src/features/referrals/referrals.test-support.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, signIn, startServedDemoApp, watchProblems } from "./e2e-support.ts";

describe("an advisor refers a person to a partner from the activity report, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let world: ReceivingWorld;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    world = await createReceivingWorld(t);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[]; check: () => Promise<void> }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    const page = await context.newPage();
    return { page, problems, check: async () => (javaScriptEnabled ? assertAccessible(page) : undefined) };
  }

  async function journey(javaScriptEnabled: boolean, firstName: string): Promise<void> {
    const advisor = await open(javaScriptEnabled);
    await signIn(advisor.page, base, world.advisorEmail);
    await advisor.page.goto(`${base}/activites/nouveau`);
    await advisor.page.getByRole("heading", { level: 2, name: /Orienter vers une structure partenaire/ }).waitFor();
    await advisor.check();
    await advisor.page.getByLabel("Dans un de mes lieux d'activité").check();
    await advisor.page.getByLabel("Lieu d'activité").selectOption({ index: 1 });
    await advisor.page.getByLabel("1 h", { exact: true }).check();
    await advisor.page.getByLabel("Courriel (e-mail)").check();
    await advisor.page.locator('input[name="oriented"][value="oui"]').check();
    await advisor.page.getByLabel("Structure partenaire (facultatif)", { exact: true }).selectOption({ label: "CAF de Lot-et-Garonne" });
    await advisor.page.getByLabel(/^Prénom de la personne/).fill(firstName);
    await advisor.page.getByLabel(/^Nom de la personne/).fill("Barthe");
    await advisor.page.locator("#orientationTelephone").fill("06 12 34 56 78");
    await advisor.page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await advisor.page.getByRole("heading", { name: /^Il y a (une erreur|\d+ erreurs)$/ }).waitFor();
    await advisor.page.getByText("L'accord de la personne est obligatoire").first().waitFor();
    await advisor.check();
    assert.equal(await advisor.page.getByLabel(/^Prénom de la personne/).inputValue(), firstName, "the input is kept");
    assert.equal(await advisor.page.getByLabel("Courriel (e-mail)").isChecked(), true);
    await advisor.page.getByLabel(/La personne accepte que ses coordonnées/).check();
    await advisor.page.getByLabel("À l'oral (en face à face ou au téléphone)").check();
    await advisor.page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await advisor.page.waitForURL(/\/activites\/[0-9a-f-]{36}/);

    const caf = await open(javaScriptEnabled);
    await signIn(caf.page, base, CAF_AGENT);
    await caf.page.goto(`${base}/orientations`);
    await caf.page.getByRole("heading", { level: 2, name: "Orientations reçues" }).waitFor();
    await caf.check();
    await caf.page.getByRole("link", { name: new RegExp(`${firstName} Barthe`) }).click();
    await caf.page.getByText("06 12 34 56 78").waitFor();
    await caf.check();
    await caf.page.getByRole("button", { name: "Prendre en charge" }).click();
    await caf.page.getByText("L'orientation est mise à jour").waitFor();
    await caf.page.getByRole("button", { name: "Demande traitée (accompagnement réalisé)" }).click();
    await caf.page.getByText("L'orientation est mise à jour").waitFor();
    await caf.check();

    await advisor.page.goto(`${base}/orientations`);
    await advisor.page.getByRole("heading", { level: 2, name: "Orientations envoyées" }).waitFor();
    await advisor.check();
    await advisor.page.getByRole("link", { name: new RegExp(`${firstName} Barthe`) }).click();
    await advisor.page.getByText("Accompagnement réalisé").first().waitFor();
    await advisor.check();
    assert.equal(await advisor.page.getByRole("button", { name: "Prendre en charge" }).count(), 0, "the advisor follows, never answers");
    assertNoProblems(caf.problems);
    assertNoProblems(advisor.problems);
  }

  test("with JavaScript: every page accessible", async () => {
    await journey(true, "Lucienne");
  });

  test("without JavaScript, the same journey works", async () => {
    await journey(false, "Paulette");
  });
});
