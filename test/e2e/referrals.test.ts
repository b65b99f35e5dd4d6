// Referrals in a real browser, the journey: the CAF agent refers a person (an error first, the input
// kept), the receiving advisor books a slot for the person from the referral, the CAF agent sees « rendez-vous
// fixé », the advisor writes the report and the CAF agent sees « accompagnement réalisé ». Once with JavaScript,
// every referral page checked with axe-core and at 320 px; once with JavaScript off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CAF_AGENT, createReceivingWorld, type ReceivingWorld } from "../../src/features/referrals/referrals.test-support.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, watchProblems } from "./e2e-support.ts";

describe("a referral from a partner to the network, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let world: ReceivingWorld;
  let start: Date;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    // The real day: the browser drops a session cookie whose expiry, from a clock in the past, has passed.
    start = t.clock.now;
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
    const check = async () => {
      if (!javaScriptEnabled) return;
      await assertAccessible(page);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    };
    return { page, problems, check };
  }

  async function journey(javaScriptEnabled: boolean, firstName: string): Promise<void> {
    t.clock.now = start;
    const caf = await open(javaScriptEnabled);
    await signIn(caf.page, base, CAF_AGENT);
    await caf.page.getByRole("link", { name: "Orienter une personne vers le réseau" }).click();
    await caf.page.getByRole("heading", { level: 1, name: "Orienter une personne" }).waitFor();
    await caf.check();
    await caf.page.getByLabel("Lieu du réseau").selectOption({ label: "Agen – Espace numérique test" });
    await caf.page.getByLabel("Courriel (e-mail)").check();
    await caf.page.getByLabel("Prénom", { exact: true }).fill(firstName);
    await caf.page.getByLabel("Nom", { exact: true }).fill("Dubosc");
    await caf.page.getByLabel("Téléphone (facultatif)", { exact: true }).fill("06 45 67 89 01");
    await caf.page.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await caf.page.getByRole("heading", { name: /^Il y a (une erreur|\d+ erreurs)$/ }).waitFor();
    await caf.check();
    assert.equal(await caf.page.getByLabel("Prénom", { exact: true }).inputValue(), firstName, "the input is kept");
    await caf.page.getByText("L'accord de la personne est obligatoire").first().waitFor();
    await caf.page.getByLabel("La personne accepte que ses coordonnées").check();
    await caf.page.getByLabel("À l'oral (en face à face ou au téléphone)").check();
    await caf.page.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await caf.page.getByText("L'orientation est envoyée").waitFor();
    await caf.check();
    const referralUrl = caf.page.url().replace(/\?.*$/, "");
    const id = referralUrl.split("/").at(-1) as string;

    const advisor = await open(javaScriptEnabled);
    await signIn(advisor.page, base, world.advisorEmail);
    await advisor.page.getByRole("link", { name: "Orientations reçues" }).click();
    await advisor.page.getByRole("heading", { level: 2, name: "Orientations reçues" }).waitFor();
    await advisor.check();
    await advisor.page.getByRole("link", { name: new RegExp(`${firstName} Dubosc`) }).click();
    await advisor.page.getByText("06 45 67 89 01").waitFor();
    await advisor.check();
    await advisor.page.getByRole("link", { name: "Prendre rendez-vous pour la personne" }).click();
    await advisor.page.getByRole("button", { name: "Continuer" }).click();
    await advisor.page.getByLabel(/^Aide aux démarches en ligne/).check();
    await advisor.page.getByRole("button", { name: "Voir les créneaux" }).click();
    await advisor.page.locator("a.slot").first().click();
    assert.equal(await advisor.page.getByLabel("Prénom", { exact: true }).inputValue(), firstName, "the person's details are filled in");
    await advisor.page.getByLabel("La personne est d'accord").check();
    await advisor.page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await advisor.page.waitForURL(/\/rendez-vous\/gerer/);

    await caf.page.goto(referralUrl);
    await caf.page.getByText("Rendez-vous fixé").first().waitFor();
    await caf.check();
    await caf.page.getByRole("link", { name: "Fiche d'orientation à imprimer" }).click();
    await caf.page.getByRole("heading", { level: 1, name: "Fiche d'orientation" }).waitFor();
    await caf.check();

    // The day after the appointment, the advisor writes its report.
    const referral = await t.handle.db
      .selectFrom("referrals")
      .innerJoin("appointments", "appointments.id", "referrals.appointment_id")
      .select(["referrals.appointment_id", "appointments.starts_at"])
      .where("referrals.id", "=", id)
      .executeTakeFirstOrThrow();
    t.clock.now = new Date(referral.starts_at.getTime() + 86_400_000);
    await advisor.page.goto(`${base}/activites/nouveau?rendez-vous=${referral.appointment_id}`);
    await advisor.page.getByLabel(/^Notes/).fill("Mot de passe du compte retraite changé");
    await advisor.page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await advisor.page.waitForURL(/\/activites\/[0-9a-f-]{36}/);

    await caf.page.goto(referralUrl);
    await caf.page.getByText("Accompagnement réalisé").first().waitFor();
    await caf.check();
    assert.doesNotMatch(await caf.page.content(), /retraite/, "the referrer never sees the report");
    assertNoProblems(caf.problems);
    assertNoProblems(advisor.problems);
  }

  test("with JavaScript: every page accessible and readable at 320 px", async () => {
    await journey(true, "Marcelle");
  });

  test("without JavaScript, the same journey works", async () => {
    await journey(false, "Simone");
  });
});
