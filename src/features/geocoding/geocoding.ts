// The geocoder the application uses, built from the configuration (GEOCODER_URL, GEOCODER_TIMEOUT_MS).
import type { Config } from "../../config.ts";
import { addressApiGeocoder } from "./address-api.ts";
import { type Geocoder, noGeocoder } from "./geocoder.ts";

export function geocoderFor(config: Pick<Config, "geocoder">): Geocoder {
  return config.geocoder ? addressApiGeocoder(config.geocoder.url, config.geocoder.timeoutMs) : noGeocoder;
}
