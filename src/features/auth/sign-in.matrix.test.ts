// The access matrix of the sign-in routes added with the second factor and the sessions page: each route ×
// kind of visitor, with the status and where a redirect leads. « pending » followed an e-mail link as an
// advisor but has not given the second factor yet: that visitor reaches nothing but the second-factor page.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { JUSTINE } from "../activities/list/activity-list.test-support.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";

const KINDS = ["anonymous", "pending", "advisor", "coordinator"] as const;
type Kind = (typeof KINDS)[number];
type Answer = number | `303 ${string}`;

interface Row {
  method: "GET" | "POST";
  path: string;
  expect: Record<Kind, Answer>;
}

const TO_SIGN_IN = "303 /connexion";
const TO_SECOND_FACTOR = "303 /connexion/second-facteur";

const MATRIX: Row[] = [
  { method: "GET", path: "/connexion/second-facteur", expect: { anonymous: TO_SIGN_IN, pending: 200, advisor: "303 /espace", coordinator: "303 /espace" } },
  { method: "POST", path: "/connexion/second-facteur", expect: { anonymous: TO_SIGN_IN, pending: 400, advisor: "303 /espace", coordinator: "303 /espace" } },
  { method: "GET", path: "/espace", expect: { anonymous: TO_SIGN_IN, pending: TO_SECOND_FACTOR, advisor: 200, coordinator: 200 } },
  { method: "GET", path: "/beneficiaires", expect: { anonymous: TO_SIGN_IN, pending: TO_SECOND_FACTOR, advisor: 200, coordinator: 403 } },
  { method: "GET", path: "/espace/sessions", expect: { anonymous: TO_SIGN_IN, pending: TO_SECOND_FACTOR, advisor: 200, coordinator: 200 } },
  {
    method: "POST",
    path: `/espace/sessions/${randomUUID()}/fermer`,
    expect: { anonymous: TO_SIGN_IN, pending: TO_SECOND_FACTOR, advisor: 404, coordinator: 404 },
  },
  {
    method: "POST",
    path: "/espace/sessions/fermer-les-autres",
    expect: {
      anonymous: TO_SIGN_IN,
      pending: TO_SECOND_FACTOR,
      advisor: "303 /espace/sessions?fermee=autres",
      coordinator: "303 /espace/sessions?fermee=autres",
    },
  },
];

describe("access matrix of the second factor and sessions routes", () => {
  let t: TestApp;
  const visitors = {} as Record<Kind, Visitor>;

  before(async () => {
    t = await startTestApp({ template: "demo" });
    visitors.anonymous = new Visitor(t.app, "10.65.0.1");
    visitors.advisor = await signIn(t, JUSTINE);
    visitors.coordinator = await signIn(t, "coordination@declic47.example");
    const pending = new Visitor(t.app, "10.65.0.2");
    await pending.get("/connexion");
    const sent = await pending.post("/connexion", { email: "nathalie.rodriguez@declic47.example" });
    const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
    assert.ok(link);
    await pending.get(link);
    await pending.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
    visitors.pending = pending;
  });
  after(async () => t.close());

  for (const row of MATRIX) {
    test(`${row.method} ${row.path.replace(/[0-9a-f-]{36}/, ":id")}`, async () => {
      for (const kind of KINDS) {
        const visitor = visitors[kind];
        await visitor.get("/connexion");
        const response = row.method === "GET" ? await visitor.get(row.path) : await visitor.post(row.path, {});
        const answer = response.statusCode === 303 ? `303 ${response.headers.location}` : response.statusCode;
        assert.equal(answer, row.expect[kind], `${kind}: ${row.method} ${row.path}`);
      }
    });
  }
});
