import assert from "node:assert/strict";
import { test } from "node:test";
import type { Role } from "../organisation/organisation.ts";
import { toolLinks } from "./account-links.ts";
import type { Viewer } from "./viewer.ts";

const viewer = (...roles: Role[]): Viewer => ({
  userId: "u",
  sessionHash: "s",
  email: "x@example.fr",
  firstName: "X",
  lastName: "Y",
  roles: roles.map((role) => ({ role, structureId: null })),
});

test("each role sees the tools it may use in its space", () => {
  const hrefs = (...roles: Role[]) => toolLinks(viewer(...roles)).map((l) => l.href);
  assert.deepEqual(hrefs("admin"), ["/gestion/lieux", "/gestion/signalements", "/admin/donnees/import", "/admin/courriels"]);
  assert.deepEqual(hrefs("coordinator"), ["/gestion/lieux", "/gestion/signalements", "/admin/donnees/import"]);
  assert.deepEqual(hrefs("structure_manager"), ["/gestion/lieux", "/gestion/signalements"]);
  assert.deepEqual(hrefs("advisor"), ["/gestion/lieux"]);
  assert.deepEqual(hrefs("state_reader"), []);
  assert.deepEqual(hrefs("partner_agent"), []);
});
