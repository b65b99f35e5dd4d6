// geokdbush 2.0.1 ships no types: the two functions we use, as its README documents them.
declare module "geokdbush" {
  import type KDBush from "kdbush";

  /** Ids of the index's points nearest (lng, lat), nearest first, at most maxResults within maxDistance km. */
  export function around(
    index: KDBush,
    lng: number,
    lat: number,
    maxResults?: number,
    maxDistance?: number,
    predicate?: (id: number) => boolean,
  ): number[];

  /** Great-circle distance in km (Earth radius 6371 km). */
  export function distance(lng1: number, lat1: number, lng2: number, lat2: number): number;
}
