// From a diagnosis to workshops: for each area to learn, the coming workshops of the right level that teach
// one of its themes, near the person's commune and held remotely (« Les Jeudis de l'inclusion »). Pure.
import { haversineKm, type Point } from "../territory/territory.ts";
import type { Need } from "./self-diagnostic.ts";

export interface CandidateWorkshop {
  id: string;
  title: string;
  themes: readonly string[];
  level: string;
  isRemote: boolean;
  startsAt: Date;
  placeName: string | null;
  communeName: string | null;
  /** The place's position; null for a remote workshop or a place without one. */
  location: Point | null;
}

export interface Suggested extends CandidateWorkshop {
  /** From the commune's centre, when a commune was given and the place has a position. */
  distanceKm: number | null;
}

export interface NeedSuggestions {
  need: Need;
  nearby: Suggested[];
  remote: Suggested[];
}

export const SUGGESTION_LIMITS = { needs: 3, nearby: 3, remote: 2, radiusKm: 25 };

/** Right level, and at least one theme of the area. */
export function teaches(need: Need, workshop: Pick<CandidateWorkshop, "level" | "themes">): boolean {
  return workshop.level === need.level && workshop.themes.some((t) => need.area.themes.includes(t));
}

function byStart(a: Suggested, b: Suggested): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);
}

/**
 * The weakest areas first (at most `limits.needs`); each workshop is proposed once, for the first area it
 * teaches. Near means within `limits.radiusKm` of the commune's centre; without a commune, only remote
 * workshops are proposed.
 */
export function suggestWorkshops(
  needs: readonly Need[],
  candidates: readonly CandidateWorkshop[],
  origin: Point | null,
  limits = SUGGESTION_LIMITS,
): NeedSuggestions[] {
  const used = new Set<string>();
  const withDistance: Suggested[] = candidates.map((w) => ({
    ...w,
    distanceKm: origin && w.location && !w.isRemote ? haversineKm(origin, w.location) : null,
  }));
  return needs.slice(0, limits.needs).map((need) => {
    const taught = withDistance.filter((w) => !used.has(w.id) && teaches(need, w)).sort(byStart);
    const nearby = taught.filter((w) => !w.isRemote && w.distanceKm !== null && w.distanceKm <= limits.radiusKm).slice(0, limits.nearby);
    const remote = taught.filter((w) => w.isRemote).slice(0, limits.remote);
    for (const w of [...nearby, ...remote]) used.add(w.id);
    return { need, nearby, remote };
  });
}
