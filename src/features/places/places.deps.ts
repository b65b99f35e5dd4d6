// What the places sub-features (search, place page, back office, open data) receive from the app.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/schema.ts";

export interface PlacesFeatureDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
  /** Keyed hashing of IP addresses for throttles that must not store them in clear. */
  secret: string;
}
