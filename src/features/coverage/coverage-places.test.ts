// The places' summary (coverage_places) that an instance without a copy reads instead of the permanences: kept by
// the change marks' triggers, it must give exactly what the permanences give, after every kind of write, for the
// day it was made for and for any other; and the first request of a new day, brought up to date from the day
// before's copy, must equal a full read. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { testConfig } from "../../../test/support/app.ts";
import { openTestDatabase } from "../../../test/support/db.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { ActivePlacesCache } from "./active-places-cache.ts";
import { type ActivePlaceRecord, loadActivePlaces, loadActivePlacesFromPermanences, loadPlacesWithValidityChange, type PlaceFilter, refreshCoveragePlaces } from "./coverage.repository.ts";
import { type CoverageDeps, loadCoverage } from "./coverage.service.ts";
import type { CoveragePlace } from "./coverage.ts";

const DAY_MS = 86_400_000;
const demoDay = DEMO_NOW.toISOString().slice(0, 10);
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

class Rollback extends Error {}

describe("the places' summary kept by the triggers", () => {
  let handle: DatabaseHandle;
  /** The day the triggers make the summaries for: the database's Paris date. */
  let triggerDay: string;
  let filters: PlaceFilter[];
  before(async () => {
    handle = await openTestDatabase("demo");
    const { rows } = await sql<{ day: string }>`select coverage_places_today()::text as day`.execute(handle.db);
    triggerDay = (rows[0] as { day: string }).day;
    const served = await handle.db.selectFrom("places").select("services").where(sql<boolean>`cardinality(services) > 0`).executeTakeFirstOrThrow();
    filters = [
      { services: [], employers: [] },
      { services: served.services.slice(0, 1), employers: [] },
      { services: [], employers: ["commune", "association"] },
    ];
  });
  after(() => handle?.close());

  const summaryRows = () => handle.db.selectFrom("coverage_places").selectAll().orderBy("place_id").execute();

  /** The summary equals a recomputation from scratch, and every read equals the permanences' on any day. */
  const sameAfter = async (what: string, write: () => Promise<unknown>) => {
    await write();
    const kept = await summaryRows();
    let recomputed: unknown;
    await handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`select coverage_places_refresh(null, ${triggerDay}::date)`.execute(trx);
        recomputed = await trx.selectFrom("coverage_places").selectAll().orderBy("place_id").execute();
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    assert.deepEqual(kept, recomputed, `${what}: the summary as the triggers keep it`);
    for (const day of [triggerDay, demoDay, shift(triggerDay, 1), shift(triggerDay, -1), "2019-01-01", "2031-06-01"]) {
      for (const filter of filters) {
        assert.deepEqual(
          await loadActivePlaces(handle.db, day, filter),
          await loadActivePlacesFromPermanences(handle.db, day, filter),
          `${what}: ${day}, ${JSON.stringify(filter)}`,
        );
      }
    }
  };

  test("after each kind of write, for the day it was made for and any other", async () => {
    await sameAfter("as migrated", async () => {});
    assert.ok((await summaryRows()).length > 0, "the demo's places are in the summary");
    const places = await loadActivePlacesFromPermanences(handle.db, triggerDay, filters[0] as PlaceFilter);
    const [a, b, c, d, e] = places as [ActivePlaceRecord, ActivePlaceRecord, ActivePlaceRecord, ActivePlaceRecord, ActivePlaceRecord];
    const permanence = async (placeId: string) =>
      handle.db.selectFrom("permanences").select(["id", "advisor_id"]).where("place_id", "=", placeId).orderBy("id").executeTakeFirstOrThrow();
    await sameAfter("rhythm", () => handle.db.updateTable("permanences").set({ every_weeks: 3 }).where("place_id", "=", a.id).execute());
    await sameAfter("drop-in", async () => handle.db.updateTable("permanences").set({ mode: "drop_in" }).where("id", "=", (await permanence(b.id)).id).execute());
    await sameAfter("ends tomorrow", async () =>
      handle.db.updateTable("permanences").set({ valid_to: shift(triggerDay, 1) }).where("id", "=", (await permanence(c.id)).id).execute(),
    );
    await sameAfter("starts in a week", async () =>
      handle.db
        .updateTable("permanences")
        .set({ valid_from: shift(triggerDay, 7), valid_to: null })
        .where("id", "=", (await permanence(d.id)).id)
        .execute(),
    );
    const working = await permanence(e.id);
    await sameAfter("a new permanence, valid from tomorrow", () =>
      handle.db
        .insertInto("permanences")
        .values({ place_id: e.id, advisor_id: working.advisor_id, weekdays: [1, 3, 3], start_time: "14:00", end_time: "17:15", every_weeks: 2, valid_from: shift(triggerDay, 1), mode: "both" })
        .execute(),
    );
    await sameAfter("deleted", () => handle.db.deleteFrom("permanences").where("id", "=", working.id).execute());
    await sameAfter("moved, renamed", () => handle.db.updateTable("places").set({ latitude: 44.1, longitude: 0.9, name: "Ailleurs" }).where("id", "=", a.id).execute());
    await sameAfter("private", () => handle.db.updateTable("places").set({ is_public: false }).where("id", "=", b.id).execute());
    await sameAfter("public again", () => handle.db.updateTable("places").set({ is_public: true }).where("id", "=", b.id).execute());
    await sameAfter("services", () => handle.db.updateTable("places").set({ services: [] }).where("id", "=", c.id).execute());
    const other = await handle.db.selectFrom("structures").select(["id", "kind"]).where("kind", "=", "association").executeTakeFirst();
    if (other) await sameAfter("another structure", () => handle.db.updateTable("places").set({ structure_id: other.id }).where("id", "=", d.id).execute());
    const structure = await handle.db.selectFrom("places").select("structure_id").where("id", "=", e.id).executeTakeFirstOrThrow();
    await sameAfter("a structure's kind", () => handle.db.updateTable("structures").set({ kind: "partner" }).where("id", "=", structure.structure_id).execute());
    await sameAfter("an advisor leaving", () => handle.db.updateTable("advisors").set({ active: false }).where("id", "=", working.advisor_id).execute());
    await sameAfter("coming back", () => handle.db.updateTable("advisors").set({ active: true }).where("id", "=", working.advisor_id).execute());
    await sameAfter("a rolled-back write", () =>
      handle.db
        .transaction()
        .execute(async (trx) => {
          await trx.deleteFrom("permanences").execute();
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        }),
    );
  });

  test("two transactions adding permanences to the same place at once: the summary counts both", async () => {
    const [place] = await loadActivePlacesFromPermanences(handle.db, triggerDay, filters[0] as PlaceFilter);
    const id = (place as ActivePlaceRecord).id;
    const { advisor_id } = await handle.db.selectFrom("permanences").select("advisor_id").where("place_id", "=", id).executeTakeFirstOrThrow();
    const values = (start: string) => ({ place_id: id, advisor_id, weekdays: [2], start_time: start, end_time: "19:00", valid_from: "2020-01-01", mode: "both" as const });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted = () => {};
    const firstInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const first = handle.db.transaction().execute(async (trx) => {
      await trx.insertInto("permanences").values(values("18:00")).execute();
      inserted();
      await gate;
    });
    await firstInserted;
    // The second waits for the first's lock on the place (PostgreSQL) or for its turn (PGlite), then commits after it.
    const second = handle.db.transaction().execute(async (trx) => {
      await trx.insertInto("permanences").values(values("17:00")).execute();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([first, second]);
    await sameAfter("two at once", async () => {});
  });

  test("summaries made for another day are brought up to date, once", async () => {
    const day = shift(triggerDay, 45);
    const refreshed = await refreshCoveragePlaces(handle.db, day);
    assert.equal(await refreshCoveragePlaces(handle.db, day), 0, "nothing left to bring up to date");
    const { rows } = await sql<{ stale: number }>`select count(*)::int as stale from coverage_places where valid_since > ${day}::date or valid_until < ${day}::date`.execute(
      handle.db,
    );
    assert.equal((rows[0] as { stale: number }).stale, 0);
    assert.ok(refreshed >= 0);
    for (const filter of filters) assert.deepEqual(await loadActivePlaces(handle.db, day, filter), await loadActivePlacesFromPermanences(handle.db, day, filter));
    await sql`select coverage_places_refresh(null, ${triggerDay}::date)`.execute(handle.db);
  });

  test("a truncate empties it", async () => {
    await sql`truncate permanences cascade`.execute(handle.db);
    assert.deepEqual(await summaryRows(), []);
    assert.deepEqual(await loadActivePlaces(handle.db, triggerDay, filters[0] as PlaceFilter), []);
  });
});

describe("the first request of a day, from the day before's copy", () => {
  let handle: DatabaseHandle;
  let kept: CoverageDeps;
  const noFilter = { services: [], employers: [] };
  const on = (deps: CoverageDeps, day: string): CoverageDeps => ({ ...deps, now: () => new Date(`${day}T09:00:00Z`) });

  before(async () => {
    handle = await openTestDatabase("demo");
    kept = { db: handle.db, config: testConfig(), now: () => DEMO_NOW, activePlaces: new ActivePlacesCache() };
  });
  after(() => handle?.close());

  /** The instance that kept yesterday's copy and one without a copy give the same places and figures. */
  const sameOn = async (day: string) => {
    const updated = await loadCoverage(on(kept, day), noFilter, false);
    const full = await loadCoverage(on({ ...kept, activePlaces: new ActivePlacesCache() }, day), noFilter, false);
    assert.deepEqual(updated.places, full.places, `${day}: the places`);
    assert.deepEqual(updated.coverage, full.coverage, `${day}: the coverage`);
    return updated;
  };

  test("permanences that start or end overnight, and a change written the same night", async () => {
    const before = await loadCoverage(kept, noFilter, false);
    const [a, b, c] = before.places as [CoveragePlace, CoveragePlace, CoveragePlace];
    const next = shift(demoDay, 1);
    const first = async (placeId: string) => handle.db.selectFrom("permanences").select(["id", "advisor_id"]).where("place_id", "=", placeId).orderBy("id").executeTakeFirstOrThrow();
    const ending = await first(a.id);
    await handle.db.updateTable("permanences").set({ valid_to: demoDay }).where("id", "=", ending.id).execute();
    await handle.db
      .insertInto("permanences")
      .values({ place_id: b.id, advisor_id: ending.advisor_id, weekdays: [5], start_time: "09:00", end_time: "12:00", valid_from: next, mode: "drop_in" })
      .execute();
    await loadCoverage(kept, noFilter, false);
    await handle.db.updateTable("places").set({ name: "Renommé la nuit" }).where("id", "=", c.id).execute();
    const overnight = await loadPlacesWithValidityChange(handle.db, demoDay, next, 100);
    assert.ok(overnight.includes(a.id) && overnight.includes(b.id), "the places whose permanences end or start overnight");
    assert.ok(!overnight.includes(c.id));

    const updated = await sameOn(next);
    const untouched = before.places.find((p) => ![a.id, b.id, c.id].includes(p.id)) as CoveragePlace;
    assert.equal(
      updated.places.find((p) => p.id === untouched.id),
      before.places.find((p) => p.id === untouched.id),
      "only the places whose validity changed, or that a mark names, were read again",
    );
    await sameOn(shift(demoDay, 400));
    await sameOn(shift(demoDay, -30));
    await sameOn(demoDay);
  });
});
