// Commune requests in a real browser, the journey: the Nérac commune agent files a request (an error
// first, its input kept), the coordinator accepts it by creating the place and its permanence from the
// request, the agent sees « acceptée » with the dates, and the permanence appears in the public search. Once
// with JavaScript, every page checked with axe-core and at 320 px; once with JavaScript off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addDays, isoWeekday, toParis } from "../../src/features/calendar/paris-time.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, watchProblems } from "./e2e-support.ts";

const AGENT = "mairie.nerac@declic47.example";
const COORDINATION = "coordination@declic47.example";

describe("a commune request from filing to the public search, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
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
    // axe-core runs its script in the page: without JavaScript the run checks behaviour only.
    const check = async () => {
      if (!javaScriptEnabled) return;
      await assertAccessible(page);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    };
    return { page, problems, check };
  }

  /** The next Tuesday after today, in Paris. */
  function nextTuesday(): string {
    const today = toParis(t.clock.now).date;
    // From the day after tomorrow: on a Monday (in Paris) the Tuesday is « demain », not « Prochaine permanence : mardi ».
    let day = addDays(today, 2);
    while (isoWeekday(day) !== 2) day = addDays(day, 1);
    return day;
  }

  async function journey(javaScriptEnabled: boolean, placeName: string): Promise<void> {
    const tuesday = nextTuesday();
    const agent = await open(javaScriptEnabled);
    await signIn(agent.page, base, AGENT);
    await agent.page.getByRole("link", { name: "Demander la venue d'un conseiller numérique" }).click();
    await agent.page.getByRole("heading", { level: 1, name: "Faire une demande au réseau" }).waitFor();
    await agent.check();

    await agent.page.getByLabel("Une permanence régulière d'un conseiller numérique").check();
    await agent.page.getByLabel("Ou une adresse").fill(`${placeName}, place du Marché`);
    await agent.page.getByLabel("Mardi").check();
    await agent.page.getByLabel("De", { exact: true }).fill("09:00");
    await agent.page.getByLabel("À", { exact: true }).fill("12:00");
    await agent.page.getByLabel("À partir du (ou date de l'événement)").fill(tuesday);
    await agent.page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await agent.page.getByRole("heading", { name: "Il y a une erreur" }).waitFor();
    await agent.check();
    assert.equal(await agent.page.getByLabel("Ou une adresse").inputValue(), `${placeName}, place du Marché`, "the input is kept");
    await agent.page.getByLabel("Votre demande en quelques phrases").fill("Beaucoup d'habitants n'arrivent pas à faire leurs démarches en ligne.");
    await agent.page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await agent.page.getByText("Votre demande est envoyée").waitFor();
    await agent.check();
    const requestUrl = agent.page.url().replace(/\?.*$/, "");
    assert.match(await agent.page.locator(".request-state").textContent() ?? "", /Nouvelle/);

    const coordinator = await open(javaScriptEnabled);
    await signIn(coordinator.page, base, COORDINATION);
    await coordinator.page.getByRole("link", { name: "Demandes des communes" }).click();
    await coordinator.page.getByRole("heading", { level: 1, name: "Demandes des communes" }).waitFor();
    await coordinator.check();
    await coordinator.page.locator(`a[href="${new URL(requestUrl).pathname}"]`).click();
    await coordinator.page.getByRole("heading", { level: 2, name: "La demande" }).waitFor();
    await coordinator.check();
    await coordinator.page.getByRole("link", { name: "Accepter : créer ou choisir la permanence ou l'atelier" }).click();
    await coordinator.page.getByRole("heading", { level: 2, name: "Créer une permanence" }).waitFor();
    await coordinator.check();
    await coordinator.page.getByRole("link", { name: /Le lieu n'existe pas encore : le créer/ }).click();
    await coordinator.page.getByRole("heading", { level: 1, name: "Nouveau lieu" }).waitFor();
    await coordinator.check();
    assert.equal(await coordinator.page.locator("#address").inputValue(), `${placeName}, place du Marché`, "pre-filled from the request");
    await coordinator.page.getByLabel("Nom du lieu").fill(placeName);
    await coordinator.page.getByLabel("Structure qui gère ce lieu").selectOption({ label: "Commune de Nérac" });
    await coordinator.page.getByRole("button", { name: "Créer le lieu" }).click();
    await coordinator.page.getByRole("heading", { level: 1, name: /Nouvelle permanence/ }).waitFor();
    await coordinator.check();
    assert.ok(await coordinator.page.getByLabel("Mardi").isChecked(), "the day asked is ticked");
    assert.equal(await coordinator.page.getByLabel("Heure de début").inputValue(), "09:00");
    await coordinator.page.getByLabel("Conseiller ou conseillère").selectOption({ label: "Océane Bergès (Commune de Nérac)" });
    await coordinator.page.getByRole("button", { name: "Ajouter la permanence" }).click();
    await coordinator.page.getByText("La demande est acceptée").waitFor();
    await coordinator.check();

    await agent.page.goto(requestUrl);
    await agent.page.getByRole("heading", { level: 2, name: "Ce qui est prévu" }).waitFor();
    await agent.check();
    assert.match(await agent.page.locator(".request-state").textContent() ?? "", /Acceptée/);
    const planned = (await agent.page.locator(".request-outcome").textContent()) ?? "";
    assert.match(planned, new RegExp(`Permanence à « ${placeName} »`));
    assert.match(planned, /mardi \d+ \S+, 9\sh\s–\s12\sh/);

    await agent.page.goto(`${base}/trouver-de-l-aide?commune=47195`);
    const result = agent.page.locator("li", { hasText: placeName }).first();
    await result.waitFor();
    assert.match((await result.textContent()) ?? "", /Prochaine permanence : mardi/);
    assertNoProblems([...agent.problems, ...coordinator.problems]);
  }

  test("with JavaScript: every page passes axe-core and reflows at 320 px", async () => {
    await journey(true, "Salle des fêtes de Nérac");
  });

  test("with JavaScript turned off, the same journey works", async () => {
    await journey(false, "Foyer rural de Nérac");
  });

  test("the commune's list and the coordination's empty filtered queue pass axe-core", async () => {
    const agent = await open(true);
    await signIn(agent.page, base, AGENT);
    await agent.page.goto(`${base}/demandes`);
    await agent.page.getByRole("heading", { level: 1, name: "Les demandes de votre commune" }).waitFor();
    await agent.check();
    const coordinator = await open(true);
    await signIn(coordinator.page, base, COORDINATION);
    await coordinator.page.goto(`${base}/demandes?statut=refusee&type=intervention`);
    await coordinator.page.getByText("Aucune demande ne correspond à ces filtres").waitFor();
    await coordinator.check();
    assertNoProblems([...agent.problems, ...coordinator.problems]);
  });
});
