// GET /api/v1/maillage: its documented parameters and answer (OpenAPI), and the mapping to it.
import { Type } from "typebox";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../organisation/organisation.ts";
import { SERVICES } from "../places/place-standard.ts";
import { type Coverage, roundTenth } from "./coverage.ts";

function repeatable(values: { code: string; label: string }[], description: string) {
  const one = Type.Union(
    values.map((v) => Type.Literal(v.code)),
    { description: values.map((v) => `${v.code} : ${v.label}`).join(" ; ") },
  );
  return Type.Optional(Type.Union([one, Type.Array(one)], { description: `${description} (paramètre répétable)` }));
}

/** Documentation only: parseFilters checks the parameters and names every bad one in one answer. */
export const CoverageQuerySchema = Type.Object({
  service: repeatable(SERVICES, "Ne compter que les lieux qui proposent chacun de ces services"),
  employeur: repeatable(
    EMPLOYER_KINDS.map((k) => ({ code: k, label: STRUCTURE_KINDS[k] })),
    "Ne compter que les lieux portés par une structure de l'un de ces types",
  ),
});

const Km = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

const CommuneSchema = Type.Object({
  code_insee: Type.String(),
  nom: Type.String(),
  population: Type.Integer(),
  distance_km: Km("À vol d'oiseau, du centre de la commune au lieu actif le plus proche, au dixième ; null sans lieu ou sans position"),
  lieu: Type.Union([Type.Object({ id: Type.String(), nom: Type.String() }), Type.Null()], { description: "Le lieu actif le plus proche" }),
  distance_sans_rdv_km: Km("Jusqu'au lieu le plus proche avec une permanence sans rendez-vous"),
  heures_10km: Type.Number({ description: "Heures de permanence par semaine des lieux à 10 km ou moins (toutes les N semaines : 1/N)" }),
  heures_20km: Type.Number({ description: "Heures de permanence par semaine des lieux à 20 km ou moins" }),
});

export const CoverageAnswerSchema = Type.Object({
  date: Type.String({ format: "date", description: "Jour du calcul (Europe/Paris) : seules les permanences valides ce jour-là comptent" }),
  departement: Type.String(),
  population: Type.Integer(),
  parts: Type.Array(
    Type.Object({ rayon_km: Type.Integer(), population: Type.Integer(), part: Type.Number({ description: "De 0 à 1" }) }),
    { description: "Population dont le centre de la commune est à ce rayon ou moins d'un lieu actif" },
  ),
  communes: Type.Array(CommuneSchema, { description: "Une ligne par commune du département, par code INSEE" }),
});

const km = (n: number | null | undefined) => (n === null || n === undefined ? null : roundTenth(n));

export function toApiAnswer(coverage: Coverage, today: string, departement: string) {
  return {
    date: today,
    departement,
    population: coverage.summary.totalPopulation,
    parts: coverage.summary.within.map((w) => ({ rayon_km: w.radiusKm, population: w.population, part: Math.round(w.share * 10_000) / 10_000 })),
    communes: coverage.communes.map((c) => ({
      code_insee: c.code,
      nom: c.name,
      population: c.population,
      distance_km: km(c.nearest?.distanceKm),
      lieu: c.nearest ? { id: c.nearest.id, nom: c.nearest.name } : null,
      distance_sans_rdv_km: km(c.nearestDropInKm),
      heures_10km: roundTenth(c.hoursWithin10Km),
      heures_20km: roundTenth(c.hoursWithin20Km),
    })),
  };
}
