import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import { FIXTURES } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { forgetSearchableCommunes, searchCommunes } from "./commune-search.service.ts";
import { syncTerritory } from "./territory.service.ts";
import { fileTerritorySource } from "./territory.sources.ts";

describe("the communes a search reads", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("demo");
  });
  after(() => handle.close());

  const agenPopulation = async () => (await searchCommunes(handle.db, "47", "Agen", 1)).matches[0]?.population;
  const setAgenPopulation = (population: number) => handle.db.updateTable("communes").set({ population }).where("code", "=", "47001").execute();

  test("are kept between searches, and read again once forgotten", async () => {
    const official = await agenPopulation();
    await setAgenPopulation(1);
    assert.equal(await agenPopulation(), official, "kept: the change is not read yet");
    forgetSearchableCommunes(handle.db);
    assert.equal(await agenPopulation(), 1);
  });

  test("are read again after a territory sync in this process", async () => {
    await setAgenPopulation(2);
    forgetSearchableCommunes(handle.db);
    assert.equal(await agenPopulation(), 2);
    await syncTerritory(handle.db, "47", fileTerritorySource(join(FIXTURES, "communes-centres-2018.csv"), join(FIXTURES, "communes-47.geojson")), new Date());
    assert.ok(((await agenPopulation()) ?? 0) > 30_000, "the official population, written by the sync");
  });
});
