// Shared steps of the back-office HTTP tests: signing in through the demo link, posting forms with repeated
// fields (checkboxes), and finding demo rows.
import assert from "node:assert/strict";
import { cookieHeader, mergeCookies, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { completeSecondFactor } from "../../../../test/support/second-factor.ts";

let visitors = 0;
const signedIn = new WeakMap<TestApp, Map<string, Visitor>>();

/** A signed-in visitor; each account signs in once per app (sign-in requests are throttled per address). */
export async function signIn(t: TestApp, email: string): Promise<Visitor> {
  const known = signedIn.get(t) ?? new Map<string, Visitor>();
  signedIn.set(t, known);
  const existing = known.get(email);
  if (existing) return existing;
  visitors++;
  const visitor = new Visitor(t.app, `10.47.${visitors}.1`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, `demo mode shows the link for ${email}`);
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  known.set(email, visitor);
  return visitor;
}

/** Posts a form like a browser: repeated names for checked boxes, the CSRF token of the last page. */
export async function postForm(t: TestApp, visitor: Visitor, url: string, fields: [string, string][]) {
  const body = new URLSearchParams([["_csrf", visitor.csrfToken()], ...fields]);
  const response = await t.app.inject({
    method: "POST",
    url,
    payload: body.toString(),
    headers: { cookie: cookieHeader(visitor.jar), "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    remoteAddress: visitor.ip,
  });
  visitor.jar = mergeCookies(visitor.jar, response.headers["set-cookie"]);
  visitor.lastHtml = response.body;
  return response;
}

export async function placeOf(t: TestApp, structureSlug: string, name: string) {
  return t.handle.db
    .selectFrom("places")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .selectAll("places")
    .where("structures.slug", "=", structureSlug)
    .where("places.name", "=", name)
    .executeTakeFirstOrThrow();
}

export async function advisorByEmail(t: TestApp, email: string) {
  return t.handle.db
    .selectFrom("advisors")
    .innerJoin("users", "users.id", "advisors.user_id")
    .select(["advisors.id", "advisors.structure_id"])
    .where("users.email", "=", email)
    .executeTakeFirstOrThrow();
}

/** The fields of a valid new place in Agen, with a week of hours and two services. */
export function agenPlaceFields(structureId: string, name = "Espace numérique Voltaire"): [string, string][] {
  return [
    ["name", name],
    ["structure_id", structureId],
    ["address", "8 rue Voltaire"],
    ["commune", "Agen"],
    ["postcode", ""],
    ["phone", "05 53 00 00 01"],
    ["emails", "contact@voltaire.example, accueil@voltaire.example"],
    ["website", "www.voltaire.example"],
    ["pivot", "73282932000074"],
    ["typologie", "EPN"],
    ["services", "aide-aux-demarches-administratives"],
    ["services", "maitrise-des-outils-numeriques-du-quotidien"],
    ["fees", "gratuit"],
    ["summary", "Un espace pour apprendre à utiliser son téléphone."],
    ["mobility", "fixe"],
    ["visibility", "public"],
    ...[1, 2, 3, 4, 5].flatMap((d): [string, string][] => [
      [`heures-${d}-1-debut`, "09:00"],
      [`heures-${d}-1-fin`, "12:00"],
      [`heures-${d}-2-debut`, "14:00"],
      [`heures-${d}-2-fin`, "17:00"],
    ]),
    ["feries_fermes", "1"],
  ];
}
