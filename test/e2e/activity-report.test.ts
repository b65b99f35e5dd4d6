// The activity report form in a real browser: a typical individual report from a past appointment in at
// most 6 interactions, axe-core on the empty form, the forms with errors and the report page, and the
// form used without JavaScript.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addDays, parisToInstant, toParis } from "../../src/features/calendar/paris-time.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

const JUSTINE = "justine.sabathier@declic47.example";

describe("the activity report form in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let appointmentId: string;

  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
    const context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    contexts.push(context);
    const problems = await watchProblems(context);
    return { page: await context.newPage(), problems };
  }

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    const advisor = await t.handle.db
      .selectFrom("advisors")
      .innerJoin("users", "users.id", "advisors.user_id")
      .select(["advisors.id", "advisors.structure_id"])
      .where("users.email", "=", JUSTINE)
      .executeTakeFirstOrThrow();
    const place = await t.handle.db
      .selectFrom("permanences")
      .select("place_id")
      .where("advisor_id", "=", advisor.id)
      .orderBy("place_id")
      .executeTakeFirstOrThrow();
    const kind = await t.handle.db
      .insertInto("appointment_kinds")
      .values({ structure_id: advisor.structure_id, name: "Messagerie et mots de passe", duration_minutes: 30, location: "place" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Yesterday at 21:00, after every demo permanence: a past appointment still « planned ».
    const start = parisToInstant(addDays(toParis(new Date()).date, -1), "21:00");
    appointmentId = (
      await t.handle.db
        .insertInto("appointments")
        .values({
          advisor_id: advisor.id,
          kind_id: kind.id,
          place_id: place.place_id,
          starts_at: start,
          ends_at: new Date(start.getTime() + 30 * 60_000),
          first_name: "Odette",
          last_name: "Lamarque",
          phone: "06 11 22 33 44",
          birth_year: 1948,
          consent_at: new Date(),
          booked_via: "staff",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
    await browser?.close();
    await t?.close();
  });

  test("from the appointment page, a typical individual report takes at most 6 interactions", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, JUSTINE);
    await page.goto(`${base}/agenda/rendez-vous/${appointmentId}`);
    let interactions = 0;
    const act = async (step: Promise<void>) => {
      interactions++;
      await step;
    };
    await act(page.getByRole("link", { name: "Compléter le compte rendu" }).click());
    await page.getByRole("heading", { level: 1, name: "Nouveau compte rendu" }).waitFor();
    await act(page.getByLabel("Courriel (e-mail)").check());
    await act(page.getByRole("button", { name: "Enregistrer le compte rendu" }).click());
    await page.getByText("Le compte rendu est enregistré.").waitFor();
    assert.ok(interactions <= 6, `${interactions} interactions`);
    await assertAccessible(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    const report = await t.handle.db.selectFrom("activity_reports").selectAll().where("appointment_id", "=", appointmentId).executeTakeFirstOrThrow();
    assert.deepEqual(report.themes, ["e-mail"]);
    assert.equal(report.duration_minutes, 30);
    assert.equal(report.beneficiary_age_band, "70-et-plus");
    const appointment = await t.handle.db.selectFrom("appointments").select("status").where("id", "=", appointmentId).executeTakeFirstOrThrow();
    assert.equal(appointment.status, "attended");
    assertNoProblems(problems);
  });

  test("the empty form, the forms with errors and the report page have no accessibility violation", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, JUSTINE);
    await visitAndCheck(page, `${base}/activites/nouveau`);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel("Au domicile de la personne").check();
    await page.getByLabel("Autre durée", { exact: true }).check();
    await page.getByLabel("Autre durée, en minutes").fill("2000");
    await page.getByLabel("Aide aux démarches administratives").check();
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByRole("heading", { level: 2, name: /Il y a \d erreurs/ }).waitFor();
    assert.equal(await page.getByLabel("Aide aux démarches administratives").isChecked(), true);
    assert.equal(await page.getByLabel("Autre durée, en minutes").inputValue(), "2000");
    await assertAccessible(page);

    await visitAndCheck(page, `${base}/activites/nouveau?type=collectif`);
    await page.getByLabel("Nombre de participants anonymes").fill("0");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByRole("heading", { level: 2, name: /Il y a \d erreurs/ }).waitFor();
    await assertAccessible(page);

    const report = await t.handle.db.selectFrom("activity_reports").select("id").where("appointment_id", "=", appointmentId).executeTakeFirst();
    if (report) await visitAndCheck(page, `${base}/activites/${report.id}`);
    await visitAndCheck(page, `${base}/agenda/rendez-vous/${appointmentId}`);
    assertNoProblems(problems);
  });

  test("without JavaScript, an advisor records a report", async () => {
    const { page, problems } = await open(false);
    await signIn(page, base, JUSTINE);
    await page.goto(`${base}/activites/nouveau`);
    await page.getByLabel("Dans un de mes lieux d'activité").check();
    await page.getByLabel("Lieu d'activité").selectOption({ index: 1 });
    await page.getByLabel("45 min").check();
    await page.getByLabel("Aide aux démarches administratives").check();
    await page.getByLabel("Argent, impôts").check();
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByText("Le compte rendu est enregistré.").waitFor();
    await page.getByRole("link", { name: "Saisir un autre compte rendu" }).click();
    await page.getByRole("heading", { level: 1, name: "Nouveau compte rendu" }).waitFor();
    assert.equal(await page.getByLabel("45 min").isChecked(), true, "the usual duration comes back");
    assertNoProblems(problems);
  });
});
