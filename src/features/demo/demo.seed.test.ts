import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { openingHoursError } from "../places/availability.ts";

let handle: DatabaseHandle;
before(async () => {
  handle = await openTestDatabase("demo");
});
after(async () => {
  await handle.close();
});

test("the loaded demo gives every advisor weekly permanences, all marked as demo data", async () => {
  const rows = await handle.db
    .selectFrom("advisors")
    .leftJoin("permanences", "permanences.advisor_id", "advisors.id")
    .select(["advisors.email", sql<number>`count(permanences.id)::int`.as("count"), sql<boolean>`bool_and(permanences.is_demo)`.as("demo")])
    .groupBy("advisors.email")
    .execute();
  assert.equal(rows.length, 38);
  for (const row of rows) {
    assert.ok(row.count >= 1, `${row.email} holds permanences`);
    assert.equal(row.demo, true);
  }
});

test("the loaded demo places carry the national-standard fields", async () => {
  const places = await handle.db
    .selectFrom("places")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .select([
      "places.slug",
      "places.opening_hours",
      "places.summary",
      "places.pivot",
      "places.services",
      "places.fees",
      "places.updated_on",
      "structures.siret",
    ])
    .execute();
  assert.equal(places.length, 56);
  for (const p of places) {
    assert.ok(p.summary && p.summary.length <= 280, p.slug);
    assert.equal(p.pivot, p.siret, `${p.slug}: pivot is the owner's SIRET`);
    assert.ok(p.services.length > 0 && p.fees.length === 1, p.slug);
    assert.match(p.updated_on, /^\d{4}-\d{2}-\d{2}$/);
    if (p.opening_hours) assert.equal(openingHoursError(p.opening_hours), null, p.slug);
  }
  assert.ok(places.some((p) => p.opening_hours === null));
  const agen = places.find((p) => p.slug === "centre-medico-social-d-agen");
  assert.equal(agen?.opening_hours, "Mo-Fr 08:30-12:00,13:30-17:00; PH off");
});
