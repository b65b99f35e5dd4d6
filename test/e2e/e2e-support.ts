// Shared steps of the browser tests: watching a page for errors, checking it with axe-core, signing in.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { addRole, insertUser } from "../../src/features/organisation/organisation.repository.ts";
import type { Role } from "../../src/features/organisation/organisation.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { ACTION_TIMEOUT_MS, axeViolations, describeViolations, NAVIGATION_TIMEOUT_MS } from "../support/browser.ts";

/**
 * Collects what a visitor should never cause: script errors, console errors and Content-Security-Policy
 * violations (reported by a listener added through DevTools, which the page's CSP does not govern).
 * The browser also logs the HTTP status of an error page (404, 400) as a console error: those lines are
 * ignored for the page's own document, since each test asserts that status itself.
 */
export async function watchProblems(context: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const ownStatus = /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text());
      if (ownStatus && message.location().url === page.url()) return;
      problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  };
  for (const page of context.pages()) watch(page);
  context.on("page", watch);
  return problems;
}

/** Fails with a readable list when axe-core finds WCAG 2.0/2.1 A or AA violations on the loaded page. */
export async function assertAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe-core violations on ${page.url()}:\n${describeViolations(violations)}`);
}

/**
 * Opens a page, checks its HTTP status, then checks it with axe-core once it has loaded. On a loaded machine
 * a heavy page (the coordination's statistics) can take well over 10 s: the navigation gets a generous
 * timeout of its own, whatever the context's default.
 */
export async function visitAndCheck(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load", timeout: NAVIGATION_TIMEOUT_MS });
  assert.equal(response?.status(), status, `HTTP status of ${url}`);
  await assertAccessible(page);
}

/**
 * Polls a condition that no browser event signals (a message collected by a listener, focus moved by a
 * script) until it holds; fails with the message after the timeout. Never a fixed sleep.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = ACTION_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 10; !(await condition()); delay = Math.min(delay * 2, 250)) {
    if (Date.now() > deadline) assert.fail(`${message} (still not true after ${timeoutMs / 1000} s)`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** At 320 CSS pixels wide (a 1280 px screen zoomed to 400 %), content must reflow: no sideways scrolling (WCAG 1.4.10). */
export async function assertReflows(page: Page): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The elements that stick out, innermost first, so a failure says where to look.
    const out = [...document.body.querySelectorAll("*")]
      .filter((el) => {
        if (el.getBoundingClientRect().right <= width + 1) return false;
        // Inside a scrolling or clipping box, an element does not widen the page.
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
        return true;
      })
      .reverse()
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} « ${(el.textContent ?? "").trim().slice(0, 40)} »`);
    return { scroll: document.documentElement.scrollWidth, client: width, culprits: out };
  });
  assert.ok(scroll <= client, `${page.url()} is ${scroll}px wide in a ${client}px window: ${culprits.join("; ")}`);
}

export function assertNoProblems(problems: string[]): void {
  assert.deepEqual(problems, [], problems.join("\n"));
}

/**
 * A port below Linux's ephemeral range (32768–60999), held open until the app takes it: a port the
 * kernel hands out for listen(0) can be given meanwhile to an outgoing connection (PostgreSQL clients,
 * the browser), which made `listen` fail now and then with EADDRINUSE.
 */
async function reservePort(): Promise<{ port: number; release: () => Promise<void> }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const listening = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (listening) return { port, release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }
  throw new Error("no free TCP port between 20000 and 32000");
}

/**
 * The demo app served at its own PUBLIC_URL, so that absolute links it prints (the on-screen demo sign-in
 * link) lead back to it, as they do in production.
 */
export async function startServedDemoApp(env: Record<string, string> = {}): Promise<{ t: TestApp; base: string }> {
  const { port, release } = await reservePort();
  const base = `http://127.0.0.1:${port}`;
  let t: TestApp;
  try {
    t = await startTestApp({ template: "demo", env: { PUBLIC_URL: base, ...env } });
  } finally {
    await release();
  }
  await t.app.listen({ port, host: "127.0.0.1" });
  return { t, base };
}

let people = 0;

/** A person of the network with one role; each call makes a new address, so sign-in throttles never collide. */
export async function newPerson(t: TestApp, role: Role, firstName: string, lastName: string): Promise<string> {
  people++;
  const email = `${firstName}.${lastName}.${people}@exemple.fr`.toLowerCase();
  const userId = await insertUser(t.handle.db, { email, firstName, lastName });
  await addRole(t.handle.db, userId, role, null);
  return email;
}

/** Requests a link on /connexion and stops on the « Vérifiez votre messagerie » page. */
export async function requestLink(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/connexion`);
  await page.getByLabel("Votre adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
  await page.getByRole("heading", { level: 1, name: "Vérifiez votre messagerie" }).waitFor();
}

/**
 * The second factor, when the account's role asks for one: types the code the demo shows on screen
 * (enrolment the first time, then the recovery codes page), and ends on /espace.
 */
export async function completeSecondFactorInBrowser(page: Page, base: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === "/espace" || url.pathname === "/connexion/second-facteur");
  if (new URL(page.url()).pathname === "/espace") return;
  const enrol = (await page.getByRole("button", { name: "Activer" }).count()) > 0;
  await page.getByLabel(/^Code à 6 chiffres/).fill((await page.locator(".demo-code").textContent()) ?? "");
  await page.getByRole("button", { name: enrol ? "Activer" : "Valider" }).click();
  if (enrol) await page.getByRole("link", { name: "J'ai noté mes codes : continuer" }).click();
  await page.waitForURL(`${base}/espace`);
}

/** The whole sign-in in the browser, through the demo link shown on screen; ends on /espace. */
export async function signIn(page: Page, base: string, email: string): Promise<void> {
  await requestLink(page, base, email);
  await page.getByRole("link", { name: "Ouvrir mon lien de connexion" }).click();
  await page.getByRole("button", { name: "Me connecter" }).click();
  await completeSecondFactorInBrowser(page, base);
}
