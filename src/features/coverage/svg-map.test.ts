import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BANDS, bandOf, fitProjection, pathOf, ringsOf, simplify, type Xy } from "./svg-map.ts";

const square = { type: "Polygon", coordinates: [[[0.5, 44], [0.6, 44], [0.6, 44.1], [0.5, 44.1], [0.5, 44]]] };

describe("the map's geometry", () => {
  test("the projection fits every point inside the view box, north up, and keeps kilometres square", () => {
    const points = ringsOf(square).flat();
    const p = fitProjection(points, 600, 8);
    for (const point of points) {
      const [x, y] = p.project(point);
      assert.ok(x >= 7.99 && x <= 592.01 && y >= 7.99 && y <= p.height - 7.99);
    }
    const [, yNorth] = p.project({ latitude: 44.1, longitude: 0.5 });
    const [, ySouth] = p.project({ latitude: 44, longitude: 0.5 });
    assert.ok(yNorth < ySouth, "north is up");
    // 0.1° of latitude ≈ 11.1 km; 0.1° of longitude at 44° ≈ 8.0 km: the box is taller than wide.
    assert.ok(Math.abs((ySouth - yNorth) / p.unitsPerKm - 11.12) < 0.05);
    assert.ok(p.height > 600);
  });

  test("rings come from Polygon and MultiPolygon; anything else gives none", () => {
    assert.equal(ringsOf(square).length, 1);
    assert.equal(ringsOf({ type: "MultiPolygon", coordinates: [square.coordinates, square.coordinates] }).length, 2);
    assert.deepEqual(ringsOf(null), []);
    assert.deepEqual(ringsOf({ type: "Point", coordinates: [0, 0] }), []);
    assert.deepEqual(ringsOf({ type: "Polygon", coordinates: [[["x", 1]]] }), []);
  });

  test("Douglas–Peucker keeps the ends and corners and drops points on a straight line", () => {
    const line: Xy[] = [[0, 0], [1, 0.1], [2, 0], [3, -0.1], [4, 0], [4, 4]];
    assert.deepEqual(simplify(line, 0.5), [[0, 0], [4, 0], [4, 4]]);
    assert.deepEqual(
      simplify(line, 0.05),
      line.filter(([x]) => x !== 2),
      "only the exactly aligned point goes",
    );
  });

  test("a path starts absolute, steps relative in whole units and closes", () => {
    const p = fitProjection(ringsOf(square).flat(), 100, 0);
    const d = pathOf(ringsOf(square), p);
    assert.match(d, /^M\d+ \d+l(-?\d+[ -]?)+z$/);
    assert.equal(pathOf([ringsOf(square)[0]!.slice(0, 2)], p), "", "a degenerate ring is left out");
  });

  test("distance bands: 5, 10, 15, 20 km and beyond, none without a place", () => {
    assert.deepEqual(
      [0, 5, 5.01, 10, 14.9, 20, 20.1].map((d) => bandOf(d)),
      ["b5", "b5", "b10", "b10", "b15", "b20", "far"],
    );
    assert.equal(bandOf(null), "none");
    assert.equal(new Set(BANDS.map((b) => b.label)).size, BANDS.length, "each band has its own words");
  });
});
