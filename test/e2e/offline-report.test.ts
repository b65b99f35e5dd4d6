// Offline report entry in a real browser: with the network cut, the advisor records two reports, reloads the
// page (the service worker serves the form), then the network returns: both reach the server once; the
// answers lost on the way back make the phone send them again, and they are still not duplicated.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addDays, toParis } from "../../src/features/calendar/paris-time.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, signIn, startServedDemoApp, watchProblems } from "./e2e-support.ts";

const JUSTINE = "justine.sabathier@declic47.example";

describe("offline report entry in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let advisorId: string;
  let userId: string;
  let problems: string[];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    context = await newContext(browser);
    problems = await watchProblems(context);
    const advisor = await t.handle.db
      .selectFrom("advisors")
      .innerJoin("users", "users.id", "advisors.user_id")
      .select(["advisors.id", "advisors.user_id"])
      .where("users.email", "=", JUSTINE)
      .executeTakeFirstOrThrow();
    advisorId = advisor.id;
    assert.ok(advisor.user_id);
    userId = advisor.user_id;
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  async function offlineRows() {
    return t.handle.db.selectFrom("activity_reports").select(["id", "client_id", "notes"]).where("advisor_id", "=", advisorId).where("client_id", "is not", null).execute();
  }

  async function fillReport(page: Page, date: string, note: string) {
    await page.fill("input[name=date]", date);
    await page.check("input[name=placeType][value=domicile]");
    await page.fill("input[name=communeCode]", "Agen (47000)");
    await page.check("input[name=durationPreset][value='30']");
    await page.check("input[name=themes][value=e-mail]");
    await page.fill("textarea[name=notes]", note);
    await page.click("form.activity-form button[type=submit]");
  }

  test("two reports typed offline survive a reload and reach the server once; sent again, they are not duplicated", async () => {
    const page = await context.newPage();
    await signIn(page, base, JUSTINE);
    await page.goto(`${base}/activites/nouveau`);
    await page.waitForSelector("#hors-ligne[data-ready=true]");
    // The form and its files are kept by the service worker before the network goes.
    await page.waitForFunction(async () => {
      const cache = await caches.open("declic-activites-v1");
      return (await cache.match("/activites/nouveau?hors-ligne=1")) !== undefined && navigator.serviceWorker.controller !== null;
    });
    await assertAccessible(page);

    await context.setOffline(true);
    const today = toParis(new Date()).date;
    await fillReport(page, addDays(today, -1), "Hors ligne, premier");
    await page.waitForSelector("#hors-ligne[data-waiting='1']");
    await page.getByText("gardé sur ce téléphone").waitFor();
    await fillReport(page, addDays(today, -2), "Hors ligne, second");
    await page.waitForSelector("#hors-ligne[data-waiting='2']");
    assert.equal((await offlineRows()).length, 0, "nothing reached the server");

    await page.reload();
    await page.waitForSelector("#hors-ligne[data-waiting='2']");
    await page.getByText("En attente d'envoi (2)").waitFor();
    await assertAccessible(page);

    // The first answer for each report is lost on the way back: the server wrote it, the phone does not know.
    const answered = new Set<string>();
    let lose: () => void = () => {};
    let lost = new Promise<void>((resolve) => {
      lose = resolve;
    });
    await context.route("**/activites/hors-ligne", async (route) => {
      const clientId = new URLSearchParams(route.request().postData() ?? "").get("clientId") ?? "";
      const response = await route.fetch();
      if (answered.has(clientId)) return route.fulfill({ response });
      answered.add(clientId);
      await route.abort("connectionreset");
      lose();
    });
    await context.setOffline(false);
    await lost;
    assert.equal((await offlineRows()).length, 1, "the first report reached the server");

    // Each visit with the network sends again what waits; the server answers « already received ».
    lost = new Promise<void>((resolve) => {
      lose = resolve;
    });
    await page.reload();
    await lost;
    await page.reload();
    await page.waitForSelector("#hors-ligne[data-waiting='0'][data-sent='2']");
    await context.unroute("**/activites/hors-ligne");
    const rows = await offlineRows();
    assert.equal(rows.length, 2, "each report once");
    assert.deepEqual(rows.map((r) => r.notes).sort(), ["Hors ligne, premier", "Hors ligne, second"]);
    assert.equal(answered.size, 2);
    await page.getByText("déjà reçu").first().waitFor();
    await page.getByText("Envoyés (2)").waitFor();
    // Cut connections are expected here; a CSP refusal or a script error is not.
    assert.deepEqual(
      problems.filter((p) => /CSP violation|script error/.test(p)),
      [],
    );
  });

  test("a session that expired offline: the report waits, explained, and leaves once the advisor signs in again", async () => {
    const page = await context.newPage();
    await page.goto(`${base}/activites/nouveau`);
    await page.waitForSelector("#hors-ligne[data-ready=true]");
    await context.setOffline(true);
    await fillReport(page, addDays(toParis(new Date()).date, -3), "Pendant l'expiration");
    await page.waitForSelector("#hors-ligne[data-waiting='1']");
    await t.handle.db.deleteFrom("sessions").where("user_id", "=", userId).execute();

    await context.setOffline(false);
    await page.getByText("Votre session a expiré : reconnectez-vous.").waitFor();
    assert.equal(await page.getAttribute("#hors-ligne", "data-waiting"), "1", "kept on the phone");
    assert.equal((await offlineRows()).filter((r) => r.notes === "Pendant l'expiration").length, 0);

    await signIn(page, base, JUSTINE);
    await page.goto(`${base}/activites/nouveau`);
    await page.waitForSelector("#hors-ligne[data-ready=true][data-waiting='0']");
    assert.equal((await offlineRows()).filter((r) => r.notes === "Pendant l'expiration").length, 1);
  });
});
