// ProConnect in a real browser against a local OpenID provider: with JavaScript off, a coordinator signs in
// with the button on /connexion and signs out through the provider; with JavaScript on (axe-core needs it),
// the sign-in page with the ProConnect button has no axe-core violation and reflows at 320 px.
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { startOidcProvider, type TestAccount, type TestOidcProvider } from "../support/oidc-provider.ts";
import { assertAccessible, assertNoProblems, assertReflows, watchProblems } from "./e2e-support.ts";

const COORDINATOR: TestAccount = { sub: "pc-e2e-coord", email: "coordination@declic47.example", given_name: "Camille", usual_name: "Coord", uid: "e1" };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("ProConnect, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let oidc: TestOidcProvider;
  let base: string;
  let browser: Browser;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    oidc = await startOidcProvider({ redirectOrigin: base, accounts: [COORDINATOR] });
    t = await startTestApp({
      template: "demo",
      env: {
        PUBLIC_URL: base,
        PROCONNECT_ISSUER: oidc.issuer,
        PROCONNECT_CLIENT_ID: oidc.clientId,
        PROCONNECT_CLIENT_SECRET: oidc.clientSecret,
        SECOND_FACTOR_ROLES: "advisor",
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await oidc?.close();
  });

  test("with JavaScript off: sign in with the button, then sign out through the provider", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const problems = await watchProblems(context);
    const page = await context.newPage();
    oidc.next = { account: COORDINATOR, acr: "eidas1" };
    await page.goto(`${base}/connexion`);
    await page.getByRole("link", { name: "S'identifier avec ProConnect" }).click();
    await page.waitForURL(`${base}/espace`);
    await page.getByText("coordination@declic47.example").first().waitFor();

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL((url) => url.origin === oidc.issuer);
    await page.getByRole("button", { name: "Yes" }).click();
    await page.waitForURL(`${base}/connexion?deconnecte=1`);
    await page.getByText("Vous êtes déconnecté·e.").waitFor();
    await page.goto(`${base}/espace`);
    await page.waitForURL(`${base}/connexion`);
    await context.close();
    assertNoProblems(problems.filter((p) => !p.includes(oidc.issuer)));
  });

  test("with JavaScript on: axe-core on /connexion with the ProConnect button, reflow at 320 px", async () => {
    const context = await newContext(browser, { javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto(`${base}/connexion`);
    await assertAccessible(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await assertReflows(page);

    await context.close();
  });
});
