// The admin SMS viewer in a real browser: accessible (axe-core), no script or CSP problems.
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { assertNoProblems, newPerson, signIn, startServedDemoApp, visitAndCheck, watchProblems } from "../../../test/e2e/e2e-support.ts";
import type { TestApp } from "../../../test/support/app.ts";
import { browserSkipReason, launchBrowser } from "../../../test/support/browser.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";

describe("the admin SMS viewer, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  before(async () => {
    ({ t, base } = await startServedDemoApp());
    browser = await launchBrowser();
    await enqueueMessage(t.handle.db, {
      idempotencyKey: "browser-sms",
      channel: "sms",
      recipient: "+33612345678",
      text: "déClic47 : rappel, rendez-vous jeudi 7 mars à 14 h avec Julie, Médiathèque, 1 place Armand Fallières, 47000.",
      notBefore: new Date(),
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test("an admin reads the SMS list and one message, both accessible", async () => {
    const context = await browser.newContext();
    const problems = await watchProblems(context);
    const page = await context.newPage();
    await signIn(page, base, await newPerson(t, "admin", "Ada", "Admin"));
    await visitAndCheck(page, `${base}/admin/sms`);
    await page.getByRole("link", { name: /rappel, rendez-vous jeudi/ }).click();
    await page.getByRole("heading", { level: 1, name: "SMS à +33612345678" }).waitFor();
    await visitAndCheck(page, page.url());
    await visitAndCheck(page, `${base}/admin/courriels`);
    assertNoProblems(problems);
    await context.close();
  });
});
