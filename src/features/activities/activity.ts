// Activity reports (comptes rendus d'activité) for individual and collective activities, and the pure
// check that turns untrusted input (a form post or API JSON) into a valid report or French errors.
// Forms, API and imports all go through checkActivityReport, so the national rules hold everywhere.
import { toParis } from "../calendar/paris-time.ts";
import {
  calendarDate,
  communeCode,
  ErrorList,
  type FieldError,
  identifiers,
  isEmpty,
  oneOf,
  someOf,
  text,
  wholeNumber,
  yesNo,
} from "./activity-fields.ts";
import { type AnonymousParticipants, checkAnonymousParticipants } from "./anonymous-participants.ts";
import {
  ACTIVITY_TYPES,
  ADMINISTRATIVE_HELP_THEME,
  AGE_BANDS,
  type AgeBand,
  AUTONOMY_LEVELS,
  type Autonomy,
  COLLECTIVE_LEVELS,
  type CollectiveLevel,
  CUSTOM_DURATION,
  DURATION_PRESETS,
  EQUIPMENT,
  type Equipment,
  GENDERS,
  type Gender,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  type ProcedureArea,
  REFERRAL_STRUCTURES,
  type ReferralStructure,
  SOCIAL_STATUSES,
  type SocialStatus,
  THEMES,
  type Theme,
} from "./taxonomy.ts";

export type { FieldError } from "./activity-fields.ts";
export type { AnonymousParticipants } from "./anonymous-participants.ts";
export { MAX_ANONYMOUS_PARTICIPANTS } from "./anonymous-participants.ts";

export type ActivityPlace =
  | { type: "lieu-activite"; placeId: string }
  | { type: "domicile" | "autre-lieu"; communeCode: string }
  | { type: "a-distance" };

interface ActivityReportCommon {
  date: string; // YYYY-MM-DD, Paris calendar
  place: ActivityPlace;
  durationMinutes: number;
  equipment: Equipment[];
  themes: Theme[];
  procedureAreas: ProcedureArea[];
  notes: string | null;
}

export type IndividualBeneficiary =
  | { kind: "known"; beneficiaryId: string }
  | { kind: "anonymous"; gender: Gender; ageBand: AgeBand; socialStatus: SocialStatus; residenceCommuneCode: string | null };

export interface IndividualActivityReport extends ActivityReportCommon {
  type: "individuel";
  autonomy: Autonomy | null;
  /** null: not answered; referralStructure only when oriented. */
  orientation: { oriented: false } | { oriented: true; referralStructure: ReferralStructure | null } | null;
  beneficiary: IndividualBeneficiary;
}

export interface CollectiveActivityReport extends ActivityReportCommon {
  type: "collectif";
  title: string;
  level: CollectiveLevel | null;
  participants: { beneficiaryIds: string[]; anonymous: AnonymousParticipants; total: number };
}

export type ActivityReport = IndividualActivityReport | CollectiveActivityReport;

/** Untrusted input: form fields (strings, string lists) or API JSON. Field names are the error keys. */
export interface ActivityReportInput {
  type?: unknown;
  date?: unknown;
  placeType?: unknown;
  placeId?: unknown;
  communeCode?: unknown;
  durationPreset?: unknown; // a preset code, or CUSTOM_DURATION.code with durationMinutes
  durationMinutes?: unknown;
  equipment?: unknown;
  themes?: unknown;
  procedureAreas?: unknown;
  notes?: unknown;
  // Individual only
  autonomy?: unknown;
  oriented?: unknown; // "oui" | "non" | boolean
  referralStructure?: unknown;
  beneficiaryId?: unknown;
  gender?: unknown;
  ageBand?: unknown;
  socialStatus?: unknown;
  residenceCommuneCode?: unknown;
  // Collective only
  title?: unknown;
  level?: unknown;
  participantIds?: unknown;
  /** { total, genders: { code: count }, ageBands: { code: count }, socialStatuses: { code: count } } */
  anonymousParticipants?: unknown;
}

export type CheckResult = { ok: true; report: ActivityReport } | { ok: false; errors: FieldError[] };

export const MAX_TITLE_LENGTH = 200;
export const MAX_NOTES_LENGTH = 5000;

const INDIVIDUAL_ONLY = ["autonomy", "oriented", "referralStructure", "beneficiaryId", "gender", "ageBand", "socialStatus", "residenceCommuneCode"] as const;
const COLLECTIVE_ONLY = ["title", "level", "participantIds", "anonymousParticipants"] as const;

/** Checks a report against the national rules; `now` decides what « in the future » means (Paris date). */
export function checkActivityReport(input: ActivityReportInput, context: { now: Date }): CheckResult {
  const errors = new ErrorList();
  const type = oneOf(ACTIVITY_TYPES, input.type, "type", errors);
  if (type === null && isEmpty(input.type)) errors.add("type", "Choisissez un accompagnement individuel ou un atelier collectif.");
  const common = checkCommon(input, context.now, errors);
  let report: ActivityReport | null = null;
  if (type === "individuel") {
    refuse(input, COLLECTIVE_ONLY, "Ce champ ne concerne que les ateliers collectifs.", errors);
    report = { type, ...common, ...checkIndividual(input, errors) };
  } else if (type === "collectif") {
    refuse(input, INDIVIDUAL_ONLY, "Ce champ ne concerne que les accompagnements individuels.", errors);
    report = { type, ...common, ...checkCollective(input, errors) };
  }
  return errors.errors.length === 0 && report !== null ? { ok: true, report } : { ok: false, errors: errors.errors };
}

function refuse(input: ActivityReportInput, fields: readonly (keyof ActivityReportInput)[], message: string, errors: ErrorList): void {
  for (const field of fields) if (!isEmpty(input[field])) errors.add(field, message);
}

function checkCommon(input: ActivityReportInput, now: Date, errors: ErrorList): ActivityReportCommon {
  const date = calendarDate(input.date);
  if (date === null) errors.add("date", "Indiquez la date de l'activité (jour, mois, année).");
  else if (date > toParis(now).date) errors.add("date", "La date ne peut pas être dans le futur.");

  const themes = someOf(THEMES, input.themes, "themes", errors);
  if (themes.length === 0) errors.add("themes", "Choisissez au moins une thématique.");
  const procedureAreas = someOf(PROCEDURE_AREAS, input.procedureAreas, "procedureAreas", errors);
  const administrativeHelp = themes.includes(ADMINISTRATIVE_HELP_THEME);
  if (administrativeHelp && procedureAreas.length === 0 && isEmpty(input.procedureAreas)) {
    errors.add("procedureAreas", "Choisissez au moins un domaine de démarche administrative.");
  } else if (!administrativeHelp && !isEmpty(input.procedureAreas)) {
    errors.add("procedureAreas", "Les domaines de démarche ne se choisissent qu'avec la thématique « Aide aux démarches administratives ».");
  }

  const equipment = someOf(EQUIPMENT, input.equipment, "equipment", errors);
  if (equipment.includes("aucun") && equipment.length > 1) {
    errors.add("equipment", "« Pas de matériel » ne peut pas être choisi avec un autre matériel.");
  }

  const notes = text(input.notes);
  if (notes !== null && notes.length > MAX_NOTES_LENGTH) errors.add("notes", `Les notes ne doivent pas dépasser ${MAX_NOTES_LENGTH} caractères.`);

  return {
    date: date ?? "",
    place: checkPlace(input, errors),
    durationMinutes: checkDuration(input, errors),
    equipment,
    themes,
    procedureAreas: administrativeHelp ? procedureAreas : [],
    notes,
  };
}

function checkPlace(input: ActivityReportInput, errors: ErrorList): ActivityPlace {
  const placeType = oneOf(PLACE_TYPES, input.placeType, "placeType", errors);
  if (placeType === null) {
    if (isEmpty(input.placeType)) errors.add("placeType", "Indiquez où s'est déroulée l'activité.");
    return { type: "a-distance" };
  }
  if (placeType === "lieu-activite") {
    const placeId = text(input.placeId);
    if (placeId === null) errors.add("placeId", "Choisissez le lieu d'activité.");
    return { type: placeType, placeId: placeId ?? "" };
  }
  if (placeType === "domicile" || placeType === "autre-lieu") {
    const code = communeCode(input.communeCode);
    if (code === null) errors.add("communeCode", "Indiquez la commune où s'est déroulée l'activité.");
    if (code === undefined) errors.add("communeCode", "Choisissez une commune de la liste (code INSEE à 5 caractères).");
    return { type: placeType, communeCode: code ?? "" };
  }
  return { type: placeType };
}

function checkDuration(input: ActivityReportInput, errors: ErrorList): number {
  const presetValue = text(input.durationPreset);
  const preset = DURATION_PRESETS.find((p) => p.code === presetValue);
  if (preset !== undefined) return preset.minutes;
  if (presetValue !== null && presetValue !== CUSTOM_DURATION.code) {
    errors.add("durationPreset", "Cette durée n'existe pas : choisissez une durée de la liste.");
    return 0;
  }
  const minutes = wholeNumber(input.durationMinutes);
  if (minutes === undefined) {
    if (presetValue === null) errors.add("durationPreset", "Indiquez la durée de l'activité.");
    else errors.add("durationMinutes", "Indiquez la durée en minutes.");
    return 0;
  }
  if (Number.isNaN(minutes) || minutes < MIN_DURATION_MINUTES || minutes > MAX_DURATION_MINUTES) {
    errors.add("durationMinutes", `La durée doit être un nombre entier de minutes, entre ${MIN_DURATION_MINUTES} et ${MAX_DURATION_MINUTES}.`);
    return 0;
  }
  return minutes;
}

function checkIndividual(input: ActivityReportInput, errors: ErrorList): Omit<IndividualActivityReport, "type" | keyof ActivityReportCommon> {
  const autonomy = oneOf(AUTONOMY_LEVELS, input.autonomy, "autonomy", errors);
  const oriented = yesNo(input.oriented, "oriented", errors);
  const referralStructure = oneOf(REFERRAL_STRUCTURES, input.referralStructure, "referralStructure", errors);
  if (oriented !== true && !isEmpty(input.referralStructure)) {
    errors.add("referralStructure", "Choisissez une structure seulement si la personne a été orientée.");
  }
  const orientation = oriented === null ? null : oriented ? { oriented: true as const, referralStructure } : { oriented: false as const };
  return { autonomy, orientation, beneficiary: checkBeneficiary(input, errors) };
}

function checkBeneficiary(input: ActivityReportInput, errors: ErrorList): IndividualBeneficiary {
  const profileFields = ["gender", "ageBand", "socialStatus", "residenceCommuneCode"] as const;
  const beneficiaryId = text(input.beneficiaryId);
  if (beneficiaryId !== null) {
    for (const field of profileFields) {
      if (!isEmpty(input[field])) errors.add(field, "Le profil d'une personne connue vient de sa fiche : ne le remplissez pas ici.");
    }
    return { kind: "known", beneficiaryId };
  }
  const gender = oneOf(GENDERS, input.gender, "gender", errors) ?? "non-communique";
  const ageBand = oneOf(AGE_BANDS, input.ageBand, "ageBand", errors) ?? "non-communique";
  const socialStatus = oneOf(SOCIAL_STATUSES, input.socialStatus, "socialStatus", errors) ?? "non-communique";
  const residence = communeCode(input.residenceCommuneCode);
  if (residence === undefined) errors.add("residenceCommuneCode", "Choisissez une commune de la liste (code INSEE à 5 caractères).");
  return { kind: "anonymous", gender, ageBand, socialStatus, residenceCommuneCode: residence ?? null };
}

function checkCollective(input: ActivityReportInput, errors: ErrorList): Omit<CollectiveActivityReport, "type" | keyof ActivityReportCommon> {
  const title = text(input.title);
  if (title === null) errors.add("title", "Donnez un titre à l'atelier.");
  else if (title.length > MAX_TITLE_LENGTH) errors.add("title", `Le titre ne doit pas dépasser ${MAX_TITLE_LENGTH} caractères.`);
  const level = oneOf(COLLECTIVE_LEVELS, input.level, "level", errors);
  const beneficiaryIds = identifiers(input.participantIds, "participantIds", errors);
  const anonymous = checkAnonymousParticipants(input.anonymousParticipants, errors);
  const total = beneficiaryIds.length + anonymous.total;
  if (total < 1) errors.add("participants", "Indiquez au moins un participant (personne connue ou nombre de participants anonymes).");
  return { title: title ?? "", level, participants: { beneficiaryIds, anonymous, total } };
}
