// The scoping matrix of the report lists, exports, API and API tokens: every route × role with the
// status it must answer. To extend it, add a row to MATRIX (a path, optionally built from the ids the
// set-up inserts, and one expected status per role); a new role is a new entry in ROLES and a new column.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { cookieHeader, startTestApp, type TestApp, type Visitor } from "../../../../test/support/app.ts";
import { createApiToken } from "../../api-tokens/api-tokens.service.ts";
import {
  type Advisor,
  advisorByEmail,
  clearReports,
  ISABELLE,
  insertPerson,
  insertReport,
  JEROME,
  JUSTINE,
  LGNUM_MANAGER,
  signIn,
} from "./activity-list.test-support.ts";

/** Who asks: a demo account, or null for a visitor who is not signed in. */
const ROLES = {
  anonymous: null,
  admin: "admin@declic47.example",
  coordinator: "coordination@declic47.example",
  state_reader: "prefecture@declic47.example",
  structure_manager: LGNUM_MANAGER,
  advisor: ISABELLE,
  other_advisor: JUSTINE,
  commune_agent: "mairie.nerac@declic47.example",
  partner_agent: "caf@declic47.example",
} as const;
type RoleName = keyof typeof ROLES;

interface Ids {
  /** Identified by Isabelle (LGNum), not shared. */
  ownPerson: string;
  /** Identified by Jérôme (LGNum), shared within the structure. */
  sharedPerson: string;
  tokenId: string;
}

interface Row {
  what: string;
  method?: "GET" | "POST";
  path: (ids: Ids) => string;
  expect: Record<RoleName, number>;
}

/** 303: sent to the sign-in page. 400: the page again, with a French error beside the filter. */
const MATRIX: Row[] = [
  {
    what: "the list",
    path: () => "/activites",
    expect: { anonymous: 303, admin: 200, coordinator: 200, state_reader: 200, structure_manager: 200, advisor: 200, other_advisor: 200, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the CSV export",
    path: () => "/activites/export.csv",
    expect: { anonymous: 303, admin: 200, coordinator: 200, state_reader: 200, structure_manager: 200, advisor: 200, other_advisor: 200, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the XLSX export",
    path: () => "/activites/export.xlsx",
    expect: { anonymous: 303, admin: 200, coordinator: 200, state_reader: 200, structure_manager: 200, advisor: 200, other_advisor: 200, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the list filtered on an advisor's own, unshared person (a guessed id for anyone else)",
    path: (ids) => `/activites?beneficiaire=${ids.ownPerson}`,
    expect: { anonymous: 303, admin: 400, coordinator: 400, state_reader: 400, structure_manager: 400, advisor: 200, other_advisor: 400, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the export filtered on that person",
    path: (ids) => `/activites/export.csv?beneficiaire=${ids.ownPerson}`,
    expect: { anonymous: 303, admin: 400, coordinator: 400, state_reader: 400, structure_manager: 400, advisor: 200, other_advisor: 400, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the list filtered on a person shared within the structure",
    path: (ids) => `/activites?beneficiaire=${ids.sharedPerson}`,
    expect: { anonymous: 303, admin: 400, coordinator: 400, state_reader: 400, structure_manager: 200, advisor: 200, other_advisor: 400, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the API with a session but no token",
    path: () => "/api/v1/activites",
    expect: { anonymous: 401, admin: 401, coordinator: 401, state_reader: 401, structure_manager: 401, advisor: 401, other_advisor: 401, commune_agent: 401, partner_agent: 401 },
  },
  {
    what: "the API tokens",
    path: () => "/admin/jetons-api",
    expect: { anonymous: 303, admin: 200, coordinator: 403, state_reader: 403, structure_manager: 403, advisor: 403, other_advisor: 403, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the token form",
    path: () => "/admin/jetons-api/nouveau",
    expect: { anonymous: 303, admin: 200, coordinator: 403, state_reader: 403, structure_manager: 403, advisor: 403, other_advisor: 403, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "the revocation page",
    path: (ids) => `/admin/jetons-api/${ids.tokenId}/revoquer`,
    expect: { anonymous: 303, admin: 200, coordinator: 403, state_reader: 403, structure_manager: 403, advisor: 403, other_advisor: 403, commune_agent: 403, partner_agent: 403 },
  },
  {
    what: "revoking without being an admin (or with no session)",
    method: "POST",
    path: (ids) => `/admin/jetons-api/${ids.tokenId}/revoquer`,
    expect: { anonymous: 403, admin: 303, coordinator: 403, state_reader: 403, structure_manager: 403, advisor: 403, other_advisor: 403, commune_agent: 403, partner_agent: 403 },
  },
];

const NETWORK_READERS: RoleName[] = ["admin", "coordinator", "state_reader"];

describe("scoping matrix of the report lists, exports, API and tokens", () => {
  let t: TestApp;
  let ids: Ids;
  const visitors = new Map<RoleName, Visitor>();

  async function ask(role: RoleName, method: "GET" | "POST", url: string) {
    const visitor = visitors.get(role);
    if (method === "POST") {
      // A real form post: the CSRF token of a page the visitor could open (their space, or the sign-in page).
      const from = visitor ? await visitor.get("/espace") : null;
      const csrf = from ? /name="_csrf" value="([^"]+)"/.exec(from.body)?.[1] : undefined;
      return t.app.inject({
        method,
        url,
        payload: new URLSearchParams(csrf ? { _csrf: csrf } : {}).toString(),
        headers: { cookie: visitor ? cookieHeader(visitor.jar) : "", "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      });
    }
    return t.app.inject({ method, url, headers: { cookie: visitor ? cookieHeader(visitor.jar) : "", accept: "text/html" } });
  }

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-11-20T10:00:00Z") });
    await clearReports(t);
    const isabelle: Advisor = await advisorByEmail(t, ISABELLE);
    const jerome: Advisor = await advisorByEmail(t, JEROME);
    const ownPerson = await insertPerson(t, isabelle, "Marguerite", "Lafourcade");
    const sharedPerson = await insertPerson(t, jerome, "Bertrand", "Castagnet", true);
    await insertReport(t, isabelle, { date: "2026-10-05", beneficiaryId: ownPerson });
    await insertReport(t, isabelle, { date: "2026-10-06", type: "collectif", participantIds: [ownPerson], anonymous: 3 });
    await insertReport(t, jerome, { date: "2026-10-07", beneficiaryId: sharedPerson });
    const token = await createApiToken(t.handle.db, { name: "Matrice", scopes: ["activites"] }, { actorUserId: null, now: t.clock.now, via: "cli" });
    ids = { ownPerson, sharedPerson, tokenId: token.id };
    for (const [role, email] of Object.entries(ROLES) as [RoleName, string | null][]) {
      if (email !== null) visitors.set(role, await signIn(t, email));
    }
  });
  after(() => t.close());

  for (const row of MATRIX) {
    test(`${row.method ?? "GET"} ${row.what}`, async () => {
      const mismatches: string[] = [];
      // Revoking changes the state: the admin goes last so the others meet a live token.
      const roles = (Object.keys(ROLES) as RoleName[]).sort((a, b) => Number(a === "admin") - Number(b === "admin"));
      for (const role of roles) {
        const response = await ask(role, row.method ?? "GET", row.path(ids));
        if (response.statusCode !== row.expect[role]) mismatches.push(`${role}: expected ${row.expect[role]}, got ${response.statusCode}`);
        if (response.statusCode === 400) assert.match(response.body, /field-error/, `${role}: the error is shown beside the field`);
      }
      assert.deepEqual(mismatches, []);
    });
  }

  test("network readers never see a person's name, on the page or in the files", async () => {
    for (const role of NETWORK_READERS) {
      const visitor = visitors.get(role)!;
      const page = await visitor.get("/activites");
      assert.match(page.body, /3 comptes rendus/, role);
      for (const name of ["Lafourcade", "Castagnet", "Marguerite"]) assert.ok(!page.body.includes(name), `${role} page shows ${name}`);
      assert.match(page.body, /Personne anonyme/);
      const csv = await visitor.get("/activites/export.csv");
      assert.ok(!/Lafourcade|Castagnet/.test(csv.body), `${role} CSV`);
      assert.ok(!csv.body.includes(ids.ownPerson), `${role} CSV holds a beneficiary id`);
      const xlsx = await t.app.inject({ url: "/activites/export.xlsx", headers: { cookie: cookieHeader(visitor.jar) } });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.worksheets[0]!.eachRow((r) => {
        for (const v of Array.from(r.values as unknown[])) cells.push(String(v ?? ""));
      });
      assert.equal(workbook.worksheets[0]!.rowCount, 4, `${role} XLSX rows`);
      assert.ok(!cells.some((c) => /Lafourcade|Castagnet/.test(c)), `${role} XLSX`);
    }
  });

  test("an advisor sees their own person's name, another advisor not even the report", async () => {
    const own = await visitors.get("advisor")!.get("/activites");
    assert.match(own.body, /Marguerite Lafourcade/);
    const other = await visitors.get("other_advisor")!.get("/activites");
    assert.match(other.body, /Aucun compte rendu/);
    const csv = await visitors.get("advisor")!.get("/activites/export.csv");
    assert.ok(!csv.body.includes("Lafourcade"), "the national export has no name column, so no name");
  });
});
