import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../../test/support/db.ts";
import { DEMO_NOW } from "../../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../../db/database.ts";
import { runPlaceOpeningsUpkeep } from "../../../jobs/place-openings.ts";
import { readOpeningsState } from "./openings.repository.ts";
import { ensurePlaceOpenings, refreshPlaceOpenings } from "./openings.service.ts";

describe("precomputed openings are kept right", () => {
  let handle: DatabaseHandle;
  let placeId: string;
  const db = () => handle.db;
  const hoursOf = async (id: string) =>
    (await db().selectFrom("place_openings").select(["starts_at", "kind"]).where("place_id", "=", id).where("kind", "=", "hours").orderBy("starts_at").execute()).map(
      (r) => new Date(r.starts_at).toISOString(),
    );

  before(async () => {
    handle = await openTestDatabase("demo");
    const place = await db().selectFrom("places").select("id").where("opening_hours", "is not", null).orderBy("slug").executeTakeFirstOrThrow();
    placeId = place.id;
  });
  after(async () => handle.close());

  test("the demo data comes with its openings computed from the day before it was loaded", async () => {
    const state = await readOpeningsState(db());
    assert.deepEqual(state, { horizon: { fromDay: "2026-11-01", toDay: "2027-01-11", departement: "47" }, stale: false });
    assert.ok((await hoursOf(placeId)).length > 20);
  });

  test("the daily job moves the horizon once a Paris day, and does nothing else that day", async () => {
    assert.equal(await runPlaceOpeningsUpkeep(db(), DEMO_NOW, "47"), null);
    const nextDay = new Date(DEMO_NOW.getTime() + 86_400_000);
    const report = await runPlaceOpeningsUpkeep(db(), nextDay, "47");
    assert.ok(report && report.places > 0 && report.openings > report.places);
    assert.equal((await readOpeningsState(db())).horizon?.fromDay, "2026-11-02");
    assert.equal(await runPlaceOpeningsUpkeep(db(), new Date(nextDay.getTime() + 3_600_000), "47"), null);
  });

  test("a write that refreshes in its transaction leaves nothing stale", async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("places").set({ opening_hours: "We 10:00-11:00" }).where("id", "=", placeId).execute();
        await refreshPlaceOpenings(trx, [placeId], "47");
      });
    assert.equal((await readOpeningsState(db())).stale, false);
    const hours = await hoursOf(placeId);
    assert.ok(hours.length >= 9);
    assert.ok(hours.every((h) => new Date(h).getUTCDay() === 3 && h.endsWith("T09:00:00.000Z")), "Wednesdays 10:00 in Paris, winter time");
  });

  test("a direct write (a tool, a query) marks the place stale, and the next search rewrites it", async () => {
    await db().updateTable("places").set({ opening_hours: "Fr 14:00-15:00" }).where("id", "=", placeId).execute();
    assert.equal((await readOpeningsState(db())).stale, true);
    await ensurePlaceOpenings(db(), DEMO_NOW, "47");
    assert.equal((await readOpeningsState(db())).stale, false);
    assert.ok((await hoursOf(placeId)).every((h) => new Date(h).getUTCDay() === 5 && h.endsWith("T13:00:00.000Z")));
  });

  test("deactivating an advisor marks the places of their permanences stale", async () => {
    const permanence = await db().selectFrom("permanences").select(["advisor_id", "place_id"]).executeTakeFirstOrThrow();
    await db().updateTable("advisors").set({ active: false }).where("id", "=", permanence.advisor_id).execute();
    const stale = await db().selectFrom("place_openings_stale").select("place_id").execute();
    assert.ok(stale.some((s) => s.place_id === permanence.place_id));
  });
});
