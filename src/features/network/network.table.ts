// Table type of the coordinators' own work log (national coordination model).
import type { ColumnType, Generated, Selectable } from "kysely";

export interface CoordinationEventsTable {
  id: Generated<string>;
  kind: "reunion-reseau" | "evenement" | "partenariat" | "formation" | "autre";
  date: ColumnType<string, string, string>;
  title: string;
  duration_minutes: number | null;
  participants_count: number | null;
  partners: string | null;
  commune_code: string | null;
  notes: string | null;
  created_by_user_id: string | null;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type CoordinationEventRow = Selectable<CoordinationEventsTable>;
