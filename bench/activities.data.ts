// Synthetic activity reports at national scale for the activities benchmark: ~300 structures of very
// different sizes, ~2,000 advisors with uneven productivity, ~3,000 places, and reports over twelve
// months with the field's seasonal shape (tax returns in spring, back to school in September, a quiet
// August), weekdays mostly, themes weighted as reported. Deterministic: same seed, same rows.
// Reports are written with multi-row INSERT … SELECT FROM unnest(arrays): one statement per batch.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../src/db/schema.ts";
import { addDays } from "../src/features/calendar/paris-time.ts";
import { hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { type BenchCommune, weightedPicker } from "./places.data.ts";

export interface Network {
  structures: { id: string; slug: string; name: string; kind: "association" }[];
  advisors: { id: string; structure_id: string; first_name: string; last_name: string; weight: number }[];
  places: { id: string; structure_id: string; commune_code: string; postcode: string }[];
}

export const FIRST_DAY = "2025-12-01";
export const DAYS = 365;
const MONTH_WEIGHT = [0.7, 1, 1.1, 1.4, 1.4, 1.3, 1, 0.9, 0.4, 1.3, 1.1, 1]; // Dec … Nov
const THEMES: [string, number][] = [
  ["aide-demarches", 35],
  ["e-mail", 20],
  ["prise-en-main-materiel", 20],
  ["navigation-internet", 15],
  ["contenus-numeriques", 8],
  ["securite-numerique", 8],
  ["sante", 7],
  ["bureautique", 6],
  ["banque-achats", 5],
  ["insertion-professionnelle", 5],
  ["reseaux-sociaux", 4],
  ["diagnostic-numerique", 4],
  ["maintenance-materiel", 3],
  ["parentalite", 2],
  ["scolarite", 2],
  ["culture-numerique", 2],
  ["creer-avec-numerique", 1],
  ["intelligence-artificielle", 1],
  ["accompagner-professionnel", 1],
];
const PROCEDURES = ["argent-impots", "social-sante", "papiers-citoyennete", "travail-formation", "logement", "famille-scolarite", "transports-mobilite"];
const DURATIONS: [number, number][] = [
  [15, 10],
  [30, 35],
  [45, 20],
  [60, 25],
  [90, 7],
  [120, 3],
];
const GENDERS = ["feminin", "masculin", "non-communique"];
const AGES = ["18-24", "25-39", "40-59", "60-69", "70-et-plus", "non-communique"];
const STATUSES = ["retraite", "sans-emploi", "en-emploi", "non-communique", "scolarise"];

export function generateNetwork(communes: BenchCommune[], counts: { structures: number; advisors: number; places: number }): Network {
  const rng = mulberry32(hashString("bench:activities:network"));
  const located = communes.filter((c) => c.population > 0 && c.postcodes.length > 0);
  const communeFor = weightedPicker(located, (c) => Math.sqrt(c.population), rng);
  const structures = Array.from({ length: counts.structures }, (_, i) => ({
    id: randomUUID(),
    slug: `bench-structure-${i}`,
    name: `Structure ${i}`,
    kind: "association" as const,
  }));
  // A few large employers (départements, big towns) and many with one or two advisors.
  const structureFor = weightedPicker(structures, (_s) => 1, rng);
  const sizeWeight = new Map(structures.map((s, i) => [s.id, 1 / (1 + i) ** 0.8]));
  const bySize = weightedPicker(structures, (s) => sizeWeight.get(s.id) ?? 1, rng);
  const advisors = Array.from({ length: counts.advisors }, (_, i) => {
    const structure = i < counts.structures ? (structures[i] as Network["structures"][number]) : bySize();
    // Productivity is uneven: part-time advisors, full-time ones, workshop-heavy ones.
    const weight = 0.3 + rng() * rng() * 3;
    return { id: randomUUID(), structure_id: structure.id, first_name: `Prénom${i}`, last_name: `Nom${i}`, weight };
  });
  const places = Array.from({ length: counts.places }, (_, i) => {
    const structure = i < counts.structures ? (structures[i] as Network["structures"][number]) : structureFor();
    const commune = communeFor();
    return { id: randomUUID(), structure_id: structure.id, commune_code: commune.code, postcode: commune.postcodes[0] ?? "00000" };
  });
  return { structures, advisors, places };
}

export async function insertNetwork(db: Db, network: Network, communes: BenchCommune[], now: Date): Promise<void> {
  const used = new Set(network.places.map((p) => p.commune_code));
  const rows = communes.filter((c) => used.has(c.code));
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto("communes")
      .values(
        rows.slice(i, i + 2000).map((c) => ({
          code: c.code,
          name: c.name,
          search_name: c.name.toLowerCase(),
          departement: c.departement,
          postcodes: c.postcodes,
          population: c.population,
          epci_code: null,
          latitude: c.latitude,
          longitude: c.longitude,
          centre_source: c.latitude === null ? null : "file",
          boundary: null,
          synced_at: now,
        })),
      )
      .execute();
  }
  await db.insertInto("structures").values(network.structures).execute();
  for (let i = 0; i < network.advisors.length; i += 2000) {
    await db
      .insertInto("advisors")
      .values(network.advisors.slice(i, i + 2000).map(({ weight: _w, ...a }) => a))
      .execute();
  }
  for (let i = 0; i < network.places.length; i += 2000) {
    await db
      .insertInto("places")
      .values(
        network.places.slice(i, i + 2000).map((p, k) => ({
          id: p.id,
          slug: `bench-lieu-${i + k}`,
          source_id: `bench-lieu-${i + k}`,
          name: `Lieu ${i + k}`,
          structure_id: p.structure_id,
          address: "1 place de la Mairie",
          postcode: p.postcode,
          commune_code: p.commune_code,
          latitude: null,
          longitude: null,
        })),
      )
      .execute();
  }
}

const COLUMNS = [
  ["advisor_id", "uuid"],
  ["structure_id", "uuid"],
  ["type", "text"],
  ["date", "date"],
  ["place_type", "text"],
  ["place_id", "uuid"],
  ["commune_code", "text"],
  ["duration_minutes", "int4"],
  ["themes", "text"],
  ["procedure_areas", "text"],
  ["autonomy", "text"],
  ["beneficiary_gender", "text"],
  ["beneficiary_age_band", "text"],
  ["beneficiary_social_status", "text"],
  ["beneficiary_commune_code", "text"],
  ["title", "text"],
  ["level", "text"],
  ["anonymous_total", "int4"],
  ["participants_total", "int4"],
] as const;
type Batch = Record<(typeof COLUMNS)[number][0], (string | number | null)[]>;

/** Generates and inserts `count` reports in batches; returns the number written. */
export async function insertReports(db: Db, network: Network, count: number, batchSize = 10_000, onBatch?: (done: number) => void): Promise<number> {
  const rng = mulberry32(hashString("bench:activities:reports"));
  const pickWeighted = <T>(list: [T, number][]) => weightedPicker(list, (x) => x[1], rng);
  const theme = pickWeighted(THEMES);
  const duration = pickWeighted(DURATIONS);
  const advisor = weightedPicker(network.advisors, (a) => a.weight, rng);
  const days = Array.from({ length: DAYS }, (_, i) => addDays(FIRST_DAY, i));
  const day = weightedPicker(days, (d) => {
    const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
    const month = Number(d.slice(5, 7)) % 12; // December → 0
    return (weekday === 0 ? 0 : weekday === 6 ? 0.1 : 1) * (MONTH_WEIGHT[month] ?? 1);
  }, rng);
  const placesOf = new Map<string, Network["places"]>();
  for (const p of network.places) placesOf.set(p.structure_id, [...(placesOf.get(p.structure_id) ?? []), p]);
  const one = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)] as T;
  let written = 0;
  while (written < count) {
    const n = Math.min(batchSize, count - written);
    const batch = Object.fromEntries(COLUMNS.map(([c]) => [c, [] as (string | number | null)[]])) as Batch;
    for (let i = 0; i < n; i++) {
      const a = advisor();
      const places = placesOf.get(a.structure_id) ?? network.places;
      const individual = rng() < 0.85;
      const r = rng();
      const placeType = r < 0.7 ? "lieu-activite" : r < 0.8 ? "domicile" : r < 0.95 ? "a-distance" : "autre-lieu";
      const place = placeType === "lieu-activite" ? one(places) : null;
      const themes = [...new Set([theme()[0], ...(rng() < 0.35 ? [theme()[0]] : []), ...(rng() < 0.1 ? [theme()[0]] : [])])];
      const procedures = themes.includes("aide-demarches") ? [one(PROCEDURES), ...(rng() < 0.2 ? [one(PROCEDURES)] : [])] : [];
      const anonymous = individual ? 0 : 3 + Math.floor(rng() * 10);
      const row: Record<(typeof COLUMNS)[number][0], string | number | null> = {
        advisor_id: a.id,
        structure_id: a.structure_id,
        type: individual ? "individuel" : "collectif",
        date: day(),
        place_type: placeType,
        place_id: place?.id ?? null,
        commune_code: placeType === "a-distance" ? null : (place?.commune_code ?? one(places).commune_code),
        duration_minutes: individual ? duration()[0] : rng() < 0.5 ? 90 : 120,
        themes: themes.join(","),
        procedure_areas: [...new Set(procedures)].join(","),
        autonomy: individual ? one(["entierement-accompagne", "partiellement-autonome", "autonome"]) : null,
        beneficiary_gender: individual ? one(GENDERS) : null,
        beneficiary_age_band: individual ? one(AGES) : null,
        beneficiary_social_status: individual ? one(STATUSES) : null,
        beneficiary_commune_code: individual && rng() < 0.8 ? one(places).commune_code : null,
        title: individual ? null : "Atelier numérique",
        level: individual ? null : "debutant",
        anonymous_total: anonymous,
        participants_total: individual ? 1 : anonymous,
      };
      for (const [c] of COLUMNS) batch[c].push(row[c]);
    }
    const arrays = COLUMNS.map(([c, type]) => sql`${batch[c]}::${sql.raw(type)}[]`);
    const names = COLUMNS.map(([c]) => c).filter((c) => c !== "themes" && c !== "procedure_areas");
    await sql`
      insert into activity_reports (${sql.raw(names.join(", "))}, themes, procedure_areas, equipment)
      select ${sql.raw(names.join(", "))}, string_to_array(themes, ','), string_to_array(procedure_areas, ','), '{ordinateur}'
      from unnest(${sql.join(arrays)}) as t(${sql.raw(COLUMNS.map(([c]) => c).join(", "))})`.execute(db);
    written += n;
    onBatch?.(written);
  }
  return written;
}
