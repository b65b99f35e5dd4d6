// Client of the national address API: GET {base}/search/?q=…&citycode=…&limit=1, a GeoJSON FeatureCollection.
import { GEOCODER_TIMEOUT_MS, type GeocodeQuery, type GeocodeResult, type Geocoder, MIN_SCORE } from "./geocoder.ts";

/** The best feature of an answer, or null when it is missing, malformed or scored below MIN_SCORE. */
export function parseAddressApiAnswer(body: unknown): GeocodeResult | null {
  if (typeof body !== "object" || body === null) return null;
  const features = (body as { features?: unknown }).features;
  if (!Array.isArray(features) || features.length === 0) return null;
  const first = features[0] as { geometry?: { coordinates?: unknown }; properties?: { score?: unknown } } | null;
  const coordinates = first?.geometry?.coordinates;
  const score = first?.properties?.score;
  if (!Array.isArray(coordinates) || coordinates.length < 2 || typeof score !== "number") return null;
  const [longitude, latitude] = coordinates as unknown[];
  if (typeof longitude !== "number" || typeof latitude !== "number") return null;
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return score >= MIN_SCORE ? { latitude, longitude, score } : null;
}

export function addressApiUrl(baseUrl: string, query: GeocodeQuery): string {
  const url = new URL("search/", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const q = [query.address, query.postcode].filter(Boolean).join(" ");
  url.searchParams.set("q", q);
  url.searchParams.set("citycode", query.communeCode);
  url.searchParams.set("limit", "1");
  return url.toString();
}

export function addressApiGeocoder(baseUrl: string, timeoutMs = GEOCODER_TIMEOUT_MS, fetchImpl: typeof fetch = fetch): Geocoder {
  return {
    async geocode(query) {
      if (query.address.trim().length < 3) return null;
      try {
        const response = await fetchImpl(addressApiUrl(baseUrl, query), {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) return null;
        return parseAddressApiAnswer(await response.json());
      } catch {
        return null;
      }
    },
  };
}
