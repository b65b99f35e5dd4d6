// National-scale synthetic data for the places benchmark: every commune of France (centres of
// fixtures/territory/communes-centres-2018.csv, names, postcodes and populations of the official
// geographic code), one structure per département, advisors, 20,000 places near commune centres
// (weighted by population) and 60,000 permanences. Deterministic: same seed, same rows.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Insertable } from "kysely";
import type { Db } from "../src/db/schema.ts";
import { fictionalSiret, hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { FEES, SERVICES, SUPPORT_MODES } from "../src/features/places/place-standard.ts";
import type { PermanencesTable, PlacesTable } from "../src/features/places/places.table.ts";
import type { CommunesTable } from "../src/features/territory/territory.table.ts";
import { searchKey } from "../src/features/territory/territory.ts";

export interface BenchCommune {
  code: string;
  name: string;
  departement: string;
  latitude: number | null;
  longitude: number | null;
  postcodes: string[];
  population: number;
}

export interface BenchData {
  communes: BenchCommune[];
  structures: { id: string; slug: string; name: string; kind: "departement"; siret: string }[];
  advisors: { id: string; structure_id: string; first_name: string; last_name: string }[];
  places: Insertable<PlacesTable>[];
  permanences: Insertable<PermanencesTable>[];
}

interface OfficialCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}

/** Every commune: the 2018 centres file, plus current communes it lacks (without a centre). */
export function readCommunes(root: string): BenchCommune[] {
  // Read here rather than imported: a JSON module stays in memory for good (about 55 MB of heap, which
  // the garbage collector would walk during every timed run of the coverage bench).
  const communesJson = JSON.parse(readFileSync(join(root, "node_modules/@etalab/decoupage-administratif/data/communes.json"), "utf8"));
  const official = new Map(
    (communesJson as OfficialCommune[]).filter((c) => c.type === "commune-actuelle" && c.departement).map((c) => [c.code, c]),
  );
  const lines = readFileSync(join(root, "fixtures/territory/communes-centres-2018.csv"), "utf8").trim().split("\n").slice(1);
  const byCode = new Map<string, BenchCommune>();
  for (const line of lines) {
    const [code, name, departement, lat, lon] = line.split(",") as [string, string, string, string, string];
    const o = official.get(code);
    byCode.set(code, {
      code,
      name,
      departement,
      latitude: Number(lat),
      longitude: Number(lon),
      postcodes: o?.codesPostaux ?? [],
      population: o?.population ?? 0,
    });
  }
  for (const o of official.values()) {
    if (byCode.has(o.code)) continue;
    byCode.set(o.code, {
      code: o.code,
      name: o.nom,
      departement: o.departement as string,
      latitude: null,
      longitude: null,
      postcodes: o.codesPostaux ?? [],
      population: o.population ?? 0,
    });
  }
  return [...byCode.values()];
}

const KINDS = [
  ["Médiathèque", "BIB"],
  ["Mairie", "MUNI"],
  ["France Services", "RFS"],
  ["Espace public numérique", "EPN"],
  ["Centre social", "CS"],
  ["Association numérique", "ASSO"],
  ["Tiers-lieu", "TIERS_LIEUX"],
  ["CCAS", "CCAS"],
] as const;

const HOURS = [
  "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
  "Tu 14:00-18:00; We 10:00-12:30,14:00-18:00; Sa 10:00-12:30; PH off",
  "Mo-Fr 08:30-12:00; PH off",
  "Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off",
  null,
];
const TIMES = [
  ["09:00", "12:00"],
  ["14:00", "17:00"],
  ["09:30", "12:00"],
  ["13:30", "16:30"],
] as const;
const MODES = ["drop_in", "appointment", "both"] as const;

/** Picks from weights with a binary search over the cumulative sums. */
export function weightedPicker<T>(items: T[], weight: (item: T) => number, rng: () => number): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const item of items) {
    sum += weight(item);
    cumulative.push(sum);
  }
  return () => {
    const target = rng() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

export function generate(communes: BenchCommune[], counts: { places: number; permanences: number }, today: string): BenchData {
  const rng = mulberry32(hashString("bench:places"));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const located = communes.filter((c) => c.latitude !== null && c.population > 0);
  const communeFor = weightedPicker(located, (c) => Math.sqrt(c.population), rng);

  const departements = [...new Set(communes.map((c) => c.departement))].sort();
  const structures = departements.map((d) => ({
    id: randomUUID(),
    slug: `bench-departement-${d.toLowerCase()}`,
    name: `Réseau ${d}`,
    kind: "departement" as const,
    // The open-data export needs a pivot: a place without one takes its structure's SIRET.
    siret: fictionalSiret(`bench:${d}`),
  }));
  const structureOf = new Map(departements.map((d, i) => [d, structures[i]?.id as string]));

  const places: Insertable<PlacesTable>[] = [];
  const placeDepartement: string[] = [];
  for (let i = 0; i < counts.places; i++) {
    const c = communeFor();
    const [kind, typologie] = pick(KINDS);
    const distance = rng() * 3000;
    const angle = rng() * 2 * Math.PI;
    const latitude = (c.latitude as number) + (distance * Math.cos(angle)) / 111_320;
    const longitude = (c.longitude as number) + (distance * Math.sin(angle)) / (111_320 * Math.cos(((c.latitude as number) * Math.PI) / 180));
    const services = SERVICES.filter((s) => rng() < (s.code === "aide-aux-demarches-administratives" ? 0.6 : 0.3)).map((s) => s.value);
    const r = rng();
    const fee = (FEES[r < 0.8 ? 0 : r < 0.92 ? 1 : 2] as (typeof FEES)[number]).value;
    const slug = `bench-lieu-${i}`;
    places.push({
      id: randomUUID(),
      slug,
      source_id: slug,
      name: `${kind} ${i} – ${c.name}`,
      structure_id: structureOf.get(c.departement) as string,
      typologie: [typologie],
      address: `${1 + (i % 40)} rue de la République`,
      postcode: c.postcodes[0] ?? "00000",
      commune_code: c.code,
      latitude: Math.round(latitude * 1e6) / 1e6,
      longitude: Math.round(longitude * 1e6) / 1e6,
      coordinates_precision: "commune",
      phone: "05 53 00 00 00",
      email: null,
      website: null,
      opening_hours: pick(HOURS),
      summary: "Aide au numérique près de chez vous.",
      services: services.length > 0 ? services : [SERVICES[1]?.value as string],
      fees: [fee],
      support_modes: SUPPORT_MODES.filter(() => rng() < 0.4).map((s) => s.value),
      updated_on: today,
      is_public: rng() < 0.97,
    });
    placeDepartement.push(c.departement);
  }

  // About one advisor for three places, employed in the département of their places.
  const advisorsByDepartement = new Map<string, string[]>();
  const advisors: BenchData["advisors"] = [];
  for (const d of departements) {
    const n = Math.max(1, Math.ceil(placeDepartement.filter((x) => x === d).length / 3));
    const ids = Array.from({ length: n }, () => randomUUID());
    advisorsByDepartement.set(d, ids);
    for (const [k, id] of ids.entries()) advisors.push({ id, structure_id: structureOf.get(d) as string, first_name: `Prénom${k}`, last_name: `Nom${d}` });
  }

  const permanences: Insertable<PermanencesTable>[] = [];
  for (let i = 0; i < counts.permanences; i++) {
    const p = Math.floor(rng() * places.length);
    const [start, end] = pick(TIMES);
    const weekday = 1 + Math.floor(rng() * 5);
    permanences.push({
      place_id: places[p]?.id as string,
      advisor_id: pick(advisorsByDepartement.get(placeDepartement[p] as string) as string[]),
      weekdays: rng() < 0.2 ? [weekday, 1 + (weekday % 5)].sort() : [weekday],
      start_time: start,
      end_time: end,
      every_weeks: rng() < 0.2 ? 2 : 1,
      valid_from: "2026-09-01",
      valid_to: rng() < 0.1 ? "2027-06-30" : null,
      mode: pick(MODES),
    });
  }
  return { communes, structures, advisors, places, permanences };
}

/** Inserts in batches small enough for the 65,535 bind parameters of one statement. */
async function insertBatched<T extends object>(rows: T[], columns: number, insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function insertData(db: Db, data: BenchData, now: Date): Promise<void> {
  const communes: Insertable<CommunesTable>[] = data.communes.map((c) => ({
    code: c.code,
    name: c.name,
    search_name: searchKey(c.name),
    departement: c.departement,
    postcodes: c.postcodes,
    population: c.population,
    epci_code: null,
    latitude: c.latitude,
    longitude: c.longitude,
    centre_source: c.latitude === null ? null : "file",
    boundary: null,
    synced_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    await insertBatched(communes, 12, (b) => trx.insertInto("communes").values(b).execute());
    await insertBatched(data.structures, 5, (b) => trx.insertInto("structures").values(b).execute());
    await insertBatched(data.advisors, 4, (b) => trx.insertInto("advisors").values(b).execute());
    await insertBatched(data.places, 24, (b) => trx.insertInto("places").values(b).execute());
    await insertBatched(data.permanences, 10, (b) => trx.insertInto("permanences").values(b).execute());
  });
}
