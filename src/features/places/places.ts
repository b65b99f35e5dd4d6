// Places near a point, nearest first. Places without coordinates come last, by name.
import { haversineKm, type Point } from "../territory/territory.ts";

export interface Locatable {
  latitude: number | null;
  longitude: number | null;
  name: string;
}

export function sortByDistance<T extends Locatable>(places: T[], from: Point): (T & { distanceKm: number | null })[] {
  return places
    .map((p) => ({
      ...p,
      distanceKm: p.latitude !== null && p.longitude !== null ? haversineKm(from, { latitude: p.latitude, longitude: p.longitude }) : null,
    }))
    .sort((a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) || a.name.localeCompare(b.name, "fr"));
}

/** "à 800 m", "à 3,2 km", "à 27 km": precise enough to choose, never falsely exact. */
export function formatDistance(km: number): string {
  if (km < 1) return `à ${Math.max(100, Math.round(km * 10) * 100)} m`;
  if (km < 10) return `à ${km.toFixed(1).replace(".", ",")} km`;
  return `à ${Math.round(km)} km`;
}

export const PAGE_SIZE = 20;

export function paginate<T>(items: T[], page: number, size = PAGE_SIZE): { items: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pageCount);
  return { items: items.slice((current - 1) * size, current * size), page: current, pageCount };
}
