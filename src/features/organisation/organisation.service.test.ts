import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { insertStructure } from "./organisation.repository.ts";
import { createUserWithRoles } from "./organisation.service.ts";

describe("creating accounts with roles", () => {
  let handle: DatabaseHandle;
  let structureId: string;
  const context = { actorUserId: null, via: "cli" as const, now: new Date("2026-12-06T10:00:00Z") };

  before(async () => {
    handle = await openTestDatabase("bare");
    structureId = await insertStructure(handle.db, { slug: "mediatheque-nerac", name: "Médiathèque de Nérac", kind: "commune" });
  });
  after(() => handle.close());

  test("an advisor account is one of the structure's advisors at once (agenda, reports), once, even when given again", async () => {
    const input = { email: "Lea.Conseil@Exemple.fr", firstName: "Léa", lastName: "Conseil", roles: ["advisor"], structureSlug: "mediatheque-nerac" };
    const first = await createUserWithRoles(handle.db, input, context);
    assert.ok(first.ok);
    await handle.db.updateTable("advisors").set({ active: false }).where("user_id", "=", first.userId).execute();
    const again = await createUserWithRoles(handle.db, input, context);
    assert.ok(again.ok && !again.created);
    const rows = await handle.db.selectFrom("advisors").select(["structure_id", "first_name", "last_name", "email", "active"]).where("user_id", "=", first.userId).execute();
    assert.deepEqual(rows, [{ structure_id: structureId, first_name: "Léa", last_name: "Conseil", email: "lea.conseil@exemple.fr", active: true }]);
  });

  test("a partner's agent goes to a partner structure only, and an advisor never to one", async () => {
    await insertStructure(handle.db, { slug: "caf-47", name: "CAF 47", kind: "partner" });
    const misfit = await createUserWithRoles(handle.db, { email: "agent@exemple.fr", firstName: "Ana", lastName: "Agent", roles: ["partner_agent"], structureSlug: "mediatheque-nerac" }, context);
    assert.ok(!misfit.ok && misfit.errors.some((e) => /structure partenaire/.test(e)));
    const advisor = await createUserWithRoles(handle.db, { email: "cn@exemple.fr", firstName: "Cé", lastName: "Enne", roles: ["advisor"], structureSlug: "caf-47" }, context);
    assert.ok(!advisor.ok);
    const agent = await createUserWithRoles(handle.db, { email: "agent@exemple.fr", firstName: "Ana", lastName: "Agent", roles: ["partner_agent"], structureSlug: "caf-47" }, context);
    assert.ok(agent.ok);
  });

  test("other roles do not make an advisor", async () => {
    const result = await createUserWithRoles(handle.db, { email: "resp@exemple.fr", firstName: "Rémi", lastName: "Resp", roles: ["structure_manager"], structureSlug: "mediatheque-nerac" }, context);
    assert.ok(result.ok);
    assert.equal((await handle.db.selectFrom("advisors").select("id").where("user_id", "=", result.userId).execute()).length, 0);
  });
});
