// Who sees which statistics. Pure. Advisors see their own activity; structure managers their
// structure's; the département's coordination, the Préfecture and admins the whole network, with any
// filter. The scope is applied by rewriting the filters, so every figure is computed inside it.
import type { RoleAssignment } from "../organisation/organisation.ts";
import type { StatsFilters } from "./statistics.ts";

/** The part of the activity actor the statistics need (ActivityActor fits). */
export interface StatsActor {
  roles: RoleAssignment[];
  /** The advisor records linked to the account, with their employer. */
  advisors: { id: string; structureId: string }[];
}

export type StatsScopeRefusal = "forbidden" | "choose-structure" | "choose-advisor";

export type ScopedFilters = { ok: true; filters: StatsFilters } | { ok: false; reason: StatsScopeRefusal };

export const SCOPE_REFUSALS: Record<StatsScopeRefusal, string> = {
  forbidden: "Votre compte ne permet pas de consulter ces statistiques.",
  "choose-structure": "Vous gérez plusieurs structures : choisissez celle dont vous voulez voir les statistiques.",
  "choose-advisor": "Choisissez le conseiller ou la conseillère dont vous voulez voir les statistiques.",
};

export function isNetworkStatsReader(actor: StatsActor): boolean {
  return actor.roles.some((r) => r.role === "admin" || r.role === "coordinator" || r.role === "state_reader");
}

function managed(actor: StatsActor): string[] {
  return actor.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId !== null ? [r.structureId] : []));
}

function ownAdvisors(actor: StatsActor): string[] {
  return actor.roles.some((r) => r.role === "advisor") ? actor.advisors.map((a) => a.id) : [];
}

/**
 * The filters narrowed to what the actor may see, or why not. A structure manager's structure is
 * forced (or checked when given; with several structures, one must be chosen); an advisor's own
 * advisor id is forced (any other is refused). Managers who are advisors too see their structure.
 */
export function scopeStatsFilters(actor: StatsActor, filters: StatsFilters): ScopedFilters {
  if (isNetworkStatsReader(actor)) return { ok: true, filters };
  const structures = managed(actor);
  if (structures.length > 0) {
    if (filters.structureId !== null) return structures.includes(filters.structureId) ? { ok: true, filters } : { ok: false, reason: "forbidden" };
    if (structures.length > 1) return { ok: false, reason: "choose-structure" };
    return { ok: true, filters: { ...filters, structureId: structures[0] ?? null } };
  }
  const own = ownAdvisors(actor);
  if (own.length === 0) return { ok: false, reason: "forbidden" };
  if (filters.advisorId !== null) return own.includes(filters.advisorId) ? { ok: true, filters } : { ok: false, reason: "forbidden" };
  if (own.length > 1) return { ok: false, reason: "choose-advisor" };
  return { ok: true, filters: { ...filters, advisorId: own[0] ?? null } };
}

/** What the figures cover, in French: the narrowest scope filter wins. */
export function statsScopeLabel(filters: StatsFilters, names: { advisor?: string; structure?: string; epci?: string; commune?: string } = {}): string {
  if (filters.advisorId !== null) return names.advisor ? `Activité de ${names.advisor}` : "Activité d'un conseiller ou d'une conseillère";
  if (filters.structureId !== null) return names.structure ? `Structure : ${names.structure}` : "Une structure";
  if (filters.communeCode !== null) return names.commune ? `Commune : ${names.commune}` : `Commune ${filters.communeCode}`;
  if (filters.epciCode !== null) return names.epci ? `Intercommunalité : ${names.epci}` : `Intercommunalité ${filters.epciCode}`;
  return "Tout le département";
}
