// Synthetic communes and places for the coverage tests: a regular grid near Agen and seeded random places.
import { hashString, mulberry32 } from "../demo/demo.data.ts";
import type { CoverageCommune, CoveragePlace } from "./coverage.ts";

/** A grid of communes around Agen, 0.05° apart (about 5.5 km north–south, 4 km east–west). */
export function grid(size: number, populationOf: (i: number, j: number) => number = (i, j) => 100 + 10 * i + j): CoverageCommune[] {
  const out: CoverageCommune[] = [];
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      out.push({ code: `G${i}-${j}`, name: `Grille ${i} ${j}`, population: populationOf(i, j), centre: { latitude: 44 + i * 0.05, longitude: 0.3 + j * 0.05 } });
    }
  }
  return out;
}

export function randomPlaces(n: number, seed: string, box = { lat: [43.9, 44.8], lon: [0.2, 1.1] }): CoveragePlace[] {
  const rng = mulberry32(hashString(seed));
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    name: `Lieu ${i}`,
    location: { latitude: box.lat[0]! + rng() * (box.lat[1]! - box.lat[0]!), longitude: box.lon[0]! + rng() * (box.lon[1]! - box.lon[0]!) },
    weeklyHours: Math.round(rng() * 20 * 2) / 2,
    dropIn: rng() < 0.4,
  }));
}
