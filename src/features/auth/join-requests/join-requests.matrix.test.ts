// The access matrix of the requests to join: each route × every role (and anonymous), with the status and
// where a redirect leads. Only the coordination and admins reach the queue; a guessed id answers 404.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { signIn } from "../../places/admin/place-admin.test-support.ts";
import { savePending } from "./join-requests.repository.ts";
import { JOIN_PATH, JOIN_SENT_PATH } from "./join-requests.ts";

const ACCOUNTS = {
  admin: "admin@declic47.example",
  coordinator: "coordination@declic47.example",
  state_reader: "prefecture@declic47.example",
  structure_manager: "responsable.lgnum@declic47.example",
  advisor: "justine.sabathier@declic47.example",
  commune_agent: "mairie.nerac@declic47.example",
  partner_agent: "caf@declic47.example",
} as const;
type Kind = "anonymous" | keyof typeof ACCOUNTS;
const KINDS = ["anonymous", ...Object.keys(ACCOUNTS)] as Kind[];
type Answer = number | `303 ${string}`;

/** Reviewers get `reviewer`, every other signed-in role `others`, visitors `anonymous`. */
function answers(anonymous: Answer, reviewer: Answer, others: Answer): Record<Kind, Answer> {
  return Object.fromEntries(KINDS.map((k) => [k, k === "anonymous" ? anonymous : k === "admin" || k === "coordinator" ? reviewer : others])) as Record<Kind, Answer>;
}

const TO_SIGN_IN = "303 /connexion";
const GUESSED = randomUUID();

describe("access matrix of the requests to join", () => {
  let t: TestApp;
  let existing: string;
  const visitors = {} as Record<Kind, Visitor>;

  before(async () => {
    t = await startTestApp({
      template: "demo",
      env: { PROCONNECT_ISSUER: "http://127.0.0.1:9/", PROCONNECT_CLIENT_ID: "declic", PROCONNECT_CLIENT_SECRET: "matrix-secret-not-used" },
    });
    existing = (
      await savePending(
        t.handle.db,
        { sub: "pc-matrix", email: "matrice@exemple.example", givenName: "Ma", usualName: "Trice", siret: null, uid: null, proposedStructureId: null, requestedRole: null, message: null },
        t.clock.now,
      )
    ).id;
    visitors.anonymous = new Visitor(t.app, "10.66.0.1");
    for (const [kind, email] of Object.entries(ACCOUNTS)) visitors[kind as Kind] = await signIn(t, email);
  });
  after(async () => t.close());

  const rows: { method: "GET" | "POST"; path: () => string; expect: Record<Kind, Answer> }[] = [
    { method: "GET", path: () => "/reseau/demandes-acces", expect: answers(TO_SIGN_IN, 200, 403) },
    { method: "GET", path: () => "/reseau/demandes-acces?etat=traitees&page=2", expect: answers(TO_SIGN_IN, 200, 403) },
    { method: "GET", path: () => `/reseau/demandes-acces/${existing}`, expect: answers(TO_SIGN_IN, 200, 403) },
    { method: "POST", path: () => `/reseau/demandes-acces/${existing}/accepter`, expect: answers(TO_SIGN_IN, 400, 403) },
    { method: "POST", path: () => `/reseau/demandes-acces/${existing}/refuser`, expect: answers(TO_SIGN_IN, 400, 403) },
    { method: "GET", path: () => `/reseau/demandes-acces/${GUESSED}`, expect: answers(TO_SIGN_IN, 404, 403) },
    { method: "GET", path: () => "/reseau/demandes-acces/1", expect: answers(TO_SIGN_IN, 404, 403) },
    { method: "POST", path: () => `/reseau/demandes-acces/${GUESSED}/accepter`, expect: answers(TO_SIGN_IN, 404, 403) },
    { method: "POST", path: () => `/reseau/demandes-acces/${GUESSED}/refuser`, expect: answers(TO_SIGN_IN, 404, 403) },
    // The agent's side needs the identity ProConnect just gave: without it, nobody can send a request.
    { method: "POST", path: () => JOIN_PATH, expect: answers(400, 400, 400) },
    { method: "GET", path: () => JOIN_SENT_PATH, expect: answers(200, 200, 200) },
  ];

  for (const row of rows) {
    test(`${row.method} ${row.path().replace(/[0-9a-f-]{36}/, ":id")}`, async () => {
      for (const kind of KINDS) {
        const visitor = visitors[kind];
        await visitor.get("/connexion");
        const response = row.method === "GET" ? await visitor.get(row.path()) : await visitor.post(row.path(), {});
        const answer = response.statusCode === 303 ? `303 ${response.headers.location}` : response.statusCode;
        assert.equal(answer, row.expect[kind], `${kind}: ${row.method} ${row.path()}`);
      }
    });
  }

  test("/reseau shows the number of waiting requests to reviewers only", async () => {
    for (const kind of ["admin", "coordinator"] as const) assert.match((await visitors[kind].get("/reseau")).body, /1 demande en attente de réponse/, kind);
    for (const kind of ["state_reader", "structure_manager"] as const) {
      const page = await visitors[kind].get("/reseau");
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /demandes-acces/, kind);
    }
  });

  test("nothing above decided the request", async () => {
    const row = await t.handle.db.selectFrom("join_requests").select("status").where("id", "=", existing).executeTakeFirstOrThrow();
    assert.equal(row.status, "pending");
  });
});
