import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type GeoApiDouble, startGeoApiDouble } from "../../../test/support/geo-api-double.ts";
import { FIXTURES } from "../../../test/support/templates.ts";
import { fileTerritorySource, geoApiTerritorySource, parseBoundaries, parseCentresCsv } from "./territory.sources.ts";

const CSV = [
  "code_insee,nom,departement,latitude,longitude",
  "47001,Agen,47,44.20284,0.62575",
  "47323,Villeneuve-sur-Lot,47,44.42477,0.74210",
  "33063,Bordeaux,33,44.85725,-0.57363",
  "2A004,Ajaccio,2A,41.9272,8.7346",
].join("\n");

describe("reading commune centres from a CSV file", () => {
  test("keeps only the communes of the département asked for", () => {
    const centres = parseCentresCsv(CSV, "47");
    assert.deepEqual([...centres.keys()], ["47001", "47323"]);
    assert.deepEqual(centres.get("47001"), { latitude: 44.20284, longitude: 0.62575 });
    assert.deepEqual([...parseCentresCsv(CSV, "2A").keys()], ["2A004"]);
  });

  test("columns may come in any order, with Windows line endings and a byte-order mark", () => {
    const text = "\uFEFFlatitude,longitude,departement,nom,code_insee\r\n44.20284,0.62575,47,Agen,47001\r\n44.85725,-0.57363,33,Bordeaux,33063\r\n";
    assert.deepEqual([...parseCentresCsv(text, "47").entries()], [["47001", { latitude: 44.20284, longitude: 0.62575 }]]);
  });

  test("without a département column, the département is read from the code", () => {
    const text = "code_insee,latitude,longitude\n47001,44.2,0.6\n2A004,41.9,8.7\n97101,16.2,-61.5\n";
    assert.deepEqual([...parseCentresCsv(text, "47").keys()], ["47001"]);
    assert.deepEqual([...parseCentresCsv(text, "2A").keys()], ["2A004"]);
    assert.deepEqual([...parseCentresCsv(text, "971").keys()], ["97101"]);
  });

  test("a name in quotes may hold a comma", () => {
    const text = 'code_insee,nom,departement,latitude,longitude\n47001,"Agen, préfecture",47,44.2,0.6\n';
    assert.deepEqual(parseCentresCsv(text, "47").get("47001"), { latitude: 44.2, longitude: 0.6 });
  });

  test("rows without a usable position are skipped, never placed at 0,0", () => {
    const text = [
      "code_insee,nom,departement,latitude,longitude",
      "47001,Agen,47,44.2,0.6",
      "47002,Sans Latitude,47,,0.6",
      "47003,Vide,47,,",
      "47004,Texte,47,nord,est",
      "47005,Hors Terre,47,95,0.6",
      "47006,Coupée,47",
      "",
      ",Sans Code,47,44.2,0.6",
    ].join("\n");
    assert.deepEqual([...parseCentresCsv(text, "47").keys()], ["47001"]);
  });

  test("a file without the expected columns is refused with an explanation", () => {
    assert.throws(() => parseCentresCsv("insee;lat;lon\n47001;44.2;0.6", "47"), /expected columns code_insee, latitude, longitude/);
  });
});

describe("reading commune boundaries from GeoJSON", () => {
  const square = { type: "Polygon", coordinates: [[[0, 44], [1, 44], [1, 45], [0, 44]]] };
  const multi = { type: "MultiPolygon", coordinates: [[[[0, 44], [1, 44], [1, 45], [0, 44]]]] };

  test("keeps polygons of the département by INSEE code, ignoring other shapes and other départements", () => {
    const boundaries = parseBoundaries(
      {
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: { code: "47001", nom: "Agen" }, geometry: square },
          { type: "Feature", properties: { code: "47323" }, geometry: multi },
          { type: "Feature", properties: { code: "47002" }, geometry: { type: "Point", coordinates: [0, 44] } },
          { type: "Feature", properties: { code: "47003" }, geometry: null },
          { type: "Feature", properties: {}, geometry: square },
          { type: "Feature", properties: { code: "33063" }, geometry: square },
        ],
      },
      "47",
    );
    assert.deepEqual([...boundaries.keys()], ["47001", "47323"]);
    assert.deepEqual(boundaries.get("47323"), multi);
  });

  test("anything that is not a feature collection gives no boundary", () => {
    assert.equal(parseBoundaries({}, "47").size, 0);
    assert.equal(parseBoundaries({ features: "none" }, "47").size, 0);
  });

  test("the bundled files give all 319 communes of Lot-et-Garonne a centre and a boundary", async () => {
    const source = fileTerritorySource(join(FIXTURES, "communes-centres-2018.csv"), join(FIXTURES, "communes-47.geojson"));
    const data = await source.load("47");
    assert.equal(data.source, "file");
    assert.equal(data.centres.size, 319);
    assert.equal(data.boundaries.size, 319);
    assert.match(source.describe(), /communes-centres-2018\.csv, .*communes-47\.geojson/);
  });
});

describe("loading centres and boundaries from the geographic API", () => {
  let api: GeoApiDouble;
  before(async () => {
    api = await startGeoApiDouble();
  });
  after(async () => {
    await api.close();
  });

  test("asks for the département's communes with their centre and contour, as JSON", async () => {
    api.mode = "ok";
    api.requests.length = 0;
    const data = await geoApiTerritorySource(api.baseUrl, 5000).load("47");
    assert.equal(api.requests.length, 1);
    const requested = new URL(api.requests[0]!.url, "http://x");
    assert.equal(requested.pathname, "/departements/47/communes");
    assert.equal(requested.searchParams.get("fields"), "code,centre,contour");
    assert.equal(requested.searchParams.get("format"), "json");
    assert.equal(api.requests[0]!.accept, "application/json");
    assert.equal(data.source, "api");
    assert.equal(data.centres.size, 319);
    assert.equal(data.boundaries.size, 319);
  });

  test("reads the API's [longitude, latitude] points the right way round", async () => {
    api.mode = "ok";
    const data = await geoApiTerritorySource(api.baseUrl, 5000).load("47");
    assert.deepEqual(data.centres.get("47001"), { latitude: 44.20284, longitude: 0.62575 });
    assert.equal(data.boundaries.get("47001")?.type, "Polygon");
  });

  test("asks for Corsican départements by their code", async () => {
    api.mode = "ok";
    api.requests.length = 0;
    const data = await geoApiTerritorySource(api.baseUrl, 5000).load("2A");
    assert.equal(new URL(api.requests[0]!.url, "http://x").pathname, "/departements/2A/communes");
    assert.equal(data.centres.size, 124);
    assert.equal(data.boundaries.size, 0);
  });

  test("an API error is reported with its status", async () => {
    api.mode = "error";
    await assert.rejects(geoApiTerritorySource(api.baseUrl, 5000).load("47"), /geographic API .*\/departements\/47\/communes.*answered 500/);
  });

  test("an API that does not answer is given up after the timeout", async () => {
    api.mode = "hang";
    const started = Date.now();
    await assert.rejects(geoApiTerritorySource(api.baseUrl, 200).load("47"), /no answer within 200 ms/);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 150 && elapsed < 2000, `gave up after ${elapsed} ms`);
  });

  test("an unreachable API is reported, not thrown as a bare network error", async () => {
    const closed = await startGeoApiDouble();
    const url = closed.baseUrl;
    await closed.close();
    await assert.rejects(geoApiTerritorySource(url, 2000).load("47"), /geographic API http:\/\/127\.0\.0\.1:\d+\/departements\/47/);
  });
});
