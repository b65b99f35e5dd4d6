import type { ColumnType, Generated, Selectable } from "kysely";
import type { Role } from "../../organisation/organisation.ts";
import type { JoinRequestStatus } from "./join-requests.ts";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface JoinRequestsTable {
  id: Generated<string>;
  sub: string;
  email: string;
  given_name: string | null;
  usual_name: string | null;
  siret: string | null;
  uid: string | null;
  proposed_structure_id: string | null;
  requested_role: Role | null;
  message: string | null;
  status: ColumnType<JoinRequestStatus, JoinRequestStatus | undefined, JoinRequestStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  decided_at: MaybeTimestamp;
  decided_by: string | null;
  refusal_reason: string | null;
  granted_role: Role | null;
  granted_structure_id: string | null;
  user_id: string | null;
  /** When the reviewers were reminded of the request, once. */
  reminded_at: MaybeTimestamp;
}

export type JoinRequestRow = Selectable<JoinRequestsTable>;
