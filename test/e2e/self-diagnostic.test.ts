// « Tester mes usages » in a real browser: the whole test with JavaScript off (from the home page to a
// workshop booked from the result), with the keyboard alone, at 320 px, and axe-core on every page and
// error state; the read-aloud and print buttons exist only with JavaScript.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, startServedDemoApp, visitAndCheck, waitUntil, watchProblems } from "./e2e-support.ts";

/** Device, e-mail, files and procedures acquired; security and information to learn at the beginners' level. */
const ANSWERS = "222222220000";
const LABELS: Record<string, string> = { "2": "Oui, je sais le faire seul ou seule", "1": "Oui, mais avec un peu d'aide", "0": "Non, pas encore" };

describe("the self-diagnostic in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let communeName: string;
  let nearId: string;

  async function openContext(javaScriptEnabled: boolean): Promise<void> {
    await context?.close();
    context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    problems = await watchProblems(context);
    page = await context.newPage();
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    const place = await t.handle.db
      .selectFrom("places")
      .innerJoin("communes", "communes.code", "places.commune_code")
      .select(["places.id", "places.structure_id", "communes.name"])
      .where("places.is_public", "=", true)
      .where("places.latitude", "is not", null)
      .orderBy("places.slug")
      .executeTakeFirstOrThrow();
    communeName = place.name;
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const row = await t.handle.db
      .insertInto("workshops")
      .values({
        structure_id: place.structure_id,
        title: "Se protéger des arnaques en ligne",
        themes: ["securite-numerique"],
        level: "debutant",
        place_id: place.id,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 2 * 3_600_000),
        capacity: 8,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    nearId = row.id;
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  test("with JavaScript off, a person goes from the home page through the twelve questions to a workshop near home", async () => {
    await openContext(false);
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Tester mes usages du numérique" }).first().click();
    for (const [i, digit] of [...ANSWERS].entries()) {
      await page.getByText(`Question ${i + 1} sur 12`).waitFor();
      assert.equal(await page.getByRole("button", { name: "Écouter la question" }).count(), 0, "no read-aloud button without JavaScript");
      await page.getByLabel(LABELS[digit]!).check();
      await page.getByRole("button", { name: i === 11 ? "Voir mon résultat" : "Question suivante" }).click();
    }
    await page.getByRole("heading", { level: 1, name: "Votre résultat" }).waitFor();
    assert.ok(page.url().endsWith(`/tester-mes-usages/resultat?reponses=${ANSWERS}`));
    assert.match((await page.locator("main").textContent()) ?? "", /Se protéger en ligne : niveau débutant/);
    await page.getByLabel("Votre commune ou votre code postal").fill(communeName);
    await page.getByRole("button", { name: "Voir les ateliers près de chez moi" }).click();
    await page.getByRole("link", { name: "Se protéger des arnaques en ligne" }).click();
    await page.getByLabel("Prénom", { exact: true }).fill("Rose");
    await page.getByLabel("Nom", { exact: true }).fill("B.");
    await page.getByLabel("Adresse électronique").fill("rose.b@exemple.fr");
    await page.getByLabel(/J'accepte que mes nom/).check();
    await page.getByRole("button", { name: "M'inscrire" }).click();
    await page.waitForURL(/\/ateliers\/inscription\?/);
    const registration = await t.handle.db.selectFrom("workshop_registrations").select("source").where("workshop_id", "=", nearId).executeTakeFirstOrThrow();
    assert.equal(registration.source, "self_diagnostic");
    assertNoProblems(problems);
  });

  test("with the keyboard alone, the answers are chosen with the arrow keys and sent with Enter", async () => {
    await openContext(true);
    await page.goto(`${base}/tester-mes-usages`);
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute("value") ?? document.activeElement?.textContent}`);
    for (let i = 0; i < 12; i++) {
      await page.getByText(`Question ${i + 1} sur 12`).waitFor();
      for (let tabs = 0; !(await focused()).startsWith("INPUT:"); tabs++) {
        assert.ok(tabs < 40, "the answers are reachable with Tab");
        await page.keyboard.press("Tab");
      }
      await page.keyboard.press("ArrowDown"); // from the first answer to the second: « avec un peu d'aide »
      for (let tabs = 0; !/^BUTTON:(Question suivante|Voir mon résultat)/.test(await focused()); tabs++) {
        assert.ok(tabs < 5, "the button comes right after the answers and the read-aloud button");
        await page.keyboard.press("Tab");
      }
      await page.keyboard.press("Enter");
    }
    await page.getByRole("heading", { level: 1, name: "Votre résultat" }).waitFor();
    assert.ok(page.url().endsWith("reponses=111111111111"));
    assertNoProblems(problems);
  });

  test("every page and error state has no accessibility violation and reflows at 320 px; read-aloud and print come with JavaScript", async () => {
    await openContext(true);
    const pages: [string, number][] = [
      ["/", 200],
      ["/tester-mes-usages", 200],
      ["/tester-mes-usages?reponses=21021", 200],
      [`/tester-mes-usages/resultat?reponses=${ANSWERS}`, 200],
      [`/tester-mes-usages/resultat?reponses=${ANSWERS}&commune=${encodeURIComponent(communeName)}`, 200],
      [`/tester-mes-usages/resultat?reponses=${ANSWERS}&commune=Zzzzzz`, 400],
      [`/tester-mes-usages/compte-rendu?reponses=${ANSWERS}`, 400],
      ["/tester-mes-usages/resultat?reponses=000000000000", 200],
      ["/tester-mes-usages/resultat?reponses=222222222222", 200],
    ];
    for (const [path, status] of pages) {
      await visitAndCheck(page, `${base}${path}`, status);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.goto(`${base}/tester-mes-usages?reponses=2`);
    await page.getByRole("button", { name: "Question suivante" }).click();
    await page.getByText("Choisissez une réponse pour continuer.").first().waitFor();
    await assertAccessible(page);
    await page.getByRole("button", { name: "Écouter la question" }).waitFor();
    await page.goto(`${base}/tester-mes-usages/resultat?reponses=${ANSWERS}`);
    await page.getByRole("button", { name: "Imprimer mon résultat" }).waitFor();
    await page.getByRole("button", { name: "Écouter le résultat" }).waitFor();
    await assertAccessible(page);
    await page.emulateMedia({ media: "print" });
    await waitUntil(async () => !(await page.getByRole("heading", { name: "Vous êtes conseiller ou conseillère numérique ?" }).isVisible()), "the advisor's part is left out of the printed sheet");
    assert.ok(await page.getByText("2222 2222 0000").isVisible(), "the code is on the printed sheet");
    assertNoProblems(problems);
  });
});
