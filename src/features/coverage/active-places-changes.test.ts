// A stale copy of the active places is brought up to date by reading again only the places the change marks
// name: the marks must name every place a write concerns, and the result must equal what an instance with no
// copy reads and computes, after every kind of write. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { testConfig } from "../../../test/support/app.ts";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { ActivePlacesCache } from "./active-places-cache.ts";
import { foldCoverageChanges, loadCoverageChanges } from "./coverage.repository.ts";
import { type CoverageDeps, loadCoverage, placesChangedSince } from "./coverage.service.ts";
import type { CoveragePlace } from "./coverage.ts";

describe("change marks name the places a write concerns", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("demo");
  });
  after(() => handle?.close());

  /** The places named by the marks the write adds, or "all" for a mark without places. */
  const marked = async (write: () => Promise<unknown>) => {
    await foldCoverageChanges(handle.db);
    await write();
    const { marks } = await loadCoverageChanges(handle.db);
    if (marks.some((m) => m.placeIds === null)) return "all";
    return [...new Set(marks.flatMap((m) => m.placeIds ?? []))].sort();
  };

  test("a permanence's place, before and after it moves; nothing for a write on no row", async () => {
    const [a, b] = await handle.db.selectFrom("places").select("id").orderBy("id").limit(2).execute();
    const p = await handle.db.selectFrom("permanences").select(["id", "place_id"]).orderBy("id").executeTakeFirstOrThrow();
    assert.deepEqual(await marked(() => handle.db.updateTable("permanences").set({ every_weeks: 2 }).where("id", "=", p.id).execute()), [p.place_id]);
    const target = (p.place_id === a?.id ? b?.id : a?.id) as string;
    assert.deepEqual(
      await marked(() => handle.db.updateTable("permanences").set({ place_id: target }).where("id", "=", p.id).execute()),
      [p.place_id, target].sort(),
    );
    assert.deepEqual(await marked(() => handle.db.updateTable("permanences").set({ every_weeks: 3 }).where("id", "=", "00000000-0000-0000-0000-000000000000").execute()), []);
    assert.deepEqual(await marked(() => handle.db.deleteFrom("permanences").where("id", "=", p.id).execute()), [target]);
  });

  test("a place whose name, position, visibility, services or structure change; not its description", async () => {
    const { id } = await handle.db.selectFrom("places").select("id").orderBy("id").executeTakeFirstOrThrow();
    assert.deepEqual(await marked(() => handle.db.updateTable("places").set({ description: "Autre" }).where("id", "=", id).execute()), []);
    assert.deepEqual(await marked(() => handle.db.updateTable("places").set({ name: "Autre nom" }).where("id", "=", id).execute()), [id]);
    assert.deepEqual(await marked(() => handle.db.updateTable("places").set({ latitude: 44.3 }).where("id", "=", id).execute()), [id]);
    const served = await handle.db.selectFrom("places").select(["id", "services"]).where(sql<boolean>`cardinality(services) > 0`).executeTakeFirstOrThrow();
    assert.deepEqual(await marked(() => handle.db.updateTable("places").set({ services: served.services.slice(1) }).where("id", "=", served.id).execute()), [served.id]);
  });

  test("an advisor leaving names the places of their permanences; a structure's kind, its places", async () => {
    const advisor = await handle.db.selectFrom("permanences").select("advisor_id").orderBy("id").executeTakeFirstOrThrow();
    const theirs = await handle.db.selectFrom("permanences").select("place_id").distinct().where("advisor_id", "=", advisor.advisor_id).execute();
    assert.deepEqual(await marked(() => handle.db.updateTable("advisors").set({ active: false }).where("id", "=", advisor.advisor_id).execute()), theirs.map((r) => r.place_id).sort());
    assert.deepEqual(await marked(() => handle.db.updateTable("advisors").set({ first_name: "Autre" }).where("id", "=", advisor.advisor_id).execute()), []);

    const structure = await handle.db.selectFrom("places").select("structure_id").orderBy("id").executeTakeFirstOrThrow();
    const its = await handle.db.selectFrom("places").select("id").where("structure_id", "=", structure.structure_id).execute();
    const other = await handle.db.selectFrom("structures").select("kind").where("id", "=", structure.structure_id).executeTakeFirstOrThrow();
    const kind = other.kind === "commune" ? "association" : "commune";
    assert.deepEqual(await marked(() => handle.db.updateTable("structures").set({ kind }).where("id", "=", structure.structure_id).execute()), its.map((r) => r.id).sort());
  });
});

describe("a stale copy brought up to date equals a full read", () => {
  let handle: DatabaseHandle;
  let kept: CoverageDeps;
  const noFilter = { services: [], employers: [] };
  const fresh = (): CoverageDeps => ({ ...kept, activePlaces: new ActivePlacesCache() });

  before(async () => {
    handle = await openTestDatabase("demo");
    kept = { db: handle.db, config: testConfig(), now: () => DEMO_NOW, activePlaces: new ActivePlacesCache() };
  });
  after(() => handle?.close());

  /** After the write, the instance that kept its copy and one that reads everything give the same figures. */
  const sameAfter = async (what: string, write: () => Promise<unknown>) => {
    const before = await loadCoverage(kept, noFilter, false);
    await write();
    const updated = await loadCoverage(kept, noFilter, false);
    const full = await loadCoverage(fresh(), noFilter, false);
    assert.deepEqual(updated.places, full.places, `${what}: the places`);
    assert.deepEqual(updated.coverage, full.coverage, `${what}: the coverage`);
    return { before, updated };
  };

  test("after each kind of write, the places and every figure are those of a full read", async () => {
    const places = (await loadCoverage(kept, noFilter, false)).places;
    const [a, b, c, d] = places as [CoveragePlace, CoveragePlace, CoveragePlace, CoveragePlace];
    const { before, updated } = await sameAfter("rhythm", () => handle.db.updateTable("permanences").set({ every_weeks: 2 }).where("place_id", "=", a.id).execute());
    // Only the changed place was read again: the others are the very objects of the copy.
    assert.equal(
      updated.places.find((p) => p.id === b.id),
      before.places.find((p) => p.id === b.id),
    );
    await sameAfter("moved far", () => handle.db.updateTable("places").set({ latitude: 44.9, longitude: 1.05 }).where("id", "=", b.id).execute());
    await sameAfter("private", () => handle.db.updateTable("places").set({ is_public: false }).where("id", "=", c.id).execute());
    await sameAfter("renamed", () => handle.db.updateTable("places").set({ name: "Nouveau nom" }).where("id", "=", d.id).execute());
    const advisor = await handle.db.selectFrom("permanences").select("advisor_id").where("place_id", "=", d.id).executeTakeFirstOrThrow();
    await sameAfter("advisor left", () => handle.db.updateTable("advisors").set({ active: false }).where("id", "=", advisor.advisor_id).execute());
    const idle = await handle.db
      .selectFrom("places")
      .select(["id", "structure_id"])
      .where("is_public", "=", true)
      .where("latitude", "is not", null)
      .where(
        "id",
        "not in",
        (await loadCoverage(kept, noFilter, false)).places.map((p) => p.id),
      )
      .executeTakeFirst();
    const working = await handle.db.selectFrom("advisors").select("id").where("active", "=", true).executeTakeFirstOrThrow();
    if (idle) {
      await sameAfter("a new permanence where there was none", () =>
        handle.db
          .insertInto("permanences")
          .values({ place_id: idle.id, advisor_id: working.id, weekdays: [2, 4], start_time: "09:00", end_time: "12:30", valid_from: "2020-01-01", mode: "drop_in" })
          .execute(),
      );
    }
    await sameAfter("several places in one statement", () => handle.db.updateTable("permanences").set({ mode: "both" }).where("place_id", "in", [a.id, b.id, c.id]).execute());
    await sameAfter("a mark without places", () => sql`insert into coverage_changes default values`.execute(handle.db));
  });

  test("marks folded before the copy saw them: everything is read again", () => {
    const copy = { index: null as never, folded: 10, seenMarks: new Set([5, 6]) };
    // 5 and 6 folded (+2): every unseen mark is still there.
    assert.deepEqual(placesChangedSince(copy, { folded: 12, marks: [{ id: 7, placeIds: ["x"] }] }), new Set(["x"]));
    // +3 folded but only 2 seen marks gone: an unseen one was folded away.
    assert.equal(placesChangedSince(copy, { folded: 13, marks: [{ id: 8, placeIds: ["x"] }] }), null);
    assert.equal(placesChangedSince(copy, { folded: 10, marks: [{ id: 5, placeIds: ["x"] }, { id: 6, placeIds: null }, { id: 9, placeIds: null }] }), null);
    assert.deepEqual(placesChangedSince(copy, { folded: 10, marks: [{ id: 5, placeIds: null }, { id: 6, placeIds: ["y"] }] }), new Set());
  });
});
