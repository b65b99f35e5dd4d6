// The scoping matrix of /partenaires: every route × role. Reading is for the network's agents; writing
// for the coordination, and for a partner agent on its own structure (the CAF agent on the CAF, not on
// France Travail). Guessed slugs and service ids answer 404. Posts are empty forms: 400 means the form
// came back with its errors, proof the post got past the gates.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cookieHeader, startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { ISABELLE, LGNUM_MANAGER } from "../activities/list/activity-list.test-support.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";
import { COORDINATOR, NERAC_AGENT, NOW } from "../requests/requests.test-support.ts";

const ROLES = {
  anonymous: null,
  admin: "admin@declic47.example",
  coordinator: COORDINATOR,
  state_reader: "prefecture@declic47.example",
  structure_manager: LGNUM_MANAGER,
  advisor: ISABELLE,
  commune_agent: NERAC_AGENT,
  caf_agent: "caf@declic47.example",
  france_travail_agent: "francetravail@declic47.example",
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];
type Expect = Record<RoleName, number>;

const READERS = { admin: 200, coordinator: 200, state_reader: 200, structure_manager: 200, advisor: 200, caf_agent: 200, france_travail_agent: 200 };

function expect(others: number, exceptions: Partial<Expect> = {}): Expect {
  const e = Object.fromEntries(ROLE_NAMES.map((r) => [r, others])) as Expect;
  return { ...e, anonymous: 303, ...exceptions };
}

interface Ids {
  cafService: string;
}

interface Row {
  what: string;
  method?: "GET" | "POST";
  path: (ids: Ids) => string;
  expect: Expect;
}

const GUESSED = randomUUID();
const COORDINATION = { admin: 200, coordinator: 200 };
const COORDINATION_POST = { admin: 400, coordinator: 400 };
/** Readers who see the partner but may not change it get 403. */
const READ_ONLY = { state_reader: 403, structure_manager: 403, advisor: 403, france_travail_agent: 403 };

const MATRIX: Row[] = [
  { what: "the directory", path: () => "/partenaires", expect: expect(403, READERS) },
  { what: "the filtered directory", path: () => "/partenaires?commune=47157&thematique=sante&page=2", expect: expect(403, READERS) },
  { what: "the structures export", path: () => "/partenaires/export/structures.csv", expect: expect(403, READERS) },
  { what: "the services export", path: () => "/partenaires/export/services.csv", expect: expect(403, READERS) },
  { what: "the JSON export", path: () => "/partenaires/export.json", expect: expect(403, READERS) },
  { what: "the CAF page", path: () => "/partenaires/caf-de-lot-et-garonne", expect: expect(403, READERS) },
  { what: "a guessed partner", path: () => "/partenaires/partenaire-invente", expect: expect(403, { ...READERS, ...Object.fromEntries(Object.keys(READERS).map((k) => [k, 404])) }) },
  { what: "a commune's structure as a partner", path: () => "/partenaires/commune-de-nerac", expect: expect(403, Object.fromEntries(Object.keys(READERS).map((k) => [k, 404]))) },
  { what: "the new partner form", path: () => "/partenaires/nouveau", expect: expect(403, COORDINATION) },
  { what: "an empty new partner", method: "POST", path: () => "/partenaires/nouveau", expect: expect(403, COORDINATION_POST) },
  { what: "the CAF edit form", path: () => "/partenaires/caf-de-lot-et-garonne/modifier", expect: expect(403, { ...COORDINATION, ...READ_ONLY, caf_agent: 200 }) },
  { what: "an empty CAF profile", method: "POST", path: () => "/partenaires/caf-de-lot-et-garonne/modifier", expect: expect(403, { ...COORDINATION_POST, ...READ_ONLY, caf_agent: 400 }) },
  { what: "the France Travail edit form", path: () => "/partenaires/france-travail-lot-et-garonne/modifier", expect: expect(403, { ...COORDINATION, ...READ_ONLY, caf_agent: 403, france_travail_agent: 200 }) },
  { what: "a guessed partner's edit form", path: () => "/partenaires/partenaire-invente/modifier", expect: expect(403, Object.fromEntries(Object.keys(READERS).map((k) => [k, 404]))) },
  { what: "the CAF new service form", path: () => "/partenaires/caf-de-lot-et-garonne/services/nouveau", expect: expect(403, { ...COORDINATION, ...READ_ONLY, caf_agent: 200 }) },
  { what: "an empty CAF service", method: "POST", path: () => "/partenaires/caf-de-lot-et-garonne/services/nouveau", expect: expect(403, { ...COORDINATION_POST, ...READ_ONLY, caf_agent: 400 }) },
  { what: "a CAF service's edit form", path: (i) => `/partenaires/caf-de-lot-et-garonne/services/${i.cafService}/modifier`, expect: expect(403, { ...COORDINATION, ...READ_ONLY, caf_agent: 200 }) },
  { what: "an empty CAF service edit", method: "POST", path: (i) => `/partenaires/caf-de-lot-et-garonne/services/${i.cafService}/modifier`, expect: expect(403, { ...COORDINATION_POST, ...READ_ONLY, caf_agent: 400 }) },
  { what: "a guessed service of the CAF", path: () => `/partenaires/caf-de-lot-et-garonne/services/${GUESSED}/modifier`, expect: expect(403, { admin: 404, coordinator: 404, ...READ_ONLY, caf_agent: 404 }) },
  { what: "a CAF service under France Travail", path: (i) => `/partenaires/france-travail-lot-et-garonne/services/${i.cafService}/modifier`, expect: expect(403, { admin: 404, coordinator: 404, ...READ_ONLY, caf_agent: 403, france_travail_agent: 404 }) },
  { what: "removing a guessed service", method: "POST", path: () => `/partenaires/caf-de-lot-et-garonne/services/${GUESSED}/archiver`, expect: expect(403, { admin: 404, coordinator: 404, ...READ_ONLY, caf_agent: 404 }) },
  { what: "archiving a guessed partner", method: "POST", path: () => "/partenaires/partenaire-invente/archiver", expect: expect(403, { admin: 404, coordinator: 404 }) },
  { what: "the import page", path: () => "/partenaires/import", expect: expect(403, COORDINATION) },
  { what: "an empty import", method: "POST", path: () => "/partenaires/import", expect: expect(403, COORDINATION_POST) },
];

describe("scoping matrix of the partner directory", () => {
  let t: TestApp;
  let ids: Ids;
  const visitors = new Map<RoleName, Visitor>();
  const csrfOf = new Map<RoleName, string>();

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    const caf = await t.handle.db.selectFrom("structures").select("id").where("slug", "=", "caf-de-lot-et-garonne").executeTakeFirstOrThrow();
    const service = await t.handle.db.selectFrom("partner_services").select("id").where("structure_id", "=", caf.id).orderBy("name").executeTakeFirstOrThrow();
    ids = { cafService: service.id };
    for (const role of ROLE_NAMES) {
      const email = ROLES[role];
      let visitor: Visitor;
      if (email === null) {
        visitor = new Visitor(t.app, "10.48.0.2");
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
    const audit = await t.handle.db.selectFrom("audit_log").select("action").where("action", "like", "partner%").execute();
    assert.deepEqual(audit, []);
  });

  test("the agent navigation links the directory for the network's agents only", async () => {
    assert.match((await visitors.get("advisor")!.get("/espace")).body, /href="\/partenaires"/);
    assert.doesNotMatch((await visitors.get("commune_agent")!.get("/espace")).body, /href="\/partenaires"/);
  });
});
