// The whole database as Kysely sees it, assembled from each feature's table types.
import type { ColumnType, Kysely, Transaction } from "kysely";
import type { ActivityParticipantsTable, ActivityReportsTable } from "../features/activities/activities.table.ts";
import type { ApiTokensTable } from "../features/api-tokens/api-tokens.table.ts";
import type { AuditLogTable } from "../features/audit/audit.table.ts";
import type { SessionsTable, SignInRequestsTable, SignInTokensTable } from "../features/auth/auth.table.ts";
import type { JoinRequestsTable } from "../features/auth/join-requests/join-requests.table.ts";
import type { ProConnectLinksTable, ProConnectSessionsTable } from "../features/auth/proconnect/proconnect.table.ts";
import type { RecoveryCodesTable, UserSecondFactorsTable } from "../features/auth/second-factor/second-factor.table.ts";
import type { BeneficiariesTable } from "../features/beneficiaries/beneficiaries.table.ts";
import type {
  AbsencesTable,
  AppointmentKindsTable,
  AppointmentsTable,
  CalendarFeedsTable,
  OpeningPeriodsTable,
  WorkshopRegistrationsTable,
  WorkshopSeriesTable,
  WorkshopsTable,
} from "../features/booking/booking.table.ts";
import type { CoverageChangesFoldedTable, CoverageChangesTable, CoveragePlacesTable } from "../features/coverage/coverage.table.ts";
import type { CoordinationEventsTable } from "../features/network/network.table.ts";
import type {
  AdvisorsTable,
  RoleAssignmentsTable,
  StructuresTable,
  UsersTable,
} from "../features/organisation/organisation.table.ts";
import type { OutboxTable } from "../features/outbox/outbox.table.ts";
import type { PartnerCoverageTable, PartnerProfilesTable, PartnerServicesTable } from "../features/partners/partners.table.ts";
import type { PlaceOpeningsHorizonTable, PlaceOpeningsStaleTable, PlaceOpeningsTable, PlaceSearchOpeningsTable } from "../features/places/openings/openings.table.ts";
import type { PermanencesTable, PlaceChangesTable, PlaceReportsTable, PlacesTable } from "../features/places/places.table.ts";
import type { ReferralEventsTable, ReferralsTable } from "../features/referrals/referrals.table.ts";
import type { CommuneRequestEventsTable, CommuneRequestsTable } from "../features/requests/requests.table.ts";
import type { SelfDiagnosticDaysTable } from "../features/self-diagnostic/self-diagnostic.table.ts";
import type { CommunesTable, EpcisTable } from "../features/territory/territory.table.ts";
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from "../features/webhooks/webhooks.table.ts";

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  settings: SettingsTable;
  epcis: EpcisTable;
  communes: CommunesTable;
  structures: StructuresTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  advisors: AdvisorsTable;
  places: PlacesTable;
  permanences: PermanencesTable;
  place_reports: PlaceReportsTable;
  place_changes: PlaceChangesTable;
  sessions: SessionsTable;
  sign_in_tokens: SignInTokensTable;
  sign_in_requests: SignInRequestsTable;
  outbox: OutboxTable;
  appointment_kinds: AppointmentKindsTable;
  absences: AbsencesTable;
  opening_periods: OpeningPeriodsTable;
  appointments: AppointmentsTable;
  workshop_series: WorkshopSeriesTable;
  workshops: WorkshopsTable;
  workshop_registrations: WorkshopRegistrationsTable;
  calendar_feeds: CalendarFeedsTable;
  audit_log: AuditLogTable;
  beneficiaries: BeneficiariesTable;
  activity_reports: ActivityReportsTable;
  activity_participants: ActivityParticipantsTable;
  api_tokens: ApiTokensTable;
  coordination_events: CoordinationEventsTable;
  coverage_changes: CoverageChangesTable;
  coverage_changes_folded: CoverageChangesFoldedTable;
  coverage_places: CoveragePlacesTable;
  commune_requests: CommuneRequestsTable;
  commune_request_events: CommuneRequestEventsTable;
  place_openings: PlaceOpeningsTable;
  place_openings_horizon: PlaceOpeningsHorizonTable;
  place_openings_stale: PlaceOpeningsStaleTable;
  place_search_openings: PlaceSearchOpeningsTable;
  self_diagnostic_days: SelfDiagnosticDaysTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  user_second_factors: UserSecondFactorsTable;
  second_factor_recovery_codes: RecoveryCodesTable;
  proconnect_links: ProConnectLinksTable;
  proconnect_sessions: ProConnectSessionsTable;
  join_requests: JoinRequestsTable;
  partner_profiles: PartnerProfilesTable;
  partner_coverage: PartnerCoverageTable;
  partner_services: PartnerServicesTable;
}

export type Db = Kysely<Database>;
/** What repositories take first: the database or a transaction, so callers decide the transaction. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;
