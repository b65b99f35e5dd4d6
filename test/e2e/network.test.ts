// The network view and the coordination log in a real browser: both groupings, the log empty and filled,
// the entry form with its errors, all checked with axe-core, and the same tasks done with JavaScript off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

const COORDINATION = "coordination@declic47.example";

describe("the network view and the coordination log in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    return { page: await context.newPage(), problems };
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    // The log starts empty whatever the demo seeds, so its empty state is checked too.
    await t.handle.db.deleteFrom("coordination_events").execute();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
    await browser?.close();
    await t?.close();
  });

  test("both groupings of /reseau have no accessibility violation and reflow at 320 px", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, COORDINATION);
    for (const path of ["/reseau", "/reseau?par=epci", "/reseau?par=epci&activite=inactifs&type=association"]) {
      await visitAndCheck(page, `${base}${path}`);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    assertNoProblems(problems);
  });

  test("the log, empty then filled, and the entry form with its errors have no accessibility violation", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, COORDINATION);
    await visitAndCheck(page, `${base}/reseau/journal`);
    await page.getByText("Aucune action enregistrée pour cette période.").waitFor();
    await visitAndCheck(page, `${base}/reseau/journal/nouveau`);
    await page.getByLabel("Durée en minutes").fill("0");
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await page.getByRole("heading", { level: 2, name: "Il y a 3 erreurs" }).waitFor();
    await assertAccessible(page);

    await page.getByLabel("Réunion de réseau").check();
    await page.getByLabel("Titre").fill("Réunion des conseillers de l'Albret");
    await page.getByLabel("Durée en minutes").fill("150");
    await page.getByLabel("Nombre de participants").fill("9");
    await page.getByLabel("Commune (code INSEE)").fill("47195");
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await page.getByText("L'action a été ajoutée au journal.").waitFor();
    await assertAccessible(page);
    await visitAndCheck(page, `${base}/reseau/journal`);
    await page.getByRole("link", { name: "Réunion des conseillers de l'Albret" }).waitFor();
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("link", { name: "Réunion des conseillers de l'Albret" }).click();
    await page.getByRole("link", { name: "Supprimer" }).click();
    await page.getByRole("heading", { level: 1, name: "Supprimer cette action ?" }).waitFor();
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("without JavaScript, a coordinator filters the network, downloads it, and logs then deletes an action", async () => {
    const { page, problems } = await open(false);
    await signIn(page, base, COORDINATION);
    await page.goto(`${base}/reseau`);
    await page.getByLabel("Intercommunalité", { exact: true }).check();
    await page.getByLabel("Type de structure").selectOption("association");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/par=epci/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("type"), "association");
    assert.ok((await page.locator("tr[data-conseiller]").count()) > 0);
    const csvHref = await page.getByRole("link", { name: "Télécharger ce tableau (CSV)" }).getAttribute("href");
    assert.match(csvHref ?? "", /^\/reseau\/export\.csv\?.*type=association/);

    await page.goto(`${base}/reseau/journal/nouveau`);
    await page.getByLabel("Partenariat").check();
    await page.getByLabel("Titre").fill("Convention avec la médiathèque départementale");
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await page.getByText("L'action a été ajoutée au journal.").waitFor();
    await page.goto(`${base}/reseau/journal`);
    await page.getByRole("combobox", { name: /Type d'action/ }).selectOption("partenariat");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/type=partenariat/);
    await page.getByRole("link", { name: "Convention avec la médiathèque départementale" }).click();
    await page.getByRole("link", { name: "Supprimer" }).click();
    await page.getByRole("button", { name: "Oui, supprimer l'action" }).click();
    await page.getByText("L'action a été supprimée du journal.").waitFor();
    assertNoProblems(problems);
  });
});
