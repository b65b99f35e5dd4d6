import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { toParis } from "../../calendar/paris-time.ts";
import { haversineKm } from "../../territory/territory.ts";
import { describeNextOpening } from "../availability.ts";
import type { Opening } from "../openings/openings.ts";
import {
  boundingBox,
  EMPTY_SEARCH,
  formatDistance,
  nextOpeningSentence,
  openWindow,
  parseSearchParams,
  searchQuery,
  widerRadii,
} from "./search.ts";

function fieldsOf(raw: Record<string, string | string[]>): string[] {
  return parseSearchParams(raw).errors.map((e) => e.field);
}

describe("search parameters", () => {
  test("with no parameter, the search is every place within 20 km, first page", () => {
    assert.deepEqual(parseSearchParams({}), { params: EMPTY_SEARCH, errors: [] });
  });

  test("every parameter is read, repeatable ones once each", () => {
    const { params, errors } = parseSearchParams({
      commune: "47052",
      rayon_km: "30",
      service: ["aide-aux-demarches-administratives", "aide-aux-demarches-administratives", "loisirs-et-creations-numeriques"],
      ouvert: "2026-12-03",
      modalite: "sans-rdv",
      gratuit: "1",
      accompagnement: "surdite",
      public: ["seniors", "jeunes"],
      distance: "1",
      page: "2",
    });
    assert.deepEqual(errors, []);
    assert.equal(params.commune, "47052");
    assert.equal(params.radiusKm, 30);
    assert.deepEqual(params.services, ["aide-aux-demarches-administratives", "loisirs-et-creations-numeriques"]);
    assert.deepEqual(params.open, { kind: "date", date: "2026-12-03" });
    assert.equal(params.modality, "sans-rdv");
    assert.equal(params.free, true);
    assert.deepEqual(params.support, ["surdite"]);
    assert.deepEqual(params.publics, ["seniors", "jeunes"]);
    assert.equal(params.remote, true);
    assert.equal(params.page, 2);
  });

  test("a position is two decimal numbers, latitude and longitude", () => {
    const { params } = parseSearchParams({ lat: "44.2", lon: "0.62" });
    assert.equal(params.lat, 44.2);
    assert.equal(params.lon, 0.62);
  });

  test("each bad parameter is named, all at once", () => {
    assert.deepEqual(fieldsOf({ rayon_km: "abc", lat: "44.2", service: "inconnu", ouvert: "2026-02-30" }), ["lon", "rayon_km", "service", "ouvert"]);
    assert.deepEqual(fieldsOf({ lon: "0.6" }), ["lat"]);
    assert.deepEqual(fieldsOf({ lat: "95", lon: "0" }), ["lat"]);
    assert.deepEqual(fieldsOf({ commune: "47052", lat: "44", lon: "0" }), ["commune"]);
    assert.deepEqual(fieldsOf({ commune: "Agen" }), ["commune"]);
    assert.deepEqual(fieldsOf({ rayon_km: "0" }), ["rayon_km"]);
    assert.deepEqual(fieldsOf({ rayon_km: "101" }), ["rayon_km"]);
    assert.deepEqual(fieldsOf({ ouvert: "demain", modalite: "parfois", gratuit: "oui", distance: "2", page: "0" }), [
      "ouvert",
      "modalite",
      "gratuit",
      "distance",
      "page",
    ]);
    assert.deepEqual(fieldsOf({ accompagnement: "x", public: "y" }), ["accompagnement", "public"]);
  });

  test("messages are in French and say what is expected", () => {
    const [error] = parseSearchParams({ rayon_km: "abc" }).errors;
    assert.equal(error?.message, "La distance est un nombre entier de kilomètres, de 1 à 100.");
  });

  test("empty form fields count as not given", () => {
    assert.deepEqual(parseSearchParams({ q: "", ouvert: "", modalite: "", rayon_km: "20" }), { params: EMPTY_SEARCH, errors: [] });
  });

  test("the URL of a search gives back the same search, defaults left out", () => {
    const { params } = parseSearchParams({ commune: "47001", rayon_km: "50", service: ["loisirs-et-creations-numeriques"], ouvert: "maintenant", public: "seniors", page: "3" });
    const query = searchQuery(params);
    assert.equal(query, "?commune=47001&rayon_km=50&service=loisirs-et-creations-numeriques&ouvert=maintenant&public=seniors&page=3");
    assert.deepEqual(parseSearchParams(Object.fromEntries(new URLSearchParams(query))).params, params);
    assert.equal(searchQuery(EMPTY_SEARCH), "");
  });
});

describe("radius and distances", () => {
  const agen = { latitude: 44.20284, longitude: 0.62575 };

  test("the box around a radius holds every point of the circle, and its edges touch it", () => {
    const box = boundingBox(agen, 30);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      // A point 29.99 km away in that direction (destination formula on the sphere).
      const d = 29.99 / 6371.0088;
      const b = (bearing * Math.PI) / 180;
      const lat1 = (agen.latitude * Math.PI) / 180;
      const lon1 = (agen.longitude * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
      const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
      const point = { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI };
      assert.ok(Math.abs(haversineKm(agen, point) - 29.99) < 1e-6);
      assert.ok(point.latitude >= box.minLat && point.latitude <= box.maxLat, `latitude at ${bearing}°`);
      assert.ok(point.longitude >= box.minLon && point.longitude <= box.maxLon, `longitude at ${bearing}°`);
    }
    assert.ok(Math.abs(haversineKm(agen, { latitude: box.maxLat, longitude: agen.longitude }) - 30) < 1e-6);
    assert.ok(box.maxLon - agen.longitude > box.maxLat - agen.latitude, "longitude degrees are shorter at 44° N");
  });

  test("near a pole the box spans every longitude", () => {
    const box = boundingBox({ latitude: 89.9, longitude: 10 }, 50);
    assert.deepEqual([box.minLon, box.maxLon, box.maxLat], [-180, 180, 90]);
  });

  test("distances read « à 800 m », « à 3,2 km », « à 27 km »", () => {
    assert.equal(formatDistance(0.04), "à 100 m");
    assert.equal(formatDistance(0.8), "à 800 m");
    assert.equal(formatDistance(3.24), "à 3,2 km");
    assert.equal(formatDistance(26.6), "à 27 km");
  });

  test("a search that finds nothing suggests wider radii, reaching the nearest match when known", () => {
    assert.deepEqual(widerRadii(20), [30, 50]);
    assert.deepEqual(widerRadii(20, 42), [30, 50]);
    assert.deepEqual(widerRadii(20, 70), [30, 100]);
    assert.deepEqual(widerRadii(5, 8), [10, 20]);
    assert.deepEqual(widerRadii(100), []);
  });
});

describe("open or staffed on a day", () => {
  const thursday = { kind: "date" as const, date: "2026-12-03" };

  test("a date is the whole day in Paris", () => {
    const w = openWindow(thursday, new Date());
    assert.equal(w.from.toISOString(), "2026-12-02T23:00:00.000Z");
    assert.equal(w.to.toISOString(), "2026-12-03T23:00:00.000Z");
  });

});

describe("next-opening sentences", () => {
  test("a sentence kept for an opening is the one describeNextOpening writes, at every instant it is asked", () => {
    // Openings around Paris midnights and starts, asked at instants before, at and after their start and end,
    // and on the following days: the kept sentence must follow the instant (today, demain, maintenant, over).
    const at = (iso: string) => new Date(iso);
    const openings: Opening[] = [
      { kind: "hours", start: at("2026-12-07T08:00:00Z"), end: at("2026-12-07T11:00:00Z") },
      { kind: "permanence", start: at("2026-12-07T08:00:00Z"), end: at("2026-12-07T11:00:00Z") },
      { kind: "permanence", start: at("2026-12-08T13:30:00Z"), end: at("2026-12-08T16:00:00Z") },
      { kind: "hours", start: at("2026-12-14T08:00:00Z"), end: at("2026-12-14T16:00:00Z") },
      { kind: "hours", start: at("2026-12-07T22:59:00Z"), end: at("2026-12-07T23:30:00Z") },
    ];
    const instants: Date[] = [];
    for (let t = at("2026-12-06T20:00:00Z").getTime(); t <= at("2026-12-09T02:00:00Z").getTime(); t += 29 * 60_000) instants.push(new Date(t));
    instants.push(at("2026-12-07T08:00:00Z"), at("2026-12-07T11:00:00Z"), at("2026-12-07T22:59:00Z"), at("2026-12-07T23:00:00Z"));
    let compared = 0;
    for (const round of [1, 2]) {
      for (const now of round === 1 ? instants : [...instants].reverse()) {
        for (const opening of openings) {
          assert.equal(nextOpeningSentence(opening, now, toParis(now).date), describeNextOpening([opening], now), `${opening.start.toISOString()} at ${now.toISOString()}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000);
    assert.equal(nextOpeningSentence(null, instants[0] as Date, "2026-12-06"), null);
  });
});
