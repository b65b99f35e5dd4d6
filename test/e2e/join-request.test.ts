// The request to join in a real browser against a local OpenID provider: an unknown agent signs in with
// ProConnect, sends the form once with an error then correctly, the coordination accepts with a role, and
// the agent's next ProConnect sign-in opens their space. Run once with JavaScript off (the journey must
// work without it) and once with it on, to run axe-core on every page — including ProConnect's error pages
// (cancelled, flow missing or mismatched, provider not answering).
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.ts";
import { browserSkipReason, launchBrowser, newContext } from "../support/browser.ts";
import { startOidcProvider, type TestAccount, type TestOidcProvider } from "../support/oidc-provider.ts";
import { assertAccessible, assertNoProblems, assertReflows, signIn, watchProblems } from "./e2e-support.ts";

const SIRET = "21470004600016";
const AGENTS: TestAccount[] = [
  { sub: "pc-e2e-off", email: "lea.accueil@mairie-duras.example", given_name: "Léa", usual_name: "Accueil", uid: "e2e-1", siret: SIRET },
  { sub: "pc-e2e-on", email: "marc.accueil@mairie-duras.example", given_name: "Marc", usual_name: "Accueil", uid: "e2e-2", siret: SIRET },
];

/** A port of this helper's range (3630–3639) that is free now. */
async function portInRange(exclude: number[] = []): Promise<number> {
  for (let port = 3630; port <= 3639; port++) {
    if (exclude.includes(port)) continue;
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
  throw new Error("no free port between 3630 and 3639");
}

describe("request to join, in a browser", { skip: browserSkipReason() }, () => {
  let t: TestApp;
  let oidc: TestOidcProvider;
  let base: string;
  let browser: Browser;

  before(async () => {
    const port = await portInRange();
    base = `http://127.0.0.1:${port}`;
    oidc = await startOidcProvider({ redirectOrigin: base, accounts: AGENTS });
    t = await startTestApp({
      template: "demo",
      env: { PUBLIC_URL: base, PROCONNECT_ISSUER: oidc.issuer, PROCONNECT_CLIENT_ID: oidc.clientId, PROCONNECT_CLIENT_SECRET: oidc.clientSecret, SECOND_FACTOR_ROLES: "advisor" },
    });
    await t.handle.db.updateTable("structures").set({ siret: SIRET }).where("name", "=", "Commune de Duras").execute();
    await t.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await oidc?.close();
  });

  async function journey(javaScriptEnabled: boolean, agent: TestAccount) {
    const check = async (page: Page) => {
      if (javaScriptEnabled) await assertAccessible(page);
    };
    const agentContext = await newContext(browser, { javaScriptEnabled });
    const problems = await watchProblems(agentContext);
    const page = await agentContext.newPage();
    oidc.next = { account: agent, acr: "eidas1" };
    await page.goto(`${base}/connexion`);
    await page.getByRole("link", { name: "S'identifier avec ProConnect" }).click();
    await page.getByRole("heading", { level: 1, name: "Aucun compte ne correspond à votre identité ProConnect" }).waitFor();
    await page.getByText("Commune de Duras").first().waitFor();
    await check(page);

    await page.getByLabel("Message pour la coordination (facultatif)").fill("Je tiens l'accueil de la mairie.");
    await page.getByRole("button", { name: "Demander l'accès" }).click();
    await page.locator(".field-error", { hasText: "Indiquez votre rôle" }).waitFor();
    await check(page);
    await page.getByLabel("Agent de mairie").check();
    await page.getByRole("button", { name: "Demander l'accès" }).click();
    await page.getByRole("heading", { level: 1, name: "Votre demande d'accès est envoyée" }).waitFor();
    await page.getByText(agent.email).waitFor();
    await check(page);
    if (javaScriptEnabled) {
      await page.setViewportSize({ width: 320, height: 640 });
      await assertReflows(page);
    }

    const coordContext = await newContext(browser, { javaScriptEnabled });
    const coord = await coordContext.newPage();
    await signIn(coord, base, "coordination@declic47.example");
    await coord.goto(`${base}/reseau`);
    await coord.getByText("1 demande en attente de réponse.").waitFor();
    await coord.getByRole("link", { name: "Demandes d'accès" }).click();
    await check(coord);
    await coord.getByRole("link", { name: `${agent.given_name} ${agent.usual_name}` }).click();
    await check(coord);
    await coord.getByRole("button", { name: "Accepter la demande" }).click();
    await coord.locator(".field-error", { hasText: "Choisissez le rôle" }).waitFor();
    await check(coord);
    await coord.getByLabel("Agent de mairie").check();
    await coord.getByRole("button", { name: "Accepter la demande" }).click();
    await coord.getByText("La demande est acceptée").waitFor();
    await check(coord);
    await coord.goto(`${base}/reseau/demandes-acces?etat=traitees`);
    await coord.getByText("Acceptée : Agent de mairie, Commune de Duras").first().waitFor();
    await check(coord);
    await coordContext.close();

    oidc.next = { account: agent, acr: "eidas1" };
    await page.goto(`${base}/connexion`);
    await page.getByRole("link", { name: "S'identifier avec ProConnect" }).click();
    await page.waitForURL(`${base}/espace`);
    await page.getByText(agent.email).first().waitFor();
    await agentContext.close();
    assertNoProblems(problems.filter((p) => !p.includes(oidc.issuer)));
  }

  test("with JavaScript off: ask for access, the coordination accepts, the agent signs in", async () => {
    await journey(false, AGENTS[0]!);
  });

  test("with JavaScript on: the same journey, axe-core on every page", async () => {
    await journey(true, AGENTS[1]!);
  });

  test("ProConnect's error pages have no axe-core violation: cancelled, flow missing, provider not answering", async () => {
    const context = await newContext(browser, { javaScriptEnabled: true });
    const page = await context.newPage();
    oidc.next = { cancel: true };
    await page.goto(`${base}/connexion`);
    await page.getByRole("link", { name: "S'identifier avec ProConnect" }).click();
    await page.getByText("Vous avez annulé la connexion avec ProConnect.").waitFor();
    await assertAccessible(page);

    await page.goto(`${base}/connexion/proconnect/retour?code=abc&state=${"x".repeat(43)}`);
    await page.getByText("n'a pas été commencée depuis ce navigateur").waitFor();
    await assertAccessible(page);

    // A second app whose provider does not answer (nothing listens on its issuer's port).
    const port = await portInRange([Number(new URL(base).port)]);
    const down = await startTestApp({
      template: "demo",
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, PROCONNECT_ISSUER: "http://127.0.0.1:9", PROCONNECT_CLIENT_ID: "declic", PROCONNECT_CLIENT_SECRET: "down-secret" },
    });
    try {
      await down.app.listen({ port, host: "127.0.0.1" });
      const response = await page.goto(`http://127.0.0.1:${port}/connexion/proconnect`);
      if (response?.status() !== 503) throw new Error(`provider down answers ${response?.status()}`);
      await page.getByText("ProConnect ne répond pas pour le moment.").waitFor();
      await assertAccessible(page);
    } finally {
      await down.close();
    }
    await context.close();
  });
});
