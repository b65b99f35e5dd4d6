import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { centreFromFormerCommunes, haversineKm, round5, searchKey } from "./territory.ts";

const AGEN = { latitude: 44.20284, longitude: 0.62575 };
const VILLENEUVE_SUR_LOT = { latitude: 44.42477, longitude: 0.7421 };

describe("search keys: how a typed name is compared with commune names", () => {
  test("accents and capitals are ignored", () => {
    assert.equal(searchKey("Agen"), "agen");
    assert.equal(searchKey("AGÉN"), "agen");
    assert.equal(searchKey("agén"), "agen");
    assert.equal(searchKey("Saint-Étienne-de-Fougères"), "saint etienne de fougeres");
    assert.equal(searchKey("Sérignac-sur-Garonne"), searchKey("SERIGNAC SUR GARONNE"));
  });

  test("hyphens, apostrophes (straight or curly) and repeated spaces count as one space", () => {
    assert.equal(searchKey("Penne-d'Agenais"), "penne d agenais");
    assert.equal(searchKey("Penne-d’Agenais"), "penne d agenais");
    assert.equal(searchKey("  L'Oie  "), "l oie");
    assert.equal(searchKey("villeneuve  --  sur   lot"), "villeneuve sur lot");
  });

  test("'St' and 'Ste' written as words find Saint and Sainte", () => {
    assert.equal(searchKey("St-Sylvestre-sur-Lot"), "saint sylvestre sur lot");
    assert.equal(searchKey("ste livrade"), "sainte livrade");
    assert.ok(searchKey("Sainte-Livrade-sur-Lot").startsWith(searchKey("ste livrade")));
    assert.equal(searchKey("STE. Colombe"), "sainte colombe");
  });

  test("'st' inside a word is left alone", () => {
    assert.equal(searchKey("Stade"), "stade");
    assert.equal(searchKey("Estillac"), "estillac");
    assert.equal(searchKey("Steenvoorde"), "steenvoorde");
  });

  test("the ligatures œ and æ are spelled out", () => {
    assert.equal(searchKey("Œuilly"), "oeuilly");
    assert.equal(searchKey("Sainte-Marie-du-Cœur"), "sainte marie du coeur");
    assert.equal(searchKey("Lætitia"), "laetitia");
  });

  test("punctuation alone gives an empty key", () => {
    assert.equal(searchKey(""), "");
    assert.equal(searchKey(" - ' , "), "");
  });

  test("on any text, the key holds only lowercase letters, digits and single spaces, and is stable", () => {
    // A tiny deterministic generator instead of a property-testing library.
    let seed = 47;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = "aAeéÉèêëiïîoôœŒuùûüçÇæÆ'’-  .,;_/()0123456789stSTeEzZß";
    for (let run = 0; run < 500; run++) {
      const length = next() % 30;
      const text = Array.from({ length }, () => alphabet[next() % alphabet.length]).join("");
      const key = searchKey(text);
      assert.match(key, /^([a-z0-9]+( [a-z0-9]+)*)?$/, `key of ${JSON.stringify(text)}`);
      assert.equal(searchKey(key), key, `key of ${JSON.stringify(text)} is stable`);
    }
  });
});

describe("centre of a commune merged from former communes", () => {
  test("is the mean of the former centres", () => {
    const centre = centreFromFormerCommunes([
      { centre: { latitude: 44, longitude: 0.5 } },
      { centre: { latitude: 45, longitude: 1.5 } },
    ]);
    assert.deepEqual(centre, { latitude: 44.5, longitude: 1 });
  });

  test("leans towards the heavier former commune when weights are known", () => {
    const centre = centreFromFormerCommunes([
      { centre: { latitude: 44, longitude: 0 }, weight: 3 },
      { centre: { latitude: 48, longitude: 4 }, weight: 1 },
    ]);
    assert.deepEqual(centre, { latitude: 45, longitude: 1 });
  });

  test("is rounded to five decimals (about a metre)", () => {
    const centre = centreFromFormerCommunes([
      { centre: { latitude: 44.123456, longitude: 0.1 } },
      { centre: { latitude: 44.123457, longitude: 0.2 } },
    ]);
    assert.deepEqual(centre, { latitude: 44.12346, longitude: 0.15 });
    assert.equal(round5(1.234564), 1.23456);
  });

  test("is unknown without former centres or with no weight at all", () => {
    assert.equal(centreFromFormerCommunes([]), null);
    assert.equal(centreFromFormerCommunes([{ centre: AGEN, weight: 0 }]), null);
  });
});

describe("distance as the crow flies", () => {
  test("Agen to Villeneuve-sur-Lot is about 26 km", () => {
    const km = haversineKm(AGEN, VILLENEUVE_SUR_LOT);
    assert.ok(km > 25.5 && km < 27, `got ${km}`);
  });

  test("one degree of latitude is about 111.2 km", () => {
    const km = haversineKm({ latitude: 44, longitude: 0.5 }, { latitude: 45, longitude: 0.5 });
    assert.ok(Math.abs(km - 111.2) < 0.1, `got ${km}`);
  });

  test("is the same both ways and zero from a place to itself", () => {
    assert.equal(haversineKm(AGEN, VILLENEUVE_SUR_LOT), haversineKm(VILLENEUVE_SUR_LOT, AGEN));
    assert.equal(haversineKm(AGEN, AGEN), 0);
  });

  test("stays finite for antipodes", () => {
    const km = haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    assert.ok(Math.abs(km - Math.PI * 6371.0088) < 1e-6, `got ${km}`);
  });
});
