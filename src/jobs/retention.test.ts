import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../test/support/db.ts";
import type { DatabaseHandle } from "../db/database.ts";
import { clearActivityData, createPerson, insertCollectiveReport, insertIndividualReport } from "../features/beneficiaries/beneficiaries.test-support.ts";
import { runRetention } from "./retention.ts";

const NOW = new Date("2026-06-10T03:00:00Z");

describe("retention job", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("demo");
    // The demo's people are active this year: the job is checked on the records made here alone.
    await clearActivityData(handle.db);
  });
  after(() => handle.close());

  test("people with no activity for 24 months are erased once; recent activity, alone or in a workshop, keeps them", async () => {
    const db = handle.db;
    const advisor = await db.selectFrom("advisors").select(["id", "structure_id"]).orderBy("last_name").executeTakeFirstOrThrow();
    const old = new Date("2023-01-10T10:00:00Z");
    const stale = await createPerson(db, advisor, { firstName: "Ancienne", lastName: "Visite", createdAt: old });
    await insertIndividualReport(db, advisor, stale, "2024-05-02");
    await insertIndividualReport(db, advisor, stale, "2026-01-02", { deleted: true });
    const neverSeen = await createPerson(db, advisor, { firstName: "Jamais", lastName: "Revenue", createdAt: old });
    const recentAlone = await createPerson(db, advisor, { firstName: "Récente", lastName: "Seule", createdAt: old });
    await insertIndividualReport(db, advisor, recentAlone, "2024-06-10");
    const recentWorkshop = await createPerson(db, advisor, { firstName: "Récente", lastName: "Atelier", createdAt: old });
    await insertIndividualReport(db, advisor, recentWorkshop, "2023-02-01");
    await insertCollectiveReport(db, advisor, [recentWorkshop], "2025-11-20");
    const newRecord = await createPerson(db, advisor, { firstName: "Nouvelle", lastName: "Fiche", createdAt: new Date("2026-06-01T10:00:00Z") });

    const dry = await runRetention(db, NOW, 24, { dryRun: true });
    assert.deepEqual(dry.ids.sort(), [stale, neverSeen].sort());
    assert.equal(dry.erased, 0);

    const first = await runRetention(db, NOW, 24);
    assert.equal(first.erased, 2);
    assert.equal(first.checked, 5);
    assert.equal(first.cutoff, "2024-06-10");
    const second = await runRetention(db, NOW, 24);
    assert.equal(second.erased, 0, "a second run erases nothing more");
    assert.equal(second.checked, 3);

    const rows = await db.selectFrom("beneficiaries").select(["id", "first_name", "erased_reason"]).where("id", "in", [stale, neverSeen, recentAlone, recentWorkshop, newRecord]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of [stale, neverSeen]) assert.deepEqual({ ...byId.get(id), id: "" }, { id: "", first_name: null, erased_reason: "conservation" });
    for (const id of [recentAlone, recentWorkshop, newRecord]) assert.ok(byId.get(id)?.first_name);
    const audits = await db.selectFrom("audit_log").select("details").where("action", "=", "beneficiary.retention").orderBy("id").execute();
    assert.deepEqual(audits.map((a) => a.details.erased), [2, 0], "one audit line per run");

    const shorter = await runRetention(db, NOW, 6);
    assert.deepEqual(shorter.ids.sort(), [recentAlone, recentWorkshop].sort(), "the number of months is configurable");
  });
});
