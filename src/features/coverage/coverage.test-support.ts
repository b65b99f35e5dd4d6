// Synthetic communes and places for the coverage tests: a regular grid near Agen, seeded random places, and a
// seeded national-like region.
import { hashString, mulberry32 } from "../demo/demo.data.ts";
import { type CoverageCommune, type CoveragePlace, RHYTHM_UNITS, UNITS_PER_HOUR } from "./coverage.ts";

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
    weeklyUnits: Math.round(rng() * 40) * (UNITS_PER_HOUR / 2),
    dropIn: rng() < 0.4,
  }));
}

/**
 * A national-like region (south-west France, about 200 × 220 km) at the density of the national bench: 2,400
 * communes of skewed populations (1 % without a centre), 1,200 places clustered near the populous ones, some
 * at a commune's very centre and some sharing one position (ties), none drop-in east of 1.7° E, weekly hours
 * of any minutes every 1 to 8 weeks; and a few islands 150 km offshore with no place near them.
 */
export function nationalLike(seed: string): { communes: CoverageCommune[]; places: CoveragePlace[] } {
  const rng = mulberry32(hashString(seed));
  const between = (low: number, high: number) => low + rng() * (high - low);
  const communes: CoverageCommune[] = Array.from({ length: 2400 }, (_, i) => ({
    code: `N${String(i).padStart(4, "0")}`,
    name: `Commune ${i}`,
    population: Math.round(50 + 30_000 * rng() ** 6),
    centre: rng() < 0.01 ? null : { latitude: between(43.5, 45.5), longitude: between(-0.5, 2) },
  }));
  for (let i = 0; i < 8; i++) {
    communes.push({ code: `I${i}`, name: `Île ${i}`, population: 300 + i, centre: { latitude: between(44, 45), longitude: between(-3.6, -3.4) } });
  }
  const populous = communes.filter((c) => c.centre !== null && c.population > 2000);
  const places: CoveragePlace[] = [];
  for (let i = 0; i < 1200; i++) {
    const roll = rng();
    let location: CoverageCommune["centre"];
    if (roll < 0.08 && places.length > 0) location = (places[Math.floor(rng() * places.length)] as CoveragePlace).location;
    else if (roll < 0.13) location = (populous[Math.floor(rng() * populous.length)] as CoverageCommune).centre;
    else if (roll < 0.8) {
      const near = (populous[Math.floor(rng() * populous.length)] as CoverageCommune).centre as NonNullable<CoverageCommune["centre"]>;
      location = { latitude: near.latitude + between(-0.08, 0.08), longitude: near.longitude + between(-0.1, 0.1) };
    } else location = { latitude: between(43.5, 45.5), longitude: between(-0.5, 2) };
    const point = location as NonNullable<CoverageCommune["centre"]>;
    let weeklyUnits = 0;
    for (let k = 1 + Math.floor(rng() * 3); k > 0; k--) {
      const days = 1 + Math.floor(rng() * 3);
      const minutes = 15 + Math.floor(rng() * 300);
      weeklyUnits += (days * minutes * RHYTHM_UNITS) / (1 + Math.floor(rng() * 8));
    }
    places.push({ id: `L${i}`, name: `Lieu ${i}`, location: point, weeklyUnits, dropIn: point.longitude < 1.7 && rng() < 0.6 });
  }
  return { communes, places };
}
