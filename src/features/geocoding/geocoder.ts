// Address geocoding behind an interface: the national address API (Base Adresse Nationale) in production,
// a local double in tests. Callers fall back to the commune centre when nothing trustworthy comes back.

export interface GeocodeQuery {
  /** Street address as people write it: "12 rue de la Paix". */
  address: string;
  /** INSEE code of the commune, to keep the answer inside it. */
  communeCode: string;
  postcode?: string;
}

export interface GeocodeResult {
  latitude: number;
  longitude: number;
  /** 0…1: how well the address matched (the API's own score). */
  score: number;
}

export interface Geocoder {
  /** null when the address is unknown, the match is too weak, or the service is unreachable. */
  geocode(query: GeocodeQuery): Promise<GeocodeResult | null>;
}

/** Below this score the API's answer is a guess: the commune centre is more honest. */
export const MIN_SCORE = 0.5;

export const GEOCODER_TIMEOUT_MS = 3000;

/** A geocoder that never finds anything: for places where no address service is wanted. */
export const noGeocoder: Geocoder = { geocode: async () => null };
