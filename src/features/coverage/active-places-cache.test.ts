// The active places kept between requests: reused while nothing they depend on has changed, read again
// as soon as anything has, whoever wrote it (another instance, a job, psql: here, plain SQL beside the
// service). Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { testConfig } from "../../../test/support/app.ts";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { ActivePlacesCache, activePlacesKey } from "./active-places-cache.ts";
import { foldCoverageChanges, loadCoverageDataVersion } from "./coverage.repository.ts";
import { type CoverageDeps, loadCoverage } from "./coverage.service.ts";
import type { CoveragePlace } from "./coverage.ts";

const place = (id: string): CoveragePlace => ({ id, name: id, location: { latitude: 44, longitude: 0.6 }, weeklyUnits: 1, dropIn: false });

describe("the cache of active places", () => {
  test("gives back what was stored at the same version only", () => {
    const cache = new ActivePlacesCache();
    const places = [place("a")];
    cache.set("k", 3, places);
    assert.equal(cache.get("k", 3), places);
    assert.equal(cache.get("k", 4), null, "a newer version: stale");
    assert.equal(cache.get("other", 3), null);
  });

  test("keeps the most recently used entries up to its capacity", () => {
    const cache = new ActivePlacesCache(2);
    cache.set("a", 1, [place("a")]);
    cache.set("b", 1, [place("b")]);
    cache.get("a", 1);
    cache.set("c", 1, [place("c")]);
    assert.notEqual(cache.get("a", 1), null);
    assert.equal(cache.get("b", 1), null, "the least recently used goes");
    assert.notEqual(cache.get("c", 1), null);
  });

  test("the key is the day and the filters, in any order", () => {
    const key = activePlacesKey("2026-11-02", { services: ["b", "a"], employers: ["commune", "association"] });
    assert.equal(key, activePlacesKey("2026-11-02", { services: ["a", "b"], employers: ["association", "commune"] }));
    assert.notEqual(key, activePlacesKey("2026-11-03", { services: ["a", "b"], employers: ["association", "commune"] }));
  });
});

describe("active places reused until the data changes, whoever changes it", () => {
  let handle: DatabaseHandle;
  let deps: CoverageDeps;
  const noFilter = { services: [], employers: [] };
  const load = async (filters: Parameters<typeof loadCoverage>[1] = noFilter) => (await loadCoverage(deps, filters, false)).places;
  const hoursOf = (places: readonly CoveragePlace[], id: string) => places.find((p) => p.id === id)?.weeklyUnits;

  before(async () => {
    handle = await openTestDatabase("demo");
    deps = { db: handle.db, config: testConfig(), now: () => DEMO_NOW, activePlaces: new ActivePlacesCache() };
  });
  after(() => handle?.close());

  test("nothing changed: the same places, without reading them again", async () => {
    const first = await load();
    assert.ok(first.length > 10);
    assert.equal(await load(), first);
  });

  test("a write that changes nothing the coverage reads (a place's description) keeps them", async () => {
    const first = await load();
    await handle.db.updateTable("places").set({ description: "Nouvelle description" }).where("id", "=", (first[0] as CoveragePlace).id).execute();
    assert.equal(await load(), first);
  });

  test("a permanence's rhythm changed in the database: its place's hours are read again", async () => {
    const first = await load();
    const permanence = await handle.db
      .selectFrom("permanences")
      .select(["id", "place_id"])
      .where("every_weeks", "=", 1)
      .where("place_id", "in", first.map((p) => p.id))
      .executeTakeFirstOrThrow();
    await handle.db.updateTable("permanences").set({ every_weeks: 2 }).where("id", "=", permanence.id).execute();
    const second = await load();
    assert.notEqual(second, first);
    assert.ok((hoursOf(second, permanence.place_id) as number) < (hoursOf(first, permanence.place_id) as number));
  });

  test("an advisor who leaves, a place made private or moved: seen at the next load", async () => {
    const first = await load();
    const [a, b, c] = first as [CoveragePlace, CoveragePlace, CoveragePlace];
    await handle.db.updateTable("places").set({ is_public: false }).where("id", "=", a.id).execute();
    assert.equal((await load()).find((p) => p.id === a.id), undefined, "private");

    await handle.db.updateTable("places").set({ latitude: 44.5 }).where("id", "=", b.id).execute();
    assert.equal((await load()).find((p) => p.id === b.id)?.location.latitude, 44.5, "moved");

    const advisors = await handle.db.selectFrom("permanences").select("advisor_id").where("place_id", "=", c.id).execute();
    await handle.db.updateTable("advisors").set({ active: false }).where("id", "in", advisors.map((r) => r.advisor_id)).execute();
    assert.equal((await load()).find((p) => p.id === c.id), undefined, "its advisors left");
  });

  test("a structure's kind changed: the employer filter sees it", async () => {
    const communes = await load({ services: [], employers: ["commune"] });
    const other = await handle.db.selectFrom("structures").select(["id", "kind"]).where("kind", "!=", "commune").executeTakeFirstOrThrow();
    await handle.db.updateTable("structures").set({ kind: "commune" }).where("id", "=", other.id).execute();
    const after = await load({ services: [], employers: ["commune"] });
    assert.ok(after.length > communes.length, "the structure's places now count as a commune's");
  });

  test("a write rolled back leaves the version, and the places, as they were", async () => {
    const first = await load();
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await trx.updateTable("permanences").set({ every_weeks: 3 }).execute();
        throw new Error("rolled back");
      }),
    );
    assert.equal(await load(), first);
  });

  test("another day is another entry: validity dates are checked again", async () => {
    const today = await load();
    deps = { ...deps, now: () => new Date(DEMO_NOW.getTime() + 86_400_000) };
    const tomorrow = await load();
    assert.notEqual(tomorrow, today);
    deps = { ...deps, now: () => DEMO_NOW };
    assert.equal(await load(), today, "both days are kept");
  });

  test("folding the change marks keeps the version: the places stay valid", async () => {
    const first = await load();
    const before = await loadCoverageDataVersion(handle.db);
    assert.ok(before.unfolded > 0);
    await foldCoverageChanges(handle.db);
    const folded = await loadCoverageDataVersion(handle.db);
    assert.deepEqual(folded, { version: before.version, unfolded: 0 });
    assert.equal(await load(), first);
    await handle.db.updateTable("permanences").set({ every_weeks: 4 }).where("place_id", "=", (first[0] as CoveragePlace).id).execute();
    assert.equal((await loadCoverageDataVersion(handle.db)).version, before.version + 1, "counting goes on after a fold");
    assert.notEqual(await load(), first);
  });

  test("past 1,000 change marks, the next load folds them and the version stays the same", async () => {
    await sql`insert into coverage_changes select now() from generate_series(1, 1001)`.execute(handle.db);
    const marked = await loadCoverageDataVersion(handle.db);
    const places = await load();
    assert.deepEqual(await loadCoverageDataVersion(handle.db), { version: marked.version, unfolded: 0 });
    assert.equal(await load(), places);
  });
});
