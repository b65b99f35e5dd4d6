// The scoping matrix of the referral pages: every route × role with the status referrals.policy.ts gives,
// for a CAF referral to a receiving world (its manager and advisor), for that world's advisor's referral to
// the CAF (the CAF's agent answers it, the world follows it), a guessed id and a malformed one.
// Posts are empty forms: 400 is the form again with its French errors, proof the post got past the gates.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cookieHeader, startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { BOOKING_NOW, postPairs as postForm, signInAs } from "../booking/booking.test-support.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import { CAF_AGENT, createReceivingWorld, FRANCE_TRAVAIL_AGENT, type ReceivingWorld, referralFields, referralIdFrom } from "./referrals.test-support.ts";

const ROLES = {
  anonymous: null,
  admin: "admin@declic47.example",
  coordinator: "coordination@declic47.example",
  state_reader: "prefecture@declic47.example",
  /** Manages the receiving structure. */
  structure_manager: "responsable.referral@exemple.fr",
  /** The receiving structure's advisor. */
  advisor: "",
  other_advisor: "justine.sabathier@declic47.example",
  other_manager: "responsable.nerac@declic47.example",
  commune_agent: "mairie.nerac@declic47.example",
  partner_agent: CAF_AGENT,
  other_partner_agent: FRANCE_TRAVAIL_AGENT,
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];
type Expect = Record<RoleName, number>;

const GUESSED = randomUUID();

/** Everyone signed in but the listed roles gets `others`; visitors are sent to sign in; commune agents get 403. */
function expect(others: number, exceptions: Partial<Expect> = {}): Expect {
  const e = Object.fromEntries(ROLE_NAMES.map((r) => [r, others])) as Expect;
  return { ...e, anonymous: 303, commune_agent: 403, ...exceptions };
}

const READERS = { admin: 200, coordinator: 200, state_reader: 200 };
const RECEIVERS = { structure_manager: 200, advisor: 200 };
const PARTNERS_FORM = { partner_agent: 200, other_partner_agent: 200 };

interface Row {
  what: string;
  method?: "GET" | "POST";
  path: (ids: { referral: string; advisorReferral: string; place: string }) => string;
  expect: Expect;
}

const MATRIX: Row[] = [
  { what: "the list", path: () => "/orientations", expect: expect(200) },
  { what: "the referral form", path: () => "/orientations/nouvelle", expect: expect(403, PARTNERS_FORM) },
  { what: "an empty referral", method: "POST", path: () => "/orientations/nouvelle", expect: expect(403, { partner_agent: 400, other_partner_agent: 400 }) },
  { what: "the CAF referral", path: (i) => `/orientations/${i.referral}`, expect: expect(404, { ...READERS, ...RECEIVERS, partner_agent: 200 }) },
  { what: "the CAF referral's slip", path: (i) => `/orientations/${i.referral}/fiche`, expect: expect(404, { admin: 403, coordinator: 403, state_reader: 403, ...RECEIVERS, partner_agent: 200 }) },
  {
    what: "an empty answer to the CAF referral",
    method: "POST",
    path: (i) => `/orientations/${i.referral}/statut`,
    expect: expect(404, { admin: 403, coordinator: 403, state_reader: 403, structure_manager: 400, advisor: 400, partner_agent: 403 }),
  },
  {
    what: "booking for the CAF referral",
    path: (i) => `/gestion/rendez-vous/nouveau?lieu=${i.place}&orientation=${i.referral}`,
    expect: expect(403, { admin: 404, ...RECEIVERS, partner_agent: 404, other_partner_agent: 404 }),
  },
  // The world's advisor referred a person to the CAF from a report: the CAF's agents receive it, the world follows.
  { what: "the advisor's referral to the CAF", path: (i) => `/orientations/${i.advisorReferral}`, expect: expect(404, { ...READERS, ...RECEIVERS, partner_agent: 200 }) },
  { what: "the advisor's referral's slip (none: no place)", path: (i) => `/orientations/${i.advisorReferral}/fiche`, expect: expect(404) },
  {
    what: "an empty answer to the advisor's referral",
    method: "POST",
    path: (i) => `/orientations/${i.advisorReferral}/statut`,
    expect: expect(404, { admin: 403, coordinator: 403, state_reader: 403, structure_manager: 403, advisor: 403, partner_agent: 400 }),
  },
  {
    what: "booking for the advisor's referral (a partner has no agenda here)",
    path: (i) => `/gestion/rendez-vous/nouveau?lieu=${i.place}&orientation=${i.advisorReferral}`,
    expect: expect(403, { admin: 404, ...RECEIVERS, structure_manager: 404, advisor: 404, partner_agent: 404, other_partner_agent: 404 }),
  },
  { what: "a guessed referral", path: () => `/orientations/${GUESSED}`, expect: expect(404) },
  { what: "a guessed referral's slip", path: () => `/orientations/${GUESSED}/fiche`, expect: expect(404) },
  { what: "an answer to a guessed referral", method: "POST", path: () => `/orientations/${GUESSED}/statut`, expect: expect(404) },
  { what: "a malformed referral id", path: () => "/orientations/1%20or%201=1", expect: expect(404) },
];

describe("scoping matrix of the referral pages", () => {
  let t: TestApp;
  let world: ReceivingWorld;
  let ids: { referral: string; advisorReferral: string; place: string };
  const visitors = new Map<RoleName, Visitor>();
  const csrfOf = new Map<RoleName, string>();

  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createReceivingWorld(t);
    const manager = await insertUser(t.handle.db, { email: ROLES.structure_manager, firstName: "Rémi", lastName: "Responsable" });
    await addRole(t.handle.db, manager, "structure_manager", world.structureId);
    const caf = await signInAs(t, CAF_AGENT);
    await caf.get("/orientations/nouvelle");
    const referral = referralIdFrom((await postForm(t, caf, "/orientations/nouvelle", referralFields(world.placeId))).headers.location);
    const cafId = (await t.handle.db.selectFrom("structures").select("id").where("name", "=", "CAF de Lot-et-Garonne").executeTakeFirstOrThrow()).id;
    const advisorReferral = await t.handle.db
      .insertInto("referrals")
      .values({ source: "advisor", from_structure_id: world.structureId, created_by_user_id: world.advisorUserId, target_structure_id: cafId, themes: ["aide-demarches"], urgency: "normal", first_name: "Lucienne", last_name: "Barthe", phone: "+33612345678", contact_preference: "phone", consent_mode: "oral", consent_at: BOOKING_NOW, consent_by_user_id: world.advisorUserId })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids = { referral, advisorReferral: advisorReferral.id, place: world.placeId };
    for (const role of ROLE_NAMES) {
      const email = role === "advisor" ? world.advisorEmail : ROLES[role];
      let visitor: Visitor;
      if (email === null) {
        visitor = new Visitor(t.app, "10.49.0.1");
        await visitor.get("/connexion");
      } else {
        visitor = await signInAs(t, email);
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

  test("nothing was written by the refused posts, and a 404 tells nothing of the referral", async () => {
    const events = await t.handle.db.selectFrom("referral_events").select("to_status").where("referral_id", "=", ids.referral).execute();
    assert.deepEqual(events.map((e) => e.to_status), ["received"]);
    const response = await visitors.get("other_partner_agent")!.get(`/orientations/${ids.referral}`);
    assert.equal(response.statusCode, 404);
    for (const word of ["Marcelle", "Dubosc", "CAF"]) assert.ok(!response.body.includes(word), word);
  });

  test("the network's readers see the steps, not the person", async () => {
    const page = await visitors.get("state_reader")!.get(`/orientations/${ids.referral}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Marcelle|06 45/);
    assert.match(page.body, /Reçue/);
  });
});
