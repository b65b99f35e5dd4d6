// Table types of commune requests (demandes) and their timeline of status changes and messages.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { RequestChannel, RequestKind, RequestRhythm, RequestSide, RequestStatus } from "./requests.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CommuneRequestsTable {
  id: Generated<string>;
  number: Generated<number>;
  kind: RequestKind;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  commune_code: string;
  structure_id: string | null;
  place_id: string | null;
  address: string | null;
  weekdays: ColumnType<number[], number[] | undefined, number[]>;
  start_time: string | null;
  end_time: string | null;
  rhythm: RequestRhythm | null;
  start_date: ColumnType<string | null, string | null | undefined, string | null>;
  publics: ColumnType<string[], string[] | undefined, string[]>;
  public_details: string | null;
  expected_people: number | null;
  details: string;
  contact_name: string;
  contact_role: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  channel: RequestChannel;
  created_by_user_id: string | null;
  assigned_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>;
  permanence_id: ColumnType<string | null, string | null | undefined, string | null>;
  workshop_id: ColumnType<string | null, string | null | undefined, string | null>;
  workshop_series_id: ColumnType<string | null, string | null | undefined, string | null>;
  status_changed_at: Timestamp;
  answered_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CommuneRequestRow = Selectable<CommuneRequestsTable>;

export interface CommuneRequestEventsTable {
  id: Generated<string>;
  seq: Generated<number>;
  request_id: string;
  kind: "created" | "status" | "message";
  side: RequestSide;
  from_status: RequestStatus | null;
  to_status: RequestStatus | null;
  body: string | null;
  actor_user_id: string | null;
  at: ColumnType<Date, Date | string | undefined, never>;
  is_demo: Generated<boolean>;
}

export type CommuneRequestEventRow = Selectable<CommuneRequestEventsTable>;
