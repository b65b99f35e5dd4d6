// The scoping matrix of the report form and pages and of the beneficiary pages: every route × role with the
// status the policy (activities.policy.ts, issue 5 item 6) gives, for the owner's record, a colleague's
// unshared record and a guessed (random, well-formed) id. Every 404 on a beneficiary id must leave a
// "beneficiary.denied" line in the audit log, and guessed report ids an "activity_report.denied" line. To extend it, add a row to a matrix (a path built from the
// ids the set-up inserts, one expected status per role); a new role is a new entry in ROLES.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cookieHeader, startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { type Advisor, advisorByEmail, clearReports, ISABELLE, insertPerson, insertReport, JEROME, JUSTINE, LGNUM_MANAGER, signIn } from "./list/activity-list.test-support.ts";
import { insertAppointmentFor, insertWorkshopFor } from "./report-form.test-support.ts";

/** Who asks: a demo account, or null for a visitor who is not signed in. */
const ROLES = {
  anonymous: null,
  admin: "admin@declic47.example",
  /** Also manager of the Département (its employer): see the Département row below. */
  coordinator: "coordination@declic47.example",
  state_reader: "prefecture@declic47.example",
  structure_manager: LGNUM_MANAGER,
  /** Isabelle, LGNum: the owner of the records the set-up inserts. */
  advisor: ISABELLE,
  /** Jérôme, LGNum: sees what Isabelle shares with the structure, owns the "colleague's" records. */
  colleague: JEROME,
  /** Justine, the Département: another structure. */
  other_advisor: JUSTINE,
  commune_agent: "mairie.nerac@declic47.example",
  partner_agent: "caf@declic47.example",
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];
type Expect = Record<RoleName, number>;

interface Ids {
  ownAppointment: string;
  colleagueAppointment: string;
  ownWorkshop: string;
  colleagueWorkshop: string;
  /** Isabelle's report about ownPerson. */
  ownReport: string;
  /** Jérôme's report (same structure). */
  colleagueReport: string;
  /** Justine's report (the Département). */
  otherStructureReport: string;
  /** Isabelle's, soft-deleted. */
  deletedReport: string;
  /** Isabelle's, not shared (two of them, for the merge). */
  ownPerson: string;
  ownPerson2: string;
  /** Isabelle's, shared with LGNum. */
  sharedPerson: string;
  sharedPerson2: string;
  /** Jérôme's, not shared. */
  colleaguePerson: string;
  /** Justine's, shared with the Département. */
  departementPerson: string;
  /** Fresh rows a destructive POST consumes, made again before each role's request. */
  fresh: string;
  fresh2: string;
}

interface Row {
  what: string;
  method?: "GET" | "POST";
  path: (ids: Ids) => string;
  body?: (ids: Ids) => Record<string, string>;
  expect: Expect;
  /** A destructive POST: new rows before each request, so every role meets them intact. */
  fresh?: (s: SetUp) => Promise<{ fresh: string; fresh2?: string }>;
  /** Roles whose 404 is not a probe (the record is visible to them, the action is not theirs): no audit line expected. */
  notLogged?: RoleName[];
}

interface SetUp {
  t: TestApp;
  isabelle: Advisor;
  jerome: Advisor;
}

const RANDOM = randomUUID();
const RANDOM2 = randomUUID();

/** Statuses by group, then the exceptions of a row. 303 for anonymous: sent to the sign-in page. */
function statuses(base: { anonymous?: number; writers?: number; nonWriters?: number; people?: number; nonPeople?: number }, exceptions: Partial<Expect> = {}): Expect {
  const e: Expect = {
    anonymous: base.anonymous ?? 303,
    admin: 0,
    coordinator: 0,
    state_reader: 0,
    structure_manager: 0,
    advisor: 0,
    colleague: 0,
    other_advisor: 0,
    commune_agent: 0,
    partner_agent: 0,
  };
  for (const role of ["advisor", "colleague", "other_advisor"] as const) e[role] = base.writers ?? base.people ?? 404;
  for (const role of ["admin", "coordinator", "state_reader", "structure_manager", "commune_agent", "partner_agent"] as const) e[role] = base.nonWriters ?? 404;
  if (base.people !== undefined || base.nonPeople !== undefined) {
    // The beneficiary pages: advisors and managers use them; the others get 403, and so does coordination@,
    // although it also manages the Département: coordinators never see identities.
    for (const role of ["structure_manager", "advisor", "colleague", "other_advisor"] as const) e[role] = base.people ?? 404;
    for (const role of ["admin", "coordinator", "state_reader", "commune_agent", "partner_agent"] as const) e[role] = base.nonPeople ?? 403;
  }
  return { ...e, ...exceptions };
}

// --- Report form and pages (activities.routes.ts). Only advisors write (403 for the others, before any id is read);
// a link (appointment, workshop, copy, person) outside the advisor's own records answers 404.
const WRITE = { nonWriters: 403, writers: 404 };
/** Edit and delete: the author only; everyone else, readers included, gets 404. */
const AUTHOR = { nonWriters: 404, writers: 404 };

const REPORT_MATRIX: Row[] = [
  { what: "a blank form", path: () => "/activites/nouveau", expect: statuses({ nonWriters: 403, writers: 200 }) },
  { what: "a form from one's own appointment", path: (i) => `/activites/nouveau?rendez-vous=${i.ownAppointment}`, expect: statuses(WRITE, { advisor: 200 }) },
  { what: "a form from a colleague's appointment", path: (i) => `/activites/nouveau?rendez-vous=${i.colleagueAppointment}`, expect: statuses(WRITE, { colleague: 200 }) },
  { what: "a form from a guessed appointment", path: () => `/activites/nouveau?rendez-vous=${RANDOM}`, expect: statuses(WRITE) },
  { what: "a form from one's own workshop", path: (i) => `/activites/nouveau?atelier=${i.ownWorkshop}`, expect: statuses(WRITE, { advisor: 200 }) },
  { what: "a form from a colleague's workshop", path: (i) => `/activites/nouveau?atelier=${i.colleagueWorkshop}`, expect: statuses(WRITE, { colleague: 200 }) },
  { what: "a form from a guessed workshop", path: () => `/activites/nouveau?atelier=${RANDOM}`, expect: statuses(WRITE) },
  { what: "a copy of one's own report", path: (i) => `/activites/nouveau?copie=${i.ownReport}`, expect: statuses(WRITE, { advisor: 200 }) },
  { what: "a copy of a colleague's report", path: (i) => `/activites/nouveau?copie=${i.colleagueReport}`, expect: statuses(WRITE, { colleague: 200 }) },
  { what: "a copy of a guessed report", path: () => `/activites/nouveau?copie=${RANDOM}`, expect: statuses(WRITE) },
  { what: "a form for one's own unshared person", path: (i) => `/activites/nouveau?beneficiaire=${i.ownPerson}`, expect: statuses(WRITE, { advisor: 200 }) },
  {
    what: "a form for a person shared within the structure",
    path: (i) => `/activites/nouveau?beneficiaire=${i.sharedPerson}`,
    expect: statuses(WRITE, { advisor: 200, colleague: 200 }),
  },
  { what: "a form for a colleague's unshared person", path: (i) => `/activites/nouveau?beneficiaire=${i.colleaguePerson}`, expect: statuses(WRITE, { colleague: 200 }) },
  { what: "a form for a guessed person", path: () => `/activites/nouveau?beneficiaire=${RANDOM}`, expect: statuses(WRITE) },
  // An empty form: 400 is the form again with its French errors, proof the post got past the gates.
  { what: "posting an empty new report", method: "POST", path: () => "/activites/nouveau", expect: statuses({ nonWriters: 403, writers: 400 }) },
  {
    what: "posting an empty report of a colleague's appointment",
    method: "POST",
    path: (i) => `/activites/nouveau?rendez-vous=${i.colleagueAppointment}`,
    expect: statuses(WRITE, { colleague: 400 }),
  },
  { what: "posting an empty report of a guessed workshop", method: "POST", path: () => `/activites/nouveau?atelier=${RANDOM}`, expect: statuses(WRITE) },
  // Offline entry (offline-report.routes.ts): the same gates, a report sent from the phone carrying its client id.
  { what: "the offline copy of a blank form", path: () => "/activites/nouveau?hors-ligne=1", expect: statuses({ nonWriters: 403, writers: 200 }) },
  { what: "the offline key", path: () => "/activites/hors-ligne/cle", expect: statuses({ nonWriters: 403, writers: 200 }) },
  { what: "sending an empty offline report", method: "POST", path: () => "/activites/hors-ligne", body: () => ({ clientId: RANDOM2 }), expect: statuses({ nonWriters: 403, writers: 400 }) },
  {
    what: "sending an offline report of a colleague's appointment",
    method: "POST",
    path: (i) => `/activites/hors-ligne?rendez-vous=${i.colleagueAppointment}`,
    body: () => ({ clientId: RANDOM2 }),
    expect: statuses(WRITE, { colleague: 400 }),
  },
  { what: "sending an offline report of a guessed appointment", method: "POST", path: () => `/activites/hors-ligne?rendez-vous=${RANDOM}`, body: () => ({ clientId: RANDOM2 }), expect: statuses(WRITE) },
  // Reading: the network readers see every report (anonymised), a manager the structure's, an advisor their own.
  {
    what: "the owner's report",
    path: (i) => `/activites/${i.ownReport}`,
    expect: statuses(AUTHOR, { admin: 200, coordinator: 200, state_reader: 200, structure_manager: 200, advisor: 200 }),
  },
  {
    what: "a colleague's report",
    path: (i) => `/activites/${i.colleagueReport}`,
    expect: statuses(AUTHOR, { admin: 200, coordinator: 200, state_reader: 200, structure_manager: 200, colleague: 200 }),
  },
  {
    what: "a report of another structure",
    path: (i) => `/activites/${i.otherStructureReport}`,
    expect: statuses(AUTHOR, { admin: 200, coordinator: 200, state_reader: 200, other_advisor: 200 }),
  },
  { what: "a deleted report", path: (i) => `/activites/${i.deletedReport}`, expect: statuses(AUTHOR) },
  { what: "a guessed report", path: () => `/activites/${RANDOM}`, expect: statuses(AUTHOR) },
  { what: "a malformed report id", path: () => "/activites/1%20or%201=1", expect: statuses(AUTHOR) },
  { what: "editing the owner's report", path: (i) => `/activites/${i.ownReport}/modifier`, expect: statuses(AUTHOR, { advisor: 200 }) },
  { what: "editing a colleague's report", path: (i) => `/activites/${i.colleagueReport}/modifier`, expect: statuses(AUTHOR, { colleague: 200 }) },
  { what: "editing a guessed report", path: () => `/activites/${RANDOM}/modifier`, expect: statuses(AUTHOR) },
  { what: "posting an empty edit of the owner's report", method: "POST", path: (i) => `/activites/${i.ownReport}/modifier`, expect: statuses(AUTHOR, { advisor: 400 }) },
  {
    what: "posting an empty edit of a colleague's report",
    method: "POST",
    path: (i) => `/activites/${i.colleagueReport}/modifier`,
    expect: statuses(AUTHOR, { colleague: 400 }),
  },
  { what: "posting an edit of a guessed report", method: "POST", path: () => `/activites/${RANDOM}/modifier`, expect: statuses(AUTHOR) },
  { what: "the deletion page of the owner's report", path: (i) => `/activites/${i.ownReport}/supprimer`, expect: statuses(AUTHOR, { advisor: 200 }) },
  { what: "the deletion page of a colleague's report", path: (i) => `/activites/${i.colleagueReport}/supprimer`, expect: statuses(AUTHOR, { colleague: 200 }) },
  { what: "the deletion page of a guessed report", path: () => `/activites/${RANDOM}/supprimer`, expect: statuses(AUTHOR) },
  {
    what: "deleting the owner's report",
    method: "POST",
    path: (i) => `/activites/${i.fresh}/supprimer`,
    fresh: async (s) => ({ fresh: await insertReport(s.t, s.isabelle, { date: "2026-10-12" }) }),
    expect: statuses(AUTHOR, { advisor: 303 }),
  },
  {
    what: "deleting a colleague's report",
    method: "POST",
    path: (i) => `/activites/${i.fresh}/supprimer`,
    fresh: async (s) => ({ fresh: await insertReport(s.t, s.jerome, { date: "2026-10-12" }) }),
    expect: statuses(AUTHOR, { colleague: 303 }),
  },
  { what: "deleting a guessed report", method: "POST", path: () => `/activites/${RANDOM}/supprimer`, expect: statuses(AUTHOR) },
];

// --- Beneficiaries (beneficiaries.routes.ts, beneficiary-privacy.routes.ts, duplicates.routes.ts). Those who never
// see identities (admin, Préfecture, commune and partner agents) get 403 on every page, whatever the id: a uniform
// answer tells nothing about which ids exist. The others get 404 for any record outside their scope.
const SEE = { people: 404 };
const RECORD_KINDS = [
  { name: "the owner's unshared record", id: (i: Ids) => i.ownPerson, see: { advisor: 200 }, manage: { advisor: 200 }, owner: { advisor: 303 } },
  {
    name: "a record shared within the structure",
    id: (i: Ids) => i.sharedPerson,
    see: { advisor: 200, colleague: 200, structure_manager: 200 },
    manage: { advisor: 200, structure_manager: 200 },
    owner: { advisor: 303 },
  },
  { name: "a colleague's unshared record", id: (i: Ids) => i.colleaguePerson, see: { colleague: 200 }, manage: { colleague: 200 }, owner: { colleague: 303 } },
  { name: "a guessed record", id: () => RANDOM, see: {}, manage: {}, owner: {} },
] as const;

function ok(statusesOf: Partial<Expect>, status: number): Partial<Expect> {
  return Object.fromEntries(Object.keys(statusesOf).map((role) => [role, status]));
}

const PEOPLE_MATRIX: Row[] = [
  { what: "the people list", path: () => "/beneficiaires", expect: statuses({ people: 200 }) },
  { what: "the new person form", path: () => "/beneficiaires/nouveau", expect: statuses({ people: 403 }, { advisor: 200, colleague: 200, other_advisor: 200 }) },
  { what: "posting an empty new person", method: "POST", path: () => "/beneficiaires/nouveau", expect: statuses({ people: 403 }, { advisor: 400, colleague: 400, other_advisor: 400 }) },
  { what: "the likely duplicates", path: () => "/beneficiaires/doublons", expect: statuses({ people: 200 }) },
  // The read log: a structure's managers (not coordination@, although it also manages the Département).
  { what: "the read log", path: () => "/beneficiaires/journal", expect: statuses({ people: 403 }, { structure_manager: 200 }) },
  // canSeeIdentity: coordination@ also manages the Département, yet never sees its shared records.
  {
    what: "a record Justine shared within the Département",
    path: (i) => `/beneficiaires/${i.departementPerson}`,
    expect: statuses(SEE, { other_advisor: 200 }),
  },
  { what: "a malformed record id", path: () => "/beneficiaires/1%20or%201=1", expect: statuses(SEE) },
];

for (const kind of RECORD_KINDS) {
  const see = kind.see as Partial<Expect>;
  const manage = kind.manage as Partial<Expect>;
  PEOPLE_MATRIX.push(
    { what: `${kind.name}`, path: (i) => `/beneficiaires/${kind.id(i)}`, expect: statuses(SEE, see) },
    { what: `the edit form of ${kind.name}`, path: (i) => `/beneficiaires/${kind.id(i)}/modifier`, expect: statuses(SEE, manage) },
    { what: `posting an empty edit of ${kind.name}`, method: "POST", path: (i) => `/beneficiaires/${kind.id(i)}/modifier`, expect: statuses(SEE, ok(manage, 400)) },
    {
      // Only the owner shares or unshares; the body keeps the record as it is.
      what: `sharing ${kind.name} (as it already is)`,
      method: "POST",
      path: (i) => `/beneficiaires/${kind.id(i)}/partage`,
      body: (i): Record<string, string> => (kind.id(i) === i.sharedPerson ? { shared: "1" } : {}),
      expect: statuses(SEE, kind.owner as Partial<Expect>),
      // The manager may see and manage the shared record: its 404 here refuses an action, it is not a probe.
      notLogged: ["structure_manager"],
    },
    { what: `the data export of ${kind.name}`, path: (i) => `/beneficiaires/${kind.id(i)}/export`, expect: statuses(SEE, manage) },
    { what: `the JSON export of ${kind.name}`, path: (i) => `/beneficiaires/${kind.id(i)}/export.json`, expect: statuses(SEE, manage) },
    { what: `the erasure page of ${kind.name}`, path: (i) => `/beneficiaires/${kind.id(i)}/effacer`, expect: statuses(SEE, manage) },
  );
}

PEOPLE_MATRIX.push(
  {
    what: "erasing the owner's unshared record",
    method: "POST",
    path: (i) => `/beneficiaires/${i.fresh}/effacer`,
    fresh: async (s) => ({ fresh: await insertPerson(s.t, s.isabelle, "Simone", "Effacée") }),
    expect: statuses(SEE, { advisor: 303 }),
  },
  {
    what: "erasing a record shared within the structure",
    method: "POST",
    path: (i) => `/beneficiaires/${i.fresh}/effacer`,
    fresh: async (s) => ({ fresh: await insertPerson(s.t, s.isabelle, "Simone", "Partagée", true) }),
    expect: statuses(SEE, { advisor: 303, structure_manager: 303 }),
  },
  {
    what: "erasing a colleague's unshared record",
    method: "POST",
    path: (i) => `/beneficiaires/${i.fresh}/effacer`,
    fresh: async (s) => ({ fresh: await insertPerson(s.t, s.jerome, "Simone", "Collègue") }),
    expect: statuses(SEE, { colleague: 303 }),
  },
  { what: "erasing a guessed record", method: "POST", path: () => `/beneficiaires/${RANDOM}/effacer`, expect: statuses(SEE) },
  { what: "the merge page of two own records", path: (i) => `/beneficiaires/doublons/fusion?a=${i.ownPerson}&b=${i.ownPerson2}`, expect: statuses(SEE, { advisor: 200 }) },
  {
    what: "the merge page of two shared records",
    path: (i) => `/beneficiaires/doublons/fusion?a=${i.sharedPerson}&b=${i.sharedPerson2}`,
    expect: statuses(SEE, { advisor: 200, structure_manager: 200 }),
  },
  { what: "the merge page of an own and a colleague's record", path: (i) => `/beneficiaires/doublons/fusion?a=${i.ownPerson}&b=${i.colleaguePerson}`, expect: statuses(SEE) },
  { what: "the merge page of two guessed records", path: () => `/beneficiaires/doublons/fusion?a=${RANDOM}&b=${RANDOM2}`, expect: statuses(SEE) },
  {
    what: "merging two own records",
    method: "POST",
    path: () => "/beneficiaires/doublons/fusion",
    body: (i) => ({ a: i.fresh, b: i.fresh2, keep: i.fresh }),
    fresh: async (s) => ({ fresh: await insertPerson(s.t, s.isabelle, "Léon", "Double"), fresh2: await insertPerson(s.t, s.isabelle, "Leon", "Double") }),
    expect: statuses(SEE, { advisor: 303 }),
  },
  {
    what: "merging two shared records",
    method: "POST",
    path: () => "/beneficiaires/doublons/fusion",
    body: (i) => ({ a: i.fresh, b: i.fresh2, keep: i.fresh }),
    fresh: async (s) => ({ fresh: await insertPerson(s.t, s.isabelle, "Léon", "Double", true), fresh2: await insertPerson(s.t, s.isabelle, "Leon", "Double", true) }),
    expect: statuses(SEE, { advisor: 303, structure_manager: 303 }),
  },
  {
    what: "merging an own and a colleague's record",
    method: "POST",
    path: () => "/beneficiaires/doublons/fusion",
    body: (i) => ({ a: i.ownPerson, b: i.colleaguePerson, keep: i.ownPerson }),
    expect: statuses(SEE),
  },
  { what: "merging two guessed records", method: "POST", path: () => "/beneficiaires/doublons/fusion", body: () => ({ a: RANDOM, b: RANDOM2, keep: RANDOM }), expect: statuses(SEE) },
);

describe("scoping matrix of the report form and pages and of the beneficiary pages", () => {
  let t: TestApp;
  let setUp: SetUp;
  let ids: Ids;
  const visitors = new Map<RoleName, Visitor>();
  const csrfOf = new Map<RoleName, string>();

  async function deniedCount(): Promise<number> {
    const row = await t.handle.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "beneficiary.denied").executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function ask(role: RoleName, row: Row, current: Ids) {
    const method = row.method ?? "GET";
    const visitor = visitors.get(role)!;
    const url = row.path(current);
    if (method === "POST") {
      // A real form post: the CSRF token of a page the visitor could open (their space, or the sign-in page).
      const payload = new URLSearchParams({ _csrf: csrfOf.get(role)!, ...(row.body?.(current) ?? {}) }).toString();
      return t.app.inject({
        method,
        url,
        payload,
        headers: { cookie: cookieHeader(visitor.jar), "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      });
    }
    return t.app.inject({ method, url, headers: { cookie: cookieHeader(visitor.jar), accept: "text/html" } });
  }

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-11-20T10:00:00Z") });
    await clearReports(t);
    const isabelle = await advisorByEmail(t, ISABELLE);
    const jerome = await advisorByEmail(t, JEROME);
    const justine = await advisorByEmail(t, JUSTINE);
    setUp = { t, isabelle, jerome };
    const ownPerson = await insertPerson(t, isabelle, "Marguerite", "Lafourcade");
    const place = { date: "2026-11-18", placeId: null, attended: 2, absent: 0 };
    const workshopPlace = async (a: Advisor) =>
      (await t.handle.db.selectFrom("places").select("id").where("structure_id", "=", a.structure_id).orderBy("name").limit(1).executeTakeFirstOrThrow()).id;
    ids = {
      ownAppointment: await insertAppointmentFor(t, isabelle, { date: "2026-11-18", time: "10:00", minutes: 45, placeId: null, themes: ["e-mail"] }),
      colleagueAppointment: await insertAppointmentFor(t, jerome, { date: "2026-11-18", time: "11:00", minutes: 45, placeId: null, themes: ["e-mail"] }),
      ownWorkshop: await insertWorkshopFor(t, isabelle, { ...place, placeId: await workshopPlace(isabelle) }),
      colleagueWorkshop: await insertWorkshopFor(t, jerome, { ...place, placeId: await workshopPlace(jerome) }),
      ownReport: await insertReport(t, isabelle, { date: "2026-10-05", beneficiaryId: ownPerson }),
      colleagueReport: await insertReport(t, jerome, { date: "2026-10-06" }),
      otherStructureReport: await insertReport(t, justine, { date: "2026-10-07" }),
      deletedReport: await insertReport(t, isabelle, { date: "2026-10-08", deleted: true }),
      ownPerson,
      ownPerson2: await insertPerson(t, isabelle, "Marguerite", "Lafourcad"),
      sharedPerson: await insertPerson(t, isabelle, "Bertrand", "Castagnet", true),
      sharedPerson2: await insertPerson(t, isabelle, "Bertrand", "Castagnè", true),
      colleaguePerson: await insertPerson(t, jerome, "Hélène", "Dupouy"),
      departementPerson: await insertPerson(t, justine, "Paulette", "Sarrazin", true),
      fresh: RANDOM,
      fresh2: RANDOM2,
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

  function runMatrix(name: string, matrix: Row[], beneficiaryRoutes: boolean) {
    describe(name, () => {
      for (const row of matrix) {
        test(`${row.method ?? "GET"} ${row.what}`, async () => {
          const mismatches: string[] = [];
          for (const role of ROLE_NAMES) {
            const current = row.fresh ? { ...ids, ...(await row.fresh(setUp)) } : ids;
            const before = await deniedCount();
            const response = await ask(role, row, current);
            const logged = (await deniedCount()) - before;
            if (response.statusCode !== row.expect[role]) mismatches.push(`${role}: expected ${row.expect[role]}, got ${response.statusCode}`);
            if (!beneficiaryRoutes) continue;
            const probe = response.statusCode === 404 && !(row.notLogged ?? []).includes(role);
            if (probe && logged === 0) mismatches.push(`${role}: a 404 without a "beneficiary.denied" line`);
            if (response.statusCode !== 404 && logged > 0) mismatches.push(`${role}: a "beneficiary.denied" line for a ${response.statusCode}`);
          }
          assert.deepEqual(mismatches, []);
        });
      }
    });
  }

  runMatrix("report form and pages", REPORT_MATRIX, false);
  runMatrix("beneficiary pages", PEOPLE_MATRIX, true);

  test("the denial line says who asked for which id, and where", async () => {
    const visitor = visitors.get("other_advisor")!;
    const guessed = randomUUID();
    const response = await visitor.get(`/beneficiaires/${guessed}/export.json`);
    assert.equal(response.statusCode, 404);
    const line = await t.handle.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "subject_id", "details"])
      .where("action", "=", "beneficiary.denied")
      .where("subject_id", "=", guessed)
      .executeTakeFirstOrThrow();
    const justine = await t.handle.db.selectFrom("users").select("id").where("email", "=", JUSTINE).executeTakeFirstOrThrow();
    assert.equal(line.actor_user_id, justine.id);
    assert.match(JSON.stringify(line.details), new RegExp(`/beneficiaires/${guessed}/export.json`));
  });

  test("a 404 page tells nothing about the record", async () => {
    const response = await visitors.get("other_advisor")!.get(`/beneficiaires/${ids.ownPerson}`);
    assert.equal(response.statusCode, 404);
    for (const name of ["Marguerite", "Lafourcade", "Isabelle"]) assert.ok(!response.body.includes(name), name);
  });

  test("network readers and the manager read a report without the unshared person's name", async () => {
    for (const role of ["admin", "coordinator", "state_reader", "structure_manager"] as const) {
      const response = await visitors.get(role)!.get(`/activites/${ids.ownReport}`);
      assert.equal(response.statusCode, 200, role);
      assert.ok(!response.body.includes("Lafourcade"), `${role} sees the name`);
    }
    const own = await visitors.get("advisor")!.get(`/activites/${ids.ownReport}`);
    assert.match(own.body, /Marguerite Lafourcade/);
  });

  test("guessed report ids are logged with who asked", async () => {
    const guessed = randomUUID();
    const visitor = visitors.get("other_advisor")!;
    const justine = await t.handle.db.selectFrom("users").select("id").where("email", "=", JUSTINE).executeTakeFirstOrThrow();
    const denials = (subjectId: string) =>
      t.handle.db
        .selectFrom("audit_log")
        .select("subject_type")
        .where("action", "=", "activity_report.denied")
        .where("actor_user_id", "=", justine.id)
        .where("subject_id", "=", subjectId)
        .execute();
    const colleagueBefore = (await denials(ids.ownReport)).length;
    for (const path of [`/activites/${guessed}`, `/activites/${guessed}/modifier`, `/activites/nouveau?rendez-vous=${guessed}`, `/activites/${ids.ownReport}`]) {
      const response = await visitor.get(path);
      assert.equal(response.statusCode, 404, path);
    }
    assert.deepEqual((await denials(guessed)).map((l) => l.subject_type).sort(), ["activity_report", "activity_report", "appointment"]);
    assert.equal((await denials(ids.ownReport)).length, colleagueBefore + 1);
  });


});
