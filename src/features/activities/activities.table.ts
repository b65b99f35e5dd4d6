// Table types of activity reports and their known participants. Codes are the taxonomy's `code`s.
import type { ColumnType, Generated, Selectable } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** A `date` column: read as "YYYY-MM-DD" (see the database type parsers). */
type CalendarDate = ColumnType<string, string, string>;

export interface ActivityReportsTable {
  id: Generated<string>;
  advisor_id: string;
  /** The advisor's employer when the report was written (statistics by structure). */
  structure_id: string;
  type: "individuel" | "collectif";
  date: CalendarDate;
  place_type: "lieu-activite" | "domicile" | "a-distance" | "autre-lieu";
  place_id: string | null;
  /** Where it happened: the place's commune, the typed commune (home, other place), null remotely. */
  commune_code: string | null;
  duration_minutes: number;
  equipment: TextArray;
  themes: ColumnType<string[], string[], string[]>;
  procedure_areas: TextArray;
  notes: string | null;
  autonomy: string | null;
  oriented: boolean | null;
  referral_structure: string | null;
  beneficiary_id: string | null;
  /** Profile snapshot (individual reports, known or anonymous person): never erased. */
  beneficiary_gender: string | null;
  beneficiary_age_band: string | null;
  beneficiary_social_status: string | null;
  beneficiary_commune_code: string | null;
  title: string | null;
  level: string | null;
  /** { genders: {code: n}, ageBands: {code: n}, socialStatuses: {code: n} } of anonymous participants. */
  anonymous_participants: ColumnType<AnonymousBreakdown | null, string | null | undefined, string | null>;
  anonymous_total: ColumnType<number, number | undefined, number>;
  participants_total: ColumnType<number, number | undefined, number>;
  appointment_id: string | null;
  workshop_id: string | null;
  /** The id the advisor's phone gave a report typed offline: a second send finds the first row. */
  client_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by_user_id: string | null;
  deleted_at: NullableTimestamp;
  deleted_by_user_id: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AnonymousBreakdown {
  genders: Record<string, number>;
  ageBands: Record<string, number>;
  socialStatuses: Record<string, number>;
}

export interface ActivityParticipantsTable {
  report_id: string;
  beneficiary_id: string;
  gender: string;
  age_band: string;
  social_status: string;
  commune_code: string | null;
}

export type ActivityReportRow = Selectable<ActivityReportsTable>;
export type ActivityParticipantRow = Selectable<ActivityParticipantsTable>;
