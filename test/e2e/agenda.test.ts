// The advisor agenda in a real browser: week and day views, an appointment, the absence and motif forms
// (with their errors) checked with axe-core, without script errors or CSP violations, and usable without JS.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addDays, mondayOf, parisToInstant, toParis } from "../../src/features/calendar/paris-time.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "./e2e-support.ts";

describe("the advisor agenda in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let appointmentId: string;
  let sunday: string;
  let structureId: string;

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
      .where("users.email", "=", "justine.sabathier@declic47.example")
      .executeTakeFirstOrThrow();
    structureId = advisor.structure_id;
    const kind = await t.handle.db
      .insertInto("appointment_kinds")
      .values({ structure_id: advisor.structure_id, name: "Messagerie et mots de passe", duration_minutes: 30, location: "place" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Sunday evening of this week: no demo appointment is ever there.
    sunday = addDays(mondayOf(toParis(new Date()).date), 6);
    const start = parisToInstant(sunday, "19:00");
    appointmentId = (
      await t.handle.db
        .insertInto("appointments")
        .values({
          advisor_id: advisor.id,
          kind_id: kind.id,
          starts_at: start,
          ends_at: new Date(start.getTime() + 30 * 60_000),
          first_name: "Odette",
          last_name: "Lamarque",
          phone: "06 11 22 33 44",
          email: null,
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

  test("the week and day views and the appointment page have no accessibility violation and reflow", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, "justine.sabathier@declic47.example");
    for (const path of ["/agenda", `/agenda?jour=${sunday}`, `/agenda/rendez-vous/${appointmentId}`]) {
      await visitAndCheck(page, `${base}${path}`);
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    assertNoProblems(problems);
  });

  test("without JavaScript, an advisor marks an appointment honoured and adds a weekly absence", async () => {
    const { page, problems } = await open(false);
    await signIn(page, base, "justine.sabathier@declic47.example");
    await page.goto(`${base}/agenda?jour=${sunday}`);
    await page.getByRole("link", { name: /Rendez-vous : Odette Lamarque/ }).click();
    await page.getByRole("heading", { level: 1, name: /Rendez-vous avec Odette Lamarque/ }).waitFor();
    await page.getByLabel("Honoré").check();
    await page.getByRole("button", { name: "Enregistrer le statut" }).click();
    await page.getByText("Le statut a été enregistré.").waitFor();

    await page.goto(`${base}/agenda/absences`);
    await page.getByLabel("Formation (Afpa)").check();
    await page.getByLabel(/^Chaque semaine/).check();
    await page.getByLabel("Mardi").check();
    await page.getByRole("button", { name: "Ajouter l'absence" }).click();
    await page.getByText("L'absence a été ajoutée.").waitFor();
    assertNoProblems(problems);
  });

  test("the absence form, empty and with its errors, has no accessibility violation", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, "justine.sabathier@declic47.example");
    await visitAndCheck(page, `${base}/agenda/absences`);
    await page.getByLabel("Congés").check();
    await page.getByLabel(/^Chaque semaine/).check();
    await page.getByLabel("De (heure, facultative)", { exact: true }).fill("14:00");
    await page.getByLabel("À (heure, facultative)", { exact: true }).fill("09:00");
    await page.getByRole("button", { name: "Ajouter l'absence" }).click();
    await page.getByRole("heading", { level: 2, name: "Il y a 2 erreurs" }).waitFor();
    assert.equal(await page.getByLabel("Congés").isChecked(), true);
    await assertAccessible(page);
    assertNoProblems(problems);
  });

  test("the motif form, empty and with its errors, has no accessibility violation", async () => {
    const { page, problems } = await open(true);
    await signIn(page, base, "coordination@declic47.example");
    await visitAndCheck(page, `${base}/gestion/motifs?structure=${structureId}`);
    await visitAndCheck(page, `${base}/gestion/motifs/nouveau?structure=${structureId}`);
    await page.getByLabel("Durée en minutes").fill("200");
    await page.getByRole("button", { name: "Ajouter le motif" }).click();
    await page.getByRole("heading", { level: 2, name: "Il y a 2 erreurs" }).waitFor();
    await assertAccessible(page);
    assertNoProblems(problems);
  });
});
