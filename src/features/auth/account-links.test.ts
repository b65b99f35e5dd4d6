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
  const own = ["/activites/nouveau", "/activites", "/beneficiaires"];
  const structure = ["/activites", "/beneficiaires", "/beneficiaires/journal"];
  const network = ["/activites", "/maillage", "/reseau", "/reseau/journal", "/statistiques", "/demandes"];
  assert.deepEqual(hrefs("admin"), [...manage, onBehalf, ...network, "/orientations", "/partenaires", "/admin/donnees/import", "/admin/courriels", "/admin/sms", "/admin/jetons-api"]);
  assert.deepEqual(hrefs("coordinator"), [...manage, ...network, "/orientations", "/partenaires", "/admin/donnees/import"]);
  assert.deepEqual(hrefs("structure_manager"), [...manage, onBehalf, ...structure, "/statistiques", "/demandes", "/orientations", "/partenaires"]);
  assert.deepEqual(hrefs("advisor"), ["/agenda", "/gestion/lieux", "/gestion/ateliers", onBehalf, ...own, "/statistiques", "/demandes", "/orientations", "/partenaires"]);
  assert.deepEqual(hrefs("advisor", "structure_manager"), [...manage, onBehalf, ...own, "/beneficiaires/journal", "/statistiques", "/demandes", "/orientations", "/partenaires"]);
  assert.deepEqual(hrefs("state_reader"), [...network, "/orientations", "/partenaires"]);
  assert.deepEqual(hrefs("partner_agent"), [onBehalf, "/orientations/nouvelle", "/orientations", "/partenaires"]);
  assert.deepEqual(hrefs("commune_agent"), ["/demandes/nouvelle", "/demandes"]);
});
