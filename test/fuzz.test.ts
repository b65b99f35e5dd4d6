// Property-based fuzzing of every route of the OpenAPI document and every public form (issues 13 and 15):
// wrong types, missing fields, 100 KB strings, control characters, arrays for scalars, bad content types,
// malformed JSON. Whatever is sent, the answer is never a 5xx; an API error is application/problem+json;
// an HTML error is a French page with a way back. Fixed seed, so a failure replays.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { createApiToken } from "../src/features/api-tokens/api-tokens.service.ts";
import { cookieHeader, mergeCookies, startTestApp, type TestApp } from "./support/app.ts";

const SEED = 47_2026;
const API_RUNS = 3_000;
const FORM_RUNS = 2_500;

/** Texts people and scripts send: plausible values, wrong ones, huge ones, hostile ones. */
const text = fc.oneof(
  fc.constantFrom("", " ", "agen", "47000", "47001", "Agen 47000", "maintenant", "sans-rdv", "1", "0", "-1", "true", "oui"),
  fc.constantFrom("1e309", "-1e309", "Infinity", "NaN", "1.5", "99999999999999999999", "0x10", "2026-13-01", "9999-12-31", "0001-01-01", "2026-02-30"),
  fc.constantFrom("a\u0000b", "\u0000", "%00", "\u001b[31m", "\u007f", "' OR 1=1 --", "<script>alert(1)</script>", "__proto__", "constructor", "../../etc/passwd"),
  fc.constantFrom("😀", "\ud800", "é".repeat(300), "x".repeat(100_000)),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/** What a JSON body field may be: any type, not just the one the schema wants. */
const jsonValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("a", "__proto__", "id"), text, { maxKeys: 2 }),
);

interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query: string[];
  body: string[];
}

interface FormShape {
  method: "GET" | "POST";
  action: string;
  fields: string[];
  hidden: Record<string, string>;
  cookies: Record<string, string>;
}

function operationsOf(openapi: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } };
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      operations.push({
        method: method.toUpperCase() as Operation["method"],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
        body: Object.keys(schema?.properties ?? {}),
      });
    }
  }
  return operations;
}

/**
 * Any text as a path segment, as a browser writes it: a lone surrogate (which the generator makes, and on which
 * encodeURIComponent throws) becomes U+FFFD, as the URL standard says.
 */
function pathSegment(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? match[1]!.replace(/&amp;/g, "&") : null;
}

/** The forms of a page as a browser would submit them, with the page's cookies and CSRF token. */
function formsOf(html: string, pageUrl: string, cookies: Record<string, string>): FormShape[] {
  const forms: FormShape[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attributes, inner] = match as unknown as [string, string, string];
    const method = (attribute(attributes, "method") ?? "get").toUpperCase() === "POST" ? "POST" : "GET";
    const action = attribute(` ${attributes}`, "action") ?? pageUrl.split("?")[0]!;
    if (action === "/deconnexion") continue;
    const fields = new Set<string>();
    const hidden: Record<string, string> = {};
    for (const field of inner.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const tag = field[2]!;
      const name = attribute(tag, "name");
      if (!name) continue;
      if (attribute(tag, "type") === "hidden") hidden[name] = attribute(tag, "value") ?? "";
      else fields.add(name);
    }
    forms.push({ method, action, fields: [...fields], hidden, cookies });
  }
  return forms;
}

/** The last step of a booking (the person's details), reached from a free slot of the API. */
async function bookingDetailsPage(t: TestApp): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  const places = await t.handle.db.selectFrom("places").select(["id", "slug"]).where("slug", "is not", null).orderBy("slug").execute();
  for (const place of places) {
    const answer = await t.app.inject({ url: `/api/v1/creneaux?lieu=${place.id}&du=${today}&au=${until}` });
    const slot = answer.statusCode === 200 ? (answer.json() as { creneaux: { id: string }[] }).creneaux[0] : undefined;
    if (slot) return `/lieux/${place.slug}/rendez-vous/coordonnees?creneau=${encodeURIComponent(slot.id)}`;
  }
  throw new Error("no free slot in the demo to reach the booking form");
}

const NOT_A_PAGE = /^\/(static|api|admin|gestion|espace|agenda|activites|beneficiaires|reseau|statistiques|maillage)\b|\.(csv|json|xlsx|ics|svg|png)(\?|$)/;

/** Follows the public links from a few pages, as a visitor would, and keeps every form met on the way. */
async function crawlPublicForms(t: TestApp, start: string[], maxPages = 60): Promise<FormShape[]> {
  const seen = new Set<string>(start);
  const queue = [...start];
  const forms = new Map<string, FormShape>();
  for (let visited = 0; queue.length > 0 && visited < maxPages; visited++) {
    const url = queue.shift()!;
    const response = await t.app.inject({ url, headers: { accept: "text/html" } });
    if (response.statusCode !== 200 || !String(response.headers["content-type"]).startsWith("text/html")) continue;
    for (const form of formsOf(response.body, url, mergeCookies({}, response.headers["set-cookie"]))) {
      // One form of each kind: the same form on another place or workshop adds nothing.
      const shape = form.action.split("?")[0]!.replace(/\/lieux\/[^/]+/, "/lieux/*").replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id");
      const key = `${form.method} ${shape} ${form.fields.join(",")}`;
      if (!forms.has(key)) forms.set(key, form);
    }
    for (const [, href] of response.body.matchAll(/<a\b[^>]*\shref="(\/[^"#]*)"/g)) {
      const link = href!.replace(/&amp;/g, "&");
      if (seen.has(link) || NOT_A_PAGE.test(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return [...forms.values()];
}

function assertAnswered(response: LightMyRequestResponse, what: string) {
  assert.ok(response.statusCode < 500, `${what} → ${response.statusCode}: ${response.body.slice(0, 400)}`);
  if (response.statusCode < 400) return;
  const type = String(response.headers["content-type"] ?? "");
  if (what.includes(" /api/")) {
    assert.match(type, /^application\/problem\+json/, `${what} → ${response.statusCode} ${type}`);
    const body = response.json() as { code?: string; status?: number };
    assert.equal(typeof body.code, "string", what);
    assert.equal(body.status, response.statusCode, what);
  } else if (type.startsWith("text/html")) {
    assert.match(response.body, /<html lang="fr">/, what);
    assert.match(response.body, /href="\/"/, `${what}: a way back`);
  }
}

describe("fuzzing the API and the public forms never gets a 5xx", () => {
  let t: TestApp;
  let operations: Operation[];
  let forms: FormShape[];
  let bearer: string;

  before(async () => {
    t = await startTestApp({ template: "demo" });
    const openapi = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    operations = operationsOf(openapi);
    bearer = (await createApiToken(t.handle.db, { name: "fuzz", scopes: ["activites", "statistiques", "maillage"] }, { actorUserId: null, now: new Date(), via: "cli" })).token;

    forms = await crawlPublicForms(t, ["/", "/trouver-de-l-aide?commune=47001", "/ateliers", "/connexion", await bookingDetailsPage(t)]);
  });
  after(() => t.close());

  test("the OpenAPI document and the public pages give routes and forms to fuzz", () => {
    assert.ok(operations.length >= 6, `${operations.length} operations`);
    assert.ok(forms.some((f) => f.method === "POST"), "at least one POST form");
    assert.ok(forms.some((f) => f.method === "GET"), "at least one GET form");
    for (const action of ["/connexion", "/signaler", "/coordonnees", "/inscription"]) {
      assert.ok(forms.some((f) => f.action.includes(action)), `a form posting to …${action}: ${forms.map((f) => f.action).join(" ")}`);
    }
  });

  test(`${API_RUNS} requests over every route of the OpenAPI document`, async () => {
    const request = fc.record({
      op: fc.integer({ min: 0, max: 10_000 }),
      query: fc.array(fc.tuple(fc.nat(20), text), { maxLength: 6 }),
      body: fc.oneof(
        fc.dictionary(fc.nat(20).map(String), jsonValue, { maxKeys: 6 }).map((d) => ({ kind: "json" as const, fields: d })),
        fc.constantFrom("{", '{"a":1,}', '{"__proto__":{"x":1}}', "[]", "null", '"x"', "1e309", "").map((raw) => ({ kind: "raw" as const, raw })),
        fc.constantFrom("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded").map((type) => ({ kind: "type" as const, type })),
      ),
      token: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const op = operations[r.op % operations.length]!;
        const search = new URLSearchParams();
        for (const [i, value] of r.query) search.append(op.query.length > 0 && i < 16 ? op.query[i % op.query.length]! : `x${i}`, value);
        const url = `${op.path.replace(/\{[^}]+\}/g, () => pathSegment(r.query[0]?.[1] ?? "x"))}${search.size > 0 ? `?${search}` : ""}`;
        const headers: Record<string, string> = r.token ? { authorization: `Bearer ${bearer}` } : {};
        let payload: string | undefined;
        if (op.method !== "GET") {
          if (r.body.kind === "json") {
            const names = op.body.length > 0 ? op.body : ["x"];
            const object = Object.fromEntries(Object.entries(r.body.fields).map(([k, v]) => [names[Number(k) % names.length]!, v]));
            payload = JSON.stringify(object);
            headers["content-type"] = "application/json";
          } else if (r.body.kind === "raw") {
            payload = r.body.raw;
            headers["content-type"] = "application/json";
          } else {
            payload = "a=1&b=%00";
            headers["content-type"] = r.body.type;
          }
        }
        const response = await t.app.inject({ method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}) });
        assertAnswered(response, `${op.method} ${url.slice(0, 200)}`);
      }),
      { seed: SEED, numRuns: API_RUNS, endOnFailure: true },
    );
  });

  test(`${FORM_RUNS} submissions of the public forms`, async () => {
    const submission = fc.record({
      form: fc.integer({ min: 0, max: 10_000 }),
      values: fc.array(fc.tuple(fc.nat(30), text), { maxLength: 8 }),
      repeat: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(submission, async (s) => {
        const form = forms[s.form % forms.length]!;
        const body = new URLSearchParams(form.hidden);
        const names = form.fields.length > 0 ? form.fields : ["x"];
        for (const [i, value] of s.values) {
          const name = names[i % names.length]!;
          // Arrays for scalars: the same name twice, as a browser does for checkboxes.
          if (s.repeat) body.append(name, value);
          else body.set(name, value);
        }
        const headers = { accept: "text/html", cookie: cookieHeader(form.cookies) };
        const response =
          form.method === "GET"
            ? await t.app.inject({ method: "GET", url: `${form.action}?${body}`, headers })
            : await t.app.inject({ method: "POST", url: form.action, payload: body.toString(), headers: { ...headers, "content-type": "application/x-www-form-urlencoded" } });
        assertAnswered(response, `${form.method} ${form.action} ${body.toString().slice(0, 200)}`);
      }),
      { seed: SEED, numRuns: FORM_RUNS, endOnFailure: true },
    );
  });
});
