// The active places as columns, one array per field in the same order (id order): what the coverage reads of
// them, without an object per place. A full read gives them so (loadActivePlaceColumns): at national scale,
// 18,000 places as six arrays instead of 54,000 objects that the garbage collector would copy and walk.
import type { CoveragePlace } from "./coverage.ts";

export interface PlaceColumns {
  ids: readonly string[];
  names: readonly string[];
  latitudes: Float64Array;
  longitudes: Float64Array;
  /** Weekly hours, in units of 1/UNITS_PER_HOUR hour (see coverage.ts). */
  units: Float64Array;
  /** 1: at least one active permanence without appointment. */
  dropIn: Uint8Array;
}

export function columnsOf(places: readonly CoveragePlace[]): PlaceColumns {
  const n = places.length;
  const columns: PlaceColumns = {
    ids: places.map((p) => p.id),
    names: places.map((p) => p.name),
    latitudes: new Float64Array(n),
    longitudes: new Float64Array(n),
    units: new Float64Array(n),
    dropIn: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = places[i] as CoveragePlace;
    columns.latitudes[i] = p.location.latitude;
    columns.longitudes[i] = p.location.longitude;
    columns.units[i] = p.weeklyUnits;
    columns.dropIn[i] = p.dropIn ? 1 : 0;
  }
  return columns;
}

export function placesOf(columns: PlaceColumns): CoveragePlace[] {
  const places = new Array<CoveragePlace>(columns.ids.length);
  for (let i = 0; i < places.length; i++) {
    places[i] = {
      id: columns.ids[i] as string,
      name: columns.names[i] as string,
      location: { latitude: columns.latitudes[i] as number, longitude: columns.longitudes[i] as number },
      weeklyUnits: columns.units[i] as number,
      dropIn: columns.dropIn[i] === 1,
    };
  }
  return places;
}
