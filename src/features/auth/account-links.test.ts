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
  const manage = ["/agenda", "/gestion/motifs", "/gestion/lieux", "/gestion/ateliers", "/gestion/signalements"];
  const onBehalf = "/gestion/rendez-vous/nouveau";
  assert.deepEqual(hrefs("admin"), [...manage, onBehalf, "/admin/donnees/import", "/admin/courriels", "/admin/sms"]);
  assert.deepEqual(hrefs("coordinator"), [...manage, "/admin/donnees/import"]);
  assert.deepEqual(hrefs("structure_manager"), [...manage, onBehalf]);
  assert.deepEqual(hrefs("advisor"), ["/agenda", "/gestion/lieux", "/gestion/ateliers", onBehalf]);
  assert.deepEqual(hrefs("advisor", "structure_manager"), [...manage, onBehalf]);
  assert.deepEqual(hrefs("state_reader"), []);
  assert.deepEqual(hrefs("partner_agent"), [onBehalf]);
});
