// Booking an appointment in a real browser: every step (errors included) passes axe-core, and the whole
// booking, through to the cancellation, works with JavaScript turned off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { type BookingWorld, createBookingWorld } from "../../src/features/booking/booking.test-support.ts";
import type { TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { assertAccessible, assertNoProblems, assertReflows, startServedDemoApp, watchProblems } from "./e2e-support.ts";

describe("booking an appointment in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let world: BookingWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ t, base } = await startServedDemoApp());
    world = await createBookingWorld(t.handle.db);
    browser = await launchBrowser();
  });

  /** axe-core runs its script in the page: it needs JavaScript, so the no-JS run checks behaviour only. */
  let withAxe = true;
  async function open(javaScriptEnabled: boolean): Promise<void> {
    await context?.close();
    context = await newContext(browser, { bypassCSP: false, javaScriptEnabled });
    problems = await watchProblems(context);
    page = await context.newPage();
    withAxe = javaScriptEnabled;
  }
  after(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  async function check(): Promise<void> {
    if (!withAxe) return;
    await assertAccessible(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  async function goTo(path: string, status = 200): Promise<void> {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response?.status(), status, path);
    await check();
  }

  /** The whole booking, from the need to the cancellation, checking each page (errors included). */
  async function bookAndCancel(): Promise<void> {
    await goTo(`/lieux/${world.placeSlug}/rendez-vous`);
    await page.getByLabel("Aide aux démarches administratives").check();
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.getByRole("heading", { level: 2, name: /^Semaine du/ }).waitFor();
    await check();
    await page.getByRole("link", { name: "Semaine suivante →" }).click();
    await page.getByRole("heading", { level: 2, name: /^Semaine du/ }).waitFor();
    await check();
    await page.locator("a.slot").first().click();
    await page.getByRole("heading", { level: 2, name: "Vos coordonnées" }).waitFor();
    await check();

    // Errors: nothing typed but a first name; it is kept.
    await page.getByLabel("Prénom", { exact: true }).fill("Josette");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.getByRole("heading", { name: /Il y a \d erreurs/ }).waitFor();
    await check();
    assert.equal(await page.getByLabel("Prénom", { exact: true }).inputValue(), "Josette");

    await page.getByLabel("Nom", { exact: true }).fill("M");
    await page.getByLabel("Téléphone portable").fill("06 12 34 56 78");
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.getByRole("heading", { level: 1, name: "Votre rendez-vous est réservé" }).waitFor();
    await check();
    assert.match(await page.content(), /pièce d'identité/);

    await page.getByRole("link", { name: /gérer mon rendez-vous/ }).click();
    await page.getByRole("link", { name: "Annuler ce rendez-vous" }).click();
    await page.getByRole("heading", { level: 1, name: "Voulez-vous vraiment annuler ?" }).waitFor();
    await check();
    await page.getByRole("button", { name: "Oui, annuler ce rendez-vous" }).click();
    await page.getByRole("heading", { level: 1, name: "Rendez-vous annulé" }).waitFor();
    await check();
    await page.getByRole("link", { name: "Choisir un autre créneau" }).click();
    await page.getByRole("heading", { level: 1, name: /Prendre rendez-vous/ }).waitFor();
    assertNoProblems(problems);
  }

  test("every booking step, errors included, has no accessibility violation", async () => {
    await open(true);
    await bookAndCancel();
  });

  test("the whole booking, through to the cancellation, works with JavaScript turned off", async () => {
    await open(false);
    await bookAndCancel();
  });

  test("the taken-slot page, an invalid link and a place without booking are accessible", async () => {
    await open(true);
    const slots = await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=${isoIn(14)}&au=${isoIn(20)}` });
    const slot = slots.json().creneaux[0];
    await goTo(`/lieux/${world.placeSlug}/rendez-vous/coordonnees?creneau=${slot.id}`);
    const booked = await t.app.inject({
      method: "POST",
      url: "/api/v1/rendez-vous",
      payload: { creneau: slot.id, prenom: "Paul", nom: "R", courriel: "paul@exemple.fr", consentement: true },
    });
    assert.equal(booked.statusCode, 201);
    await page.getByLabel("Prénom", { exact: true }).fill("Léa");
    await page.getByLabel("Nom", { exact: true }).fill("B");
    await page.getByLabel("Adresse électronique").fill("lea@exemple.fr");
    await page.getByLabel(/J'accepte que ces informations/).check();
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.getByRole("heading", { name: "Ce créneau vient d'être réservé" }).waitFor();
    await check();
    await goTo("/rendez-vous/gerer?jeton=abc", 400);
    const other = await t.handle.db.selectFrom("places").select("slug").where("structure_id", "<>", world.structureId).where("is_public", "=", true).executeTakeFirstOrThrow();
    await t.handle.db.updateTable("appointment_kinds").set({ active: false }).where("structure_id", "<>", world.structureId).execute();
    await goTo(`/lieux/${other.slug}/rendez-vous`);
    assertNoProblems(problems);
  });
});

function isoIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
