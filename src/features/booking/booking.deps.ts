// What the booking slices (booking, notifications, workshops, agenda) receive from the app.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/schema.ts";

export interface BookingFeatureDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
  /** Signs and hashes personal links (manage tokens, calendar feeds). */
  secret: string;
  /** Wakes the outbox worker after a commit that wrote messages. */
  afterCommit: () => void;
}
