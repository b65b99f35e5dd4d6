// The active places read as packed records (loadActivePlaceColumns) must be exactly the rows loadActivePlaces gives,
// field by field and bit for bit: ids, names of any characters, positions with every digit, hours, modes, in
// id order; on the summary's day and on days whose places come from the permanences; empty when none match.
// Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { loadActivePlaces, type PlaceFilter } from "./coverage.repository.ts";
import { placesFrom } from "./coverage.service.ts";
import { PlacesIndex } from "./coverage.ts";
import { loadActivePlaceColumns } from "./place-columns.repository.ts";
import { columnsOf } from "./place-columns.ts";

const demoDay = DEMO_NOW.toISOString().slice(0, 10);

describe("the active places read as columns", () => {
  let handle: DatabaseHandle;
  let filters: PlaceFilter[];
  before(async () => {
    handle = await openTestDatabase("demo");
    const served = await handle.db.selectFrom("places").select("services").where(sql<boolean>`cardinality(services) > 0`).executeTakeFirstOrThrow();
    filters = [
      { services: [], employers: [] },
      { services: served.services.slice(0, 1), employers: [] },
      { services: [], employers: ["commune", "association"] },
      { services: ["aucun-service-de-ce-nom"], employers: [] },
    ];
  });
  after(() => handle?.close());

  const same = async (what: string) => {
    for (const day of [demoDay, "2019-01-01", "2031-06-01"]) {
      for (const filter of filters) {
        const records = await loadActivePlaces(handle.db, day, filter);
        const columns = await loadActivePlaceColumns(handle.db, day, filter);
        assert.deepEqual(columns, columnsOf(placesFrom(records)), `${what}: ${day}, ${JSON.stringify(filter)}`);
        assert.deepEqual(new PlacesIndex(columns).places, placesFrom(records), `${what}: the places made from the columns`);
      }
    }
  };

  test("equal the rows, whatever the day, the filters and the names", async () => {
    await same("as migrated");
    const [first] = await loadActivePlaces(handle.db, demoDay, filters[0] as PlaceFilter);
    assert.ok(first !== undefined, "the demo has active places");
    const none = await loadActivePlaceColumns(handle.db, demoDay, filters[3] as PlaceFilter);
    assert.equal(none.ids.length, 0, "no place offers a service of no name");
    await handle.db
      .updateTable("places")
      .set({ name: `L'« Atelier » \\ "n°1"\n\t☕ 𝔸, fin`, latitude: 44.123456789012344, longitude: -0.000001234567890123 })
      .where("id", "=", first.id)
      .execute();
    await same("a name of every kind of character, a position with every digit");
    const renamed = await loadActivePlaceColumns(handle.db, demoDay, filters[0] as PlaceFilter);
    const at = renamed.ids.indexOf(first.id);
    assert.equal(renamed.names[at], `L'« Atelier » \\ "n°1"\n\t☕ 𝔸, fin`);
    assert.equal(renamed.longitudes[at], -0.000001234567890123);
  });
});
