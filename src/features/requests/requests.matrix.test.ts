// The scoping matrix of the request pages: every route × role with the status requests.policy.ts gives, for
// the Nérac agent's request, Duras's, a request answered by Isabelle's (LGNum) permanence, and a guessed
// (random, well-formed) id. Posts are empty forms: 400 is the form again with its French errors, proof the
// post got past the gates. To extend it, add a row (a path built from the ids, one status per role).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cookieHeader, startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { ISABELLE, JUSTINE, LGNUM_MANAGER } from "../activities/list/activity-list.test-support.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";
import { COORDINATOR, DURAS_AGENT, insertRequestRow, NERAC_AGENT, NERAC_MANAGER, NOW, placeId, structureId } from "./requests.test-support.ts";

const ROLES = {
  anonymous: null,
  admin: "admin@declic47.example",
  coordinator: COORDINATOR,
  state_reader: "prefecture@declic47.example",
  /** Manages LGNum, whose advisor holds the permanence that answers the « linked » request. */
  structure_manager: LGNUM_MANAGER,
  /** Manages the Commune de Nérac, the structure that filed the Nérac request. */
  commune_manager: NERAC_MANAGER,
  /** Isabelle (LGNum) holds the permanence that answers the « linked » request. */
  advisor: ISABELLE,
  other_advisor: JUSTINE,
  commune_agent: NERAC_AGENT,
  other_commune_agent: DURAS_AGENT,
  partner_agent: "caf@declic47.example",
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];
type Expect = Record<RoleName, number>;

interface Ids {
  nerac: string;
  duras: string;
  linked: string;
  mairie: string;
  structure: string;
}

const GUESSED = randomUUID();

/** Everyone signed in but the listed roles gets `others`; visitors are sent to sign in (303). */
function expect(others: number, exceptions: Partial<Expect> = {}): Expect {
  const e = Object.fromEntries(ROLE_NAMES.map((r) => [r, others])) as Expect;
  return { ...e, anonymous: 303, partner_agent: 403, ...exceptions };
}

const COORDINATION = { admin: 200, coordinator: 200 };
const READ_ALL = { ...COORDINATION, state_reader: 200 };

interface Row {
  what: string;
  method?: "GET" | "POST";
  path: (ids: Ids) => string;
  expect: Expect;
}

const MATRIX: Row[] = [
  { what: "the list", path: () => "/demandes", expect: expect(200) },
  { what: "the request form", path: () => "/demandes/nouvelle", expect: expect(403, { ...COORDINATION, commune_agent: 200, other_commune_agent: 200 }) },
  { what: "an empty request", method: "POST", path: () => "/demandes/nouvelle", expect: expect(403, { admin: 400, coordinator: 400, commune_agent: 400, other_commune_agent: 400 }) },
  { what: "the Nérac request", path: (i) => `/demandes/${i.nerac}`, expect: expect(404, { ...READ_ALL, commune_manager: 200, commune_agent: 200 }) },
  { what: "the Duras request", path: (i) => `/demandes/${i.duras}`, expect: expect(404, { ...READ_ALL, other_commune_agent: 200 }) },
  { what: "the request answered by Isabelle's permanence", path: (i) => `/demandes/${i.linked}`, expect: expect(404, { ...READ_ALL, structure_manager: 200, advisor: 200 }) },
  { what: "a guessed request", path: () => `/demandes/${GUESSED}`, expect: expect(404) },
  { what: "a malformed request id", path: () => "/demandes/1%20or%201=1", expect: expect(404) },
  // Writing: the two sides of the thread; readers who see the request get 403, the others 404.
  {
    what: "an empty message on the Nérac request",
    method: "POST",
    path: (i) => `/demandes/${i.nerac}/messages`,
    expect: expect(404, { admin: 400, coordinator: 400, commune_agent: 400, state_reader: 403, commune_manager: 403 }),
  },
  {
    what: "an empty message on the linked request",
    method: "POST",
    path: (i) => `/demandes/${i.linked}/messages`,
    expect: expect(404, { admin: 400, coordinator: 400, state_reader: 403, structure_manager: 403, advisor: 403 }),
  },
  { what: "an empty message on a guessed request", method: "POST", path: () => `/demandes/${GUESSED}/messages`, expect: expect(404) },
  {
    what: "an empty status change of the Nérac request",
    method: "POST",
    path: (i) => `/demandes/${i.nerac}/statut`,
    expect: expect(404, { admin: 400, coordinator: 400, commune_agent: 400, state_reader: 403, commune_manager: 403 }),
  },
  {
    what: "an empty status change of the Duras request",
    method: "POST",
    path: (i) => `/demandes/${i.duras}/statut`,
    expect: expect(404, { admin: 400, coordinator: 400, other_commune_agent: 400, state_reader: 403 }),
  },
  { what: "a status change of a guessed request", method: "POST", path: () => `/demandes/${GUESSED}/statut`, expect: expect(404) },
];

// Accepting: the coordination only; everyone else gets 403 before the id is read.
const ACCEPT_PAGES: { name: string; path: string; post: boolean }[] = [
  { name: "the acceptance page", path: "accepter", post: false },
  { name: "an empty link", path: "accepter/lier", post: true },
  { name: "the permanence form", path: "accepter/permanence?lieu={mairie}", post: false },
  { name: "an empty permanence", path: "accepter/permanence?lieu={mairie}", post: true },
  { name: "the place form", path: "accepter/lieu", post: false },
  { name: "an empty place", path: "accepter/lieu", post: true },
  { name: "the workshop form", path: "accepter/atelier?structure={structure}&type=regulier", post: false },
  { name: "an empty workshop", path: "accepter/atelier?structure={structure}&type=ponctuel", post: true },
];

for (const page of ACCEPT_PAGES) {
  const path = (id: (i: Ids) => string) => (i: Ids) => `/demandes/${id(i)}/${page.path.replace("{mairie}", i.mairie).replace("{structure}", i.structure)}`;
  const ok = page.post ? 400 : 200;
  MATRIX.push(
    { what: `${page.name} of the Nérac request`, method: page.post ? "POST" : "GET", path: path((i) => i.nerac), expect: expect(403, { admin: ok, coordinator: ok }) },
    { what: `${page.name} of a guessed request`, method: page.post ? "POST" : "GET", path: path(() => GUESSED), expect: expect(403, { admin: 404, coordinator: 404 }) },
  );
}

describe("scoping matrix of the commune request pages", () => {
  let t: TestApp;
  let ids: Ids;
  const visitors = new Map<RoleName, Visitor>();
  const csrfOf = new Map<RoleName, string>();

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    const lauzun = await t.handle.db
      .selectFrom("permanences")
      .innerJoin("places", "places.id", "permanences.place_id")
      .select("permanences.id")
      .where("places.name", "=", "Mairie de Lauzun")
      .executeTakeFirstOrThrow();
    ids = {
      nerac: await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac" }),
      duras: await insertRequestRow(t, { communeCode: "47086", structureSlug: "commune-de-duras" }),
      linked: await insertRequestRow(t, { communeCode: "47142", structureSlug: null, status: "accepted", permanenceId: lauzun.id }),
      mairie: await placeId(t, "Mairie de Nérac"),
      structure: await structureId(t, "commune-de-nerac"),
    };
    for (const role of ROLE_NAMES) {
      const email = ROLES[role];
      let visitor: Visitor;
      if (email === null) {
        visitor = new Visitor(t.app, "10.48.0.1");
        await visitor.get("/connexion");
      } else {
        visitor = await signIn(t, email);
        await visitor.get("/espace");
      }
      visitors.set(role, visitor);
      csrfOf.set(role, visitor.csrfToken());
    }
  });
  after(() => t.close());

  async function ask(role: RoleName, row: Row) {
    const visitor = visitors.get(role)!;
    const headers = { cookie: cookieHeader(visitor.jar), accept: "text/html" };
    if (row.method === "POST") {
      // A real form post: the CSRF token of a page the visitor could open (their space, or the sign-in page).
      const payload = new URLSearchParams({ _csrf: csrfOf.get(role)! }).toString();
      return t.app.inject({ method: "POST", url: row.path(ids), payload, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" } });
    }
    return t.app.inject({ method: "GET", url: row.path(ids), headers });
  }

  for (const row of MATRIX) {
    test(`${row.method ?? "GET"} ${row.what}`, async () => {
      const mismatches: string[] = [];
      for (const role of ROLE_NAMES) {
        const response = await ask(role, row);
        if (response.statusCode !== row.expect[role]) mismatches.push(`${role}: expected ${row.expect[role]}, got ${response.statusCode}`);
      }
      assert.deepEqual(mismatches, []);
    });
  }

  test("nothing was written by the refused posts", async () => {
    const mine = [ids.nerac, ids.duras, ids.linked];
    const events = await t.handle.db.selectFrom("commune_request_events").select("kind").where("request_id", "in", mine).where("kind", "!=", "created").execute();
    assert.deepEqual(events, []);
    const statuses = await t.handle.db.selectFrom("commune_requests").select("status").where("id", "in", mine).orderBy("status").execute();
    assert.deepEqual(
      statuses.map((s) => s.status),
      ["accepted", "new", "new"],
    );
  });

  test("a 404 page tells nothing about the request", async () => {
    const response = await visitors.get("other_commune_agent")!.get(`/demandes/${ids.nerac}`);
    assert.equal(response.statusCode, 404);
    for (const word of ["Nérac", "Contact de test", "contact@mairie.example"]) assert.ok(!response.body.includes(word), word);
  });
});
