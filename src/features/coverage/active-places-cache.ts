// The active places kept between requests, per day and filters, with the version of the data they were
// read at (see the coverage_changes migration): reused while the database's version is the same, so a
// change written by any instance, job or tool is seen at the next request. At national scale, reading
// them costs several times more than computing the coverage (docs/coverage.md, Performance).
// The service keeps the places with their spatial index (PlacesIndex), so a request whose places are still
// valid builds neither; a stale copy is brought up to date from the change marks it has not seen (latest()).
import type { PlaceFilter } from "./coverage.repository.ts";

interface Entry<T> {
  version: number;
  /** Shared by every request that reuses them: read-only. */
  places: T;
}

export class ActivePlacesCache<T> {
  /** In order of last use, oldest first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * A few filter combinations; at national scale an entry holds about 18,000 places (8 MB of heap) and
   * their index (about 1 MB of typed arrays).
   */
  constructor(private readonly capacity = 4) {}

  /** The places read at this version for this key, or null when there are none or they are stale. */
  get(key: string, version: number): T | null {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.version !== version) return null;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.places;
  }

  /** The places last kept for this key, whatever their version: what a stale copy can be brought up to date from. */
  latest(key: string): { version: number; places: T } | null {
    return this.entries.get(key) ?? null;
  }

  /** The most recently used places that satisfy `wanted`, whatever their key and version (another day's copy). */
  latestWhere(wanted: (places: T) => boolean): { version: number; places: T } | null {
    let found: Entry<T> | null = null;
    for (const entry of this.entries.values()) if (wanted(entry.places)) found = entry;
    return found;
  }

  set(key: string, version: number, places: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, places });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}

/** The same day and the same filters in any order give the same key. */
export function activePlacesKey(today: string, filter: PlaceFilter): string {
  return JSON.stringify([today, filterKey(filter)]);
}

/** The same filters in any order give the same key. */
export function filterKey(filter: PlaceFilter): string {
  return JSON.stringify([[...filter.services].sort(), [...filter.employers].sort()]);
}
