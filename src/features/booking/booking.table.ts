import type { ColumnType, Generated, Selectable } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface AppointmentKindsTable {
  id: Generated<string>;
  structure_id: string;
  name: string;
  duration_minutes: number;
  location: "place" | "phone" | "video" | "home";
  bookable_by: ColumnType<"public" | "staff", "public" | "staff" | undefined, "public" | "staff">;
  earliest_minutes: ColumnType<number, number | undefined, number>;
  latest_months: ColumnType<number, number | undefined, number>;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AbsencesTable {
  id: Generated<string>;
  advisor_id: string;
  kind: "training" | "leave" | "other";
  label: string | null;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  weekdays: number[] | null;
  start_time: string | null;
  end_time: string | null;
  valid_from: string | null;
  valid_to: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OpeningPeriodsTable {
  id: Generated<string>;
  advisor_id: string;
  place_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_at: CreatedAt;
}

export type AppointmentStatus = "planned" | "attended" | "no_show" | "excused" | "cancelled";

export interface AppointmentsTable {
  id: Generated<string>;
  advisor_id: string;
  place_id: string | null;
  kind_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: ColumnType<AppointmentStatus, AppointmentStatus | undefined, AppointmentStatus>;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  birth_year: number | null;
  commune_code: string | null;
  accompanied: ColumnType<boolean, boolean | undefined, boolean>;
  needs: string | null;
  themes: TextArray;
  notes: string | null;
  consent_at: Timestamp;
  booked_via: "public" | "staff" | "api";
  booked_by_user_id: string | null;
  /** Keyed hash of the client address of a public booking, kept one day for throttling. */
  booked_ip_hash: ColumnType<string | null, string | null | undefined, string | null>;
  manage_token_hash: string | null;
  cancelled_at: NullableTimestamp;
  /** Set when the person was erased: names kept as placeholders, contact details removed. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type WorkshopLevel = "debutant" | "intermediaire" | "avance";

interface WorkshopCommon {
  id: Generated<string>;
  structure_id: string;
  advisor_id: string | null;
  title: string;
  themes: TextArray;
  level: WorkshopLevel;
  description: string | null;
  place_id: string | null;
  is_remote: ColumnType<boolean, boolean | undefined, boolean>;
  video_url: string | null;
  capacity: number;
  is_public: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface WorkshopSeriesTable extends WorkshopCommon {
  weekday: number;
  start_time: string;
  end_time: string;
  every_weeks: ColumnType<number, number | undefined, number>;
  valid_from: string;
  valid_to: string | null;
}

export interface WorkshopsTable extends WorkshopCommon {
  series_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

export type RegistrationStatus = "registered" | "waiting" | "offered" | "cancelled" | "attended" | "absent";

export type RegistrationSource = "self_diagnostic";

export interface WorkshopRegistrationsTable {
  id: Generated<string>;
  workshop_id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  status: RegistrationStatus;
  offered_at: NullableTimestamp;
  offer_expires_at: NullableTimestamp;
  consent_at: Timestamp;
  /** Set when the person was erased: placeholders instead of names, no contact details. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  manage_token_hash: string | null;
  booked_by_user_id: string | null;
  /** How the person came: "self_diagnostic" when booked from a self-diagnostic's result; null otherwise. */
  source: ColumnType<RegistrationSource | null, RegistrationSource | null | undefined, never>;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  advisor_id: string;
  token_hash: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export type AppointmentRow = Selectable<AppointmentsTable>;
export type AppointmentKindRow = Selectable<AppointmentKindsTable>;
export type WorkshopRow = Selectable<WorkshopsTable>;
export type RegistrationRow = Selectable<WorkshopRegistrationsTable>;
