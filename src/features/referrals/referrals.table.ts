// Table types of referrals (orientations) and their timeline of status changes.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { ConsentMode, ContactPreference, ReferralSource, ReferralStatus, Urgency } from "./referrals.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ReferralsTable {
  id: Generated<string>;
  number: Generated<number>;
  source: ReferralSource;
  from_structure_id: string;
  created_by_user_id: string | null;
  target_structure_id: string;
  target_place_id: string | null;
  status: ColumnType<ReferralStatus, ReferralStatus | undefined, ReferralStatus>;
  themes: ColumnType<string[], string[] | undefined, string[]>;
  needs: Nullable<string>;
  urgency: Urgency;
  first_name: Nullable<string>;
  last_name: Nullable<string>;
  phone: Nullable<string>;
  email: Nullable<string>;
  contact_preference: ContactPreference;
  commune_code: Nullable<string>;
  consent_mode: ConsentMode;
  consent_at: Timestamp;
  consent_by_user_id: string | null;
  appointment_id: Nullable<string>;
  /** The activity report an advisor → partner referral came from (one referral per report). */
  activity_report_id: Nullable<string>;
  decision_reason: Nullable<string>;
  status_changed_at: Timestamp;
  answered_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  anonymised_at: NullableTimestamp;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ReferralRow = Selectable<ReferralsTable>;

export interface ReferralEventsTable {
  id: Generated<string>;
  seq: Generated<number>;
  referral_id: string;
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  reason: string | null;
  actor_user_id: string | null;
  at: ColumnType<Date, Date | string | undefined, never>;
  is_demo: Generated<boolean>;
}
