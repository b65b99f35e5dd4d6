// The report form as typed: reading the posted fields (kept as text so a refused form shows them again),
// turning them into the input of checkActivityReport (the only validation), and filling the form from
// defaults or a stored report. Field names are checkActivityReport's, so its errors land on the fields.
import { type AdvisorReferralValues, BLANK_ADVISOR_REFERRAL, readAdvisorReferral } from "../referrals/advisor-referral.ts";
import type { ActivityReportInput } from "./activity.ts";
import type { ReportDefaults } from "./report-defaults.ts";
import { type ActivityType, AGE_BANDS, CUSTOM_DURATION, durationPresetOf, GENDERS, SOCIAL_STATUSES } from "./taxonomy.ts";

export const BREAKDOWNS = { genders: GENDERS, ageBands: AGE_BANDS, socialStatuses: SOCIAL_STATUSES } as const;
export type BreakdownName = keyof typeof BREAKDOWNS;

export interface ReportFormValues {
  type: string;
  date: string;
  placeType: string;
  placeId: string;
  /** The commune as typed: « Agen (47001) », a name or a code. */
  communeCode: string;
  durationPreset: string;
  durationMinutes: string;
  equipment: string[];
  themes: string[];
  procedureAreas: string[];
  notes: string;
  autonomy: string;
  oriented: string;
  referralStructure: string;
  /** A referral to a partner structure of the network, sent with the report (individual reports only). */
  referral: AdvisorReferralValues;
  beneficiaryId: string;
  gender: string;
  ageBand: string;
  socialStatus: string;
  residenceCommuneCode: string;
  title: string;
  level: string;
  participantIds: string[];
  anonymousTotal: string;
  /** `${breakdown}.${code}` → count as typed. */
  breakdown: Record<string, string>;
}

export function formType(values: ReportFormValues): ActivityType {
  return values.type === "collectif" ? "collectif" : "individuel";
}

export function blankReportForm(type: ActivityType): ReportFormValues {
  return {
    type,
    date: "",
    placeType: "",
    placeId: "",
    communeCode: "",
    durationPreset: "",
    durationMinutes: "",
    equipment: [],
    themes: [],
    procedureAreas: [],
    notes: "",
    autonomy: "",
    oriented: "",
    referralStructure: "",
    referral: { ...BLANK_ADVISOR_REFERRAL },
    beneficiaryId: "",
    gender: "",
    ageBand: "",
    socialStatus: "",
    residenceCommuneCode: "",
    title: "",
    level: "",
    participantIds: [],
    anonymousTotal: "",
    breakdown: {},
  };
}

/** The duration fields for a number of minutes: its preset, or « autre » with the minutes typed. */
export function durationFields(minutes: number): Pick<ReportFormValues, "durationPreset" | "durationMinutes"> {
  const preset = durationPresetOf(minutes);
  return preset ? { durationPreset: preset, durationMinutes: "" } : { durationPreset: CUSTOM_DURATION.code, durationMinutes: String(minutes) };
}

export function formWithDefaults(type: ActivityType, defaults: ReportDefaults, communeText: (code: string | null) => string): ReportFormValues {
  return {
    ...blankReportForm(type),
    date: defaults.date,
    placeType: defaults.placeType ?? "",
    placeId: defaults.placeId ?? "",
    communeCode: communeText(defaults.communeCode),
    ...durationFields(defaults.durationMinutes),
  };
}

type RawForm = Record<string, unknown>;

function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.trim() : "";
}

function many(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

export function readReportForm(body: RawForm): ReportFormValues {
  const breakdown: Record<string, string> = {};
  for (const [name, table] of Object.entries(BREAKDOWNS)) {
    for (const option of table) {
      const value = one(body[`anonymousParticipants.${name}.${option.code}`]);
      if (value !== "") breakdown[`${name}.${option.code}`] = value;
    }
  }
  return {
    type: one(body.type),
    date: one(body.date),
    placeType: one(body.placeType),
    placeId: one(body.placeId),
    communeCode: one(body.communeCode),
    durationPreset: one(body.durationPreset),
    durationMinutes: one(body.durationMinutes),
    equipment: many(body.equipment),
    themes: many(body.themes),
    procedureAreas: many(body.procedureAreas),
    notes: typeof body.notes === "string" ? body.notes : "",
    autonomy: one(body.autonomy),
    oriented: one(body.oriented),
    referralStructure: one(body.referralStructure),
    referral: readAdvisorReferral(body),
    beneficiaryId: one(body.beneficiaryId),
    gender: one(body.gender),
    ageBand: one(body.ageBand),
    socialStatus: one(body.socialStatus),
    residenceCommuneCode: one(body.residenceCommuneCode),
    title: one(body.title),
    level: one(body.level),
    participantIds: many(body.participantIds),
    anonymousTotal: one(body["anonymousParticipants.total"]),
    breakdown,
  };
}

/**
 * What checkActivityReport reads. Every posted field goes through, whatever the type, so the domain
 * refuses an individual-only field on a workshop (and the reverse) even when posted by hand.
 */
export function toReportInput(values: ReportFormValues, communeCodeOf: (text: string) => string): ActivityReportInput {
  const breakdowns: Record<string, Record<string, string>> = {};
  for (const [key, count] of Object.entries(values.breakdown)) {
    const [name, code] = key.split(".") as [string, string];
    breakdowns[name] = { ...breakdowns[name], [code]: count };
  }
  const anonymous = { total: values.anonymousTotal, ...breakdowns };
  return {
    type: values.type,
    date: values.date,
    placeType: values.placeType,
    placeId: values.placeId,
    communeCode: communeCodeOf(values.communeCode),
    durationPreset: values.durationPreset,
    durationMinutes: values.durationMinutes,
    equipment: values.equipment,
    themes: values.themes,
    procedureAreas: values.procedureAreas,
    notes: values.notes,
    autonomy: values.autonomy,
    oriented: values.oriented,
    referralStructure: values.referralStructure,
    beneficiaryId: values.beneficiaryId,
    gender: values.gender,
    ageBand: values.ageBand,
    socialStatus: values.socialStatus,
    residenceCommuneCode: communeCodeOf(values.residenceCommuneCode),
    title: values.title,
    level: values.level,
    participantIds: values.participantIds,
    anonymousParticipants: anonymous,
  };
}

/** The fields of a stored report, to edit or duplicate it. */
export interface StoredReportFields {
  type: ActivityType;
  date: string;
  place_type: string;
  place_id: string | null;
  commune_code: string | null;
  duration_minutes: number;
  equipment: string[];
  themes: string[];
  procedure_areas: string[];
  notes: string | null;
  autonomy: string | null;
  oriented: boolean | null;
  referral_structure: string | null;
  beneficiary_id: string | null;
  beneficiary_gender: string | null;
  beneficiary_age_band: string | null;
  beneficiary_social_status: string | null;
  beneficiary_commune_code: string | null;
  title: string | null;
  level: string | null;
  anonymous_total: number;
  anonymous_participants: { genders: Record<string, number>; ageBands: Record<string, number>; socialStatuses: Record<string, number> } | null;
}

export function reportToForm(r: StoredReportFields, participantIds: string[], communeText: (code: string | null) => string): ReportFormValues {
  const known = r.beneficiary_id !== null;
  const profile = (value: string | null) => (known || value === null || value === "non-communique" ? "" : value);
  const breakdown: Record<string, string> = {};
  for (const name of Object.keys(BREAKDOWNS) as BreakdownName[]) {
    for (const [code, count] of Object.entries(r.anonymous_participants?.[name] ?? {})) {
      // « Non communiqué » is the remainder the domain computes: it is never typed.
      if (code !== "non-communique" && count > 0) breakdown[`${name}.${code}`] = String(count);
    }
  }
  return {
    type: r.type,
    date: r.date,
    placeType: r.place_type,
    placeId: r.place_id ?? "",
    communeCode: r.place_type === "domicile" || r.place_type === "autre-lieu" ? communeText(r.commune_code) : "",
    ...durationFields(r.duration_minutes),
    equipment: [...r.equipment],
    themes: [...r.themes],
    procedureAreas: [...r.procedure_areas],
    notes: r.notes ?? "",
    autonomy: r.autonomy ?? "",
    oriented: r.oriented === null ? "" : r.oriented ? "oui" : "non",
    referralStructure: r.referral_structure ?? "",
    referral: { ...BLANK_ADVISOR_REFERRAL },
    beneficiaryId: r.beneficiary_id ?? "",
    gender: profile(r.beneficiary_gender),
    ageBand: profile(r.beneficiary_age_band),
    socialStatus: profile(r.beneficiary_social_status),
    residenceCommuneCode: known ? "" : communeText(r.beneficiary_commune_code),
    title: r.title ?? "",
    level: r.level ?? "",
    participantIds,
    anonymousTotal: r.type === "collectif" ? String(r.anonymous_total) : "",
    breakdown,
  };
}
