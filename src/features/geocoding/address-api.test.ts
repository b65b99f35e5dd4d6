import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addressApiGeocoder, addressApiUrl, parseAddressApiAnswer } from "./address-api.ts";
import { type AddressApiDouble, startAddressApiDouble } from "./address-api-double.ts";

const feature = (coordinates: unknown, score: unknown) => ({ features: [{ geometry: { coordinates }, properties: { score } }] });

describe("reading the national address API's answer", () => {
  test("the first feature's coordinates are read as longitude, latitude", () => {
    assert.deepEqual(parseAddressApiAnswer(feature([0.6176, 44.2033], 0.92)), { latitude: 44.2033, longitude: 0.6176, score: 0.92 });
  });

  test("a weak, empty or malformed answer gives nothing", () => {
    assert.equal(parseAddressApiAnswer(feature([0.6, 44.2], 0.49)), null);
    assert.equal(parseAddressApiAnswer({ features: [] }), null);
    assert.equal(parseAddressApiAnswer(feature(["a", 44], 0.9)), null);
    assert.equal(parseAddressApiAnswer(feature([0.6, 144], 0.9)), null);
    assert.equal(parseAddressApiAnswer("nope"), null);
    assert.equal(parseAddressApiAnswer(null), null);
  });

  test("the query keeps the search inside the commune and asks for one result", () => {
    const url = new URL(addressApiUrl("https://api-adresse.data.gouv.fr", { address: "8 rue Voltaire", postcode: "47000", communeCode: "47001" }));
    assert.equal(url.pathname, "/search/");
    assert.equal(url.searchParams.get("q"), "8 rue Voltaire 47000");
    assert.equal(url.searchParams.get("citycode"), "47001");
    assert.equal(url.searchParams.get("limit"), "1");
  });
});

describe("the address API client against a local double", () => {
  let double: AddressApiDouble;
  before(async () => {
    double = await startAddressApiDouble();
    double.known.push({ citycode: "47001", contains: "rue voltaire", latitude: 44.2, longitude: 0.62, score: 0.9 });
  });
  after(() => double.close());

  test("a known address is found; an unknown one is not", async () => {
    // A generous timeout: on a loaded machine the double may take a while to answer.
    const geocoder = addressApiGeocoder(double.baseUrl, 10_000);
    assert.deepEqual(await geocoder.geocode({ address: "8 rue Voltaire", communeCode: "47001" }), { latitude: 44.2, longitude: 0.62, score: 0.9 });
    assert.equal(await geocoder.geocode({ address: "8 rue Inconnue", communeCode: "47001" }), null);
  });

  test("a failing or silent service gives nothing, within the timeout", async () => {
    const geocoder = addressApiGeocoder(double.baseUrl, 300);
    double.mode = "error";
    assert.equal(await geocoder.geocode({ address: "8 rue Voltaire", communeCode: "47001" }), null);
    double.mode = "hang";
    // The double never answers: only the client's own timeout can end this call.
    assert.equal(await geocoder.geocode({ address: "8 rue Voltaire", communeCode: "47001" }), null);
    double.mode = "ok";
  });
});
