// From a checked report (domain) to the rows we store, and the profile snapshot rule: a report keeps
// the person's gender, age band, social status and commune as they were, so erasing the person later
// (or the person's birthday) never changes a figure.
import type { Insertable } from "kysely";
import type { ActivityParticipantsTable, ActivityReportsTable } from "./activities.table.ts";
import type { ActivityReport } from "./activity.ts";

/** The non-identifying profile of a person, as reports snapshot it. */
export interface PersonProfile {
  gender: string;
  ageBand: string;
  socialStatus: string;
  communeCode: string | null;
}

export interface RowContext {
  advisorId: string;
  structureId: string;
  createdByUserId: string | null;
  /** The commune of report.place when it is one of the advisor's places. */
  placeCommuneCode: string | null;
  /** Profiles of the known people the report names (individual beneficiary, workshop participants). */
  profiles: ReadonlyMap<string, PersonProfile>;
  appointmentId?: string | null;
  workshopId?: string | null;
}

export type ReportRow = Omit<Insertable<ActivityReportsTable>, "id" | "created_at">;
export type ParticipantRow = Omit<Insertable<ActivityParticipantsTable>, "report_id">;

export class UnknownPersonError extends Error {
  constructor(readonly beneficiaryId: string) {
    super(`unknown beneficiary ${beneficiaryId}`);
  }
}

function profileOf(context: RowContext, id: string): PersonProfile {
  const profile = context.profiles.get(id);
  if (!profile) throw new UnknownPersonError(id);
  return profile;
}

export function reportToRows(report: ActivityReport, context: RowContext): { report: ReportRow; participants: ParticipantRow[] } {
  const place = report.place;
  const common = {
    advisor_id: context.advisorId,
    structure_id: context.structureId,
    type: report.type,
    date: report.date,
    place_type: place.type,
    place_id: place.type === "lieu-activite" ? place.placeId : null,
    commune_code: place.type === "lieu-activite" ? context.placeCommuneCode : place.type === "a-distance" ? null : place.communeCode,
    duration_minutes: report.durationMinutes,
    equipment: [...report.equipment],
    themes: [...report.themes],
    procedure_areas: [...report.procedureAreas],
    notes: report.notes,
    created_by_user_id: context.createdByUserId,
    appointment_id: context.appointmentId ?? null,
    workshop_id: context.workshopId ?? null,
  };
  if (report.type === "individuel") {
    const person = report.beneficiary;
    const profile: PersonProfile =
      person.kind === "known"
        ? profileOf(context, person.beneficiaryId)
        : { gender: person.gender, ageBand: person.ageBand, socialStatus: person.socialStatus, communeCode: person.residenceCommuneCode };
    return {
      report: {
        ...common,
        autonomy: report.autonomy,
        oriented: report.orientation === null ? null : report.orientation.oriented,
        referral_structure: report.orientation?.oriented ? report.orientation.referralStructure : null,
        beneficiary_id: person.kind === "known" ? person.beneficiaryId : null,
        beneficiary_gender: profile.gender,
        beneficiary_age_band: profile.ageBand,
        beneficiary_social_status: profile.socialStatus,
        beneficiary_commune_code: profile.communeCode,
        title: null,
        level: null,
        anonymous_participants: null,
        anonymous_total: 0,
        participants_total: 1,
      },
      participants: [],
    };
  }
  const { beneficiaryIds, anonymous, total } = report.participants;
  return {
    report: {
      ...common,
      autonomy: null,
      oriented: null,
      referral_structure: null,
      beneficiary_id: null,
      beneficiary_gender: null,
      beneficiary_age_band: null,
      beneficiary_social_status: null,
      beneficiary_commune_code: null,
      title: report.title,
      level: report.level,
      anonymous_participants: JSON.stringify({ genders: anonymous.genders, ageBands: anonymous.ageBands, socialStatuses: anonymous.socialStatuses }),
      anonymous_total: anonymous.total,
      participants_total: total,
    },
    participants: beneficiaryIds.map((id) => {
      const p = profileOf(context, id);
      return { beneficiary_id: id, gender: p.gender, age_band: p.ageBand, social_status: p.socialStatus, commune_code: p.communeCode };
    }),
  };
}
