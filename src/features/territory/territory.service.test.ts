import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/support/db.ts";
import { type GeoApiDouble, startGeoApiDouble } from "../../../test/support/geo-api-double.ts";
import { FIXTURES } from "../../../test/support/templates.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import type { OfficialCommune } from "./official-geography.ts";
import { describeDegradation, getTerritoryStatus, syncTerritory } from "./territory.service.ts";
import { fileTerritorySource, geoApiTerritorySource, parseCentresCsv, type TerritorySource } from "./territory.sources.ts";
import { centreFromFormerCommunes } from "./territory.ts";

const NOW = new Date("2026-11-02T09:00:00Z");
const CENTRES_CSV = join(FIXTURES, "communes-centres-2018.csv");
const csvText = readFileSync(CENTRES_CSV, "utf8");
const officialCommunes = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/data/communes.json"), "utf8"),
) as OfficialCommune[];

/** What the official code and the 2018 file say about a département, computed independently of the loader. */
function expected(departement: string) {
  const current = officialCommunes.filter((c) => c.type === "commune-actuelle" && c.departement === departement);
  const centres2018 = parseCentresCsv(csvText, departement);
  const mergedSince2018 = current.filter((c) => !centres2018.has(c.code) && (c.anciensCodes ?? []).some((a) => centres2018.has(a)));
  const unknown = current.filter((c) => !centres2018.has(c.code) && !(c.anciensCodes ?? []).some((a) => centres2018.has(a)));
  return { count: current.length, mergedSince2018: mergedSince2018.map((c) => c.code), unknown: unknown.map((c) => c.code), centres2018 };
}

describe("synchronising the territory of a département", () => {
  let handle: DatabaseHandle;
  let api: GeoApiDouble;
  before(async () => {
    handle = await openTestDatabase("bare");
    api = await startGeoApiDouble();
  });
  after(async () => {
    await api.close();
    await handle.close();
  });

  const communesOf = (departement: string) =>
    handle.db.selectFrom("communes").selectAll().where("departement", "=", departement).orderBy("code").execute();

  test("Lot-et-Garonne from the bundled files: 319 communes, each with a centre and a boundary", async () => {
    const source = fileTerritorySource(CENTRES_CSV, join(FIXTURES, "communes-47.geojson"));
    const status = await syncTerritory(handle.db, "47", source, NOW);
    assert.equal(status.communes, 319);
    assert.deepEqual(status.withoutCentre, []);
    assert.equal(status.withoutBoundary, 0);
    assert.equal(status.sourceError, null);
    assert.deepEqual(describeDegradation(status), []);
    assert.deepEqual(await getTerritoryStatus(handle.db), status);

    const rows = await communesOf("47");
    assert.equal(rows.length, 319);
    assert.ok(rows.every((c) => c.latitude !== null && c.longitude !== null && c.boundary !== null));
    assert.ok(rows.every((c) => c.latitude! > 43.9 && c.latitude! < 44.8 && c.longitude! > -0.2 && c.longitude! < 1.1));

    const villeneuve = rows.find((c) => c.code === "47323");
    assert.ok(villeneuve);
    assert.equal(villeneuve.name, "Villeneuve-sur-Lot");
    assert.deepEqual(villeneuve.postcodes, ["47300"]);
    assert.ok(villeneuve.epci_code);
    const epci = await handle.db.selectFrom("epcis").selectAll().where("code", "=", villeneuve.epci_code).executeTakeFirst();
    assert.equal(epci?.name, "CA du Grand Villeneuvois");
    assert.equal((villeneuve.boundary as { type: string }).type, "Polygon");
  });

  for (const departement of ["2B", "64", "69"]) {
    test(`département ${departement} from the 2018 centres file alone: every current commune, merged ones placed, no boundary`, async () => {
      const want = expected(departement);
      const status = await syncTerritory(handle.db, departement, fileTerritorySource(CENTRES_CSV, null), NOW);
      const rows = await communesOf(departement);
      assert.equal(rows.length, want.count);
      assert.equal(status.communes, want.count);

      for (const code of want.mergedSince2018) {
        const row = rows.find((c) => c.code === code);
        assert.equal(row?.centre_source, "former_codes", `${code} is placed from its former communes`);
        assert.notEqual(row?.latitude, null);
      }
      assert.deepEqual(status.withoutCentre.map((c) => c.code).sort(), want.unknown.sort());
      assert.equal(rows.filter((c) => c.latitude === null).length, want.unknown.length);

      assert.equal(status.withoutBoundary, want.count);
      assert.ok(rows.every((c) => c.boundary === null));
      assert.ok(describeDegradation(status).some((note) => /contours des communes ne sont pas chargés/.test(note)));
    });
  }

  test("the Rhône commune nouvelle Porte des Pierres Dorées (69114, new code) is placed between its former communes", async () => {
    assert.deepEqual(expected("69").mergedSince2018, ["69114"]);
    const row = await handle.db.selectFrom("communes").selectAll().where("code", "=", "69114").executeTakeFirstOrThrow();
    const centres = expected("69").centres2018;
    const mean = centreFromFormerCommunes([{ centre: centres.get("69101")! }, { centre: centres.get("69159")! }]);
    assert.deepEqual({ latitude: row.latitude, longitude: row.longitude }, mean);
  });

  test("Lacq, which kept its code when it absorbed Urdès in 2019, is placed between both, not on old Lacq", async () => {
    const centres = expected("64").centres2018;
    const row = await handle.db.selectFrom("communes").selectAll().where("code", "=", "64300").executeTakeFirstOrThrow();
    const mean = centreFromFormerCommunes([{ centre: centres.get("64300")! }, { centre: centres.get("64541")! }]);
    assert.equal(row.centre_source, "former_codes");
    assert.deepEqual({ latitude: row.latitude, longitude: row.longitude }, mean);
  });

  test("when the source fails, communes are still stored without position and the failure is explained", async () => {
    const failing: TerritorySource = {
      describe: () => "a broken source",
      load: async () => {
        throw new Error("connection refused");
      },
    };
    const status = await syncTerritory(handle.db, "2A", failing, NOW);
    const rows = await communesOf("2A");
    assert.equal(rows.length, expected("2A").count);
    assert.ok(rows.every((c) => c.latitude === null && c.longitude === null && c.centre_source === null));
    assert.equal(status.sourceError, "connection refused");
    assert.equal(status.source, "a broken source");
    assert.equal(status.withoutCentre.length, rows.length);
    assert.equal(status.keptFromPreviousSync, undefined);

    const notes = describeDegradation(status);
    assert.match(notes[0]!, /positions des communes n'ont pas pu être chargées \(connection refused\)/);
    assert.ok(notes.some((note) => note.startsWith(`${rows.length} commune(s) sans position connue`)));
    assert.ok(notes.some((note) => /contours/.test(note)));
  });

  test("synchronising twice gives the same communes and EPCIs, without duplicates", async () => {
    const source = fileTerritorySource(CENTRES_CSV, join(FIXTURES, "communes-47.geojson"));
    const count = async () =>
      handle.db
        .selectFrom("communes")
        .select([sql<number>`count(*)::int`.as("rows"), sql<number>`count(distinct code)::int`.as("codes")])
        .executeTakeFirstOrThrow();
    const epcis = async () => (await handle.db.selectFrom("epcis").select("code").orderBy("code").execute()).map((e) => e.code);
    const beforeCount = await count();
    const beforeEpcis = await epcis();
    const first = await syncTerritory(handle.db, "47", source, NOW);
    const later = new Date(NOW.getTime() + 86_400_000);
    const second = await syncTerritory(handle.db, "47", source, later);
    assert.deepEqual({ ...second, syncedAt: first.syncedAt }, first);
    assert.deepEqual(await count(), beforeCount);
    assert.equal(beforeCount.rows, beforeCount.codes);
    assert.deepEqual(await epcis(), beforeEpcis);
    const agen = await handle.db.selectFrom("communes").selectAll().where("code", "=", "47001").executeTakeFirstOrThrow();
    assert.equal(new Date(agen.synced_at).toISOString(), later.toISOString());
  });

  test("a failed source on a later sync keeps the boundaries stored before", async () => {
    const failing: TerritorySource = { describe: () => "down", load: () => Promise.reject(new Error("down")) };
    const status = await syncTerritory(handle.db, "47", failing, NOW);
    assert.equal(status.withoutBoundary, 0);
    assert.equal(status.keptFromPreviousSync, 319);
    const agen = await handle.db.selectFrom("communes").selectAll().where("code", "=", "47001").executeTakeFirstOrThrow();
    assert.equal(agen.centre_source, "file");
    assert.equal((agen.boundary as { type: string }).type, "Polygon");
    assert.ok(!describeDegradation(status).some((note) => /contours/.test(note)));
  });

  test("Gironde through the geographic API: every commune placed by the API, the request as documented", async () => {
    api.mode = "ok";
    api.requests.length = 0;
    const status = await syncTerritory(handle.db, "33", geoApiTerritorySource(api.baseUrl, 5000), NOW);
    assert.deepEqual(
      api.requests.map((r) => r.url),
      ["/departements/33/communes?fields=code,centre,contour&format=json"],
    );
    const rows = await communesOf("33");
    assert.equal(rows.length, expected("33").count);
    assert.equal(status.sourceError, null);
    assert.deepEqual(status.withoutCentre, []);
    assert.ok(rows.every((c) => c.centre_source === "api"));
    assert.match(status.source, /^API http:\/\/127\.0\.0\.1:/);
  });

  test("a geographic API that hangs on a later sync gives up quickly and keeps the positions loaded before", async () => {
    const stored = await communesOf("33");
    api.mode = "hang";
    const started = Date.now();
    const status = await syncTerritory(handle.db, "33", geoApiTerritorySource(api.baseUrl, 200), NOW);
    assert.ok(Date.now() - started < 5000);
    assert.match(status.sourceError ?? "", /no answer within 200 ms/);
    assert.equal(status.communes, expected("33").count);
    assert.equal(status.keptFromPreviousSync, status.communes);
    assert.deepEqual(status.withoutCentre, []);
    assert.deepEqual(
      (await communesOf("33")).map((c) => [c.code, c.latitude, c.longitude, c.centre_source]),
      stored.map((c) => [c.code, c.latitude, c.longitude, c.centre_source]),
    );
    const [note] = describeDegradation(status);
    assert.match(note ?? "", /n'ont pas pu être chargées \(.*no answer within 200 ms\)/);
    assert.match(note ?? "", new RegExp(`Celles de ${status.communes} commune\\(s\\) ont été conservées`));
  });
});
