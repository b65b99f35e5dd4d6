// The report form's work: what the form offers an advisor, where it starts from (defaults, an appointment,
// a workshop, a copy), saving through checkActivityReport and reportToRows in one transaction, deleting.
import type { Db } from "../../db/schema.ts";
import { fieldErrorsFrom } from "../../web/components.tsx";
import { HttpError } from "../../web/errors.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { logDenied, logRead } from "../beneficiaries/beneficiary-privacy.repository.ts";
import { toParis } from "../calendar/paris-time.ts";
import { beneficiaryContact, referralOfReport } from "../referrals/advisor-referral.repository.ts";
import { referFromReport } from "../referrals/advisor-referral.service.ts";
import { type CheckedAdvisorReferral, checkAdvisorReferral } from "../referrals/advisor-referral.ts";
import type { SentReferral } from "../referrals/advisor-referral.views.tsx";
import { type PartnerTarget, partnerTargets } from "../referrals/referral-targets.repository.ts";
import { referralReportSaved } from "../referrals/referrals.service.ts";
import { reportPrefill } from "../self-diagnostic/self-diagnostic.ts";
import { publishAppointmentEvent } from "../webhooks/appointment-events.ts";
import { type ActivityActor, canChangeReport, canSeeIdentity, canSeeReport, canWriteReports } from "./activities.policy.ts";
import {
  advisorPlaces,
  type BeneficiaryOption,
  beneficiariesByIds,
  departementCommunes,
  findAppointmentForReport,
  findReport,
  findWorkshopForReport,
  insertReport,
  markAppointmentAttended,
  namedBeneficiaries,
  type PlaceOption,
  recentReports,
  reportIdFor,
  reportIdForClient,
  reportParticipantIds,
  type StoredReport,
  snapshotProfiles,
  softDeleteReport,
  updateReport,
} from "./activities.repository.ts";
import { checkActivityReport } from "./activity.ts";
import { type PersonProfile, reportToRows } from "./activity-row.ts";
import { CommuneIndex } from "./commune-text.ts";
import { RECENT_REPORTS_FOR_DEFAULTS, reportDefaults } from "./report-defaults.ts";
import { formWithDefaults, type ReportFormValues, reportToForm, toReportInput } from "./report-form.ts";
import { fromAppointment, fromWorkshop } from "./report-prefill.ts";
import type { ActivityType } from "./taxonomy.ts";

export interface ActivityDeps {
  db: Db;
  now: () => Date;
  /** The département whose communes the form offers. */
  departement: string;
  /** Brand and address for the e-mails a report sends (a referral's « accompagnement réalisé »). */
  notify: { brandName: string; publicUrl: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

export interface Writer {
  advisorId: string;
  structureId: string;
  userId: string;
}

/** The advisor writing; anyone else cannot write reports (403: no id is probed here). */
export function writerOf(actor: ActivityActor): Writer {
  const advisor = canWriteReports(actor) ? actor.advisors[0] : undefined;
  if (!advisor) throw new HttpError("forbidden", "Seuls les conseillers et conseillères numériques saisissent des comptes rendus.");
  return { advisorId: advisor.id, structureId: advisor.structureId, userId: actor.userId };
}

/** What the form offers: the advisor's places, the département's communes, the people they may name. */
export interface FormOptions {
  places: PlaceOption[];
  communes: CommuneIndex;
  people: BeneficiaryOption[];
  /** Partner structures a person may be referred to from an individual report. */
  partners: PartnerTarget[];
  /** On an edit: the referral already sent from this report (never sent twice). */
  sentReferral: SentReferral | null;
}

export async function formOptions(deps: ActivityDeps, actor: ActivityActor, writer: Writer, extraPlaceIds: (string | null)[] = []): Promise<FormOptions> {
  const extra = extraPlaceIds.filter((id): id is string => id !== null && id !== "");
  const [places, communes, people, partners] = await Promise.all([
    advisorPlaces(deps.db, writer.advisorId, writer.structureId, extra),
    departementCommunes(deps.db, deps.departement),
    namedBeneficiaries(
      deps.db,
      actor.advisors.map((a) => a.id),
      actor.advisors.map((a) => a.structureId),
    ),
    partnerTargets(deps.db, { structureId: writer.structureId }),
  ]);
  return { places, communes: new CommuneIndex(communes), people: people.filter((p) => canSeeIdentity(actor, beneficiaryAccess(p))), partners, sentReferral: null };
}

function beneficiaryAccess(p: BeneficiaryOption) {
  return { advisorId: p.advisorId, structureId: p.structureId, sharedWithStructure: p.sharedWithStructure };
}

export type ReportLink = { appointmentId: string } | { workshopId: string } | null;

export interface StartQuery {
  type?: string;
  appointmentId?: string;
  workshopId?: string;
  copyId?: string;
  beneficiaryId?: string;
  /** A self-diagnostic's answers code, attached with the person's consent: themes and notes pre-filled. */
  selfDiagnostic?: string;
}

export type FormStart =
  | { kind: "form"; values: ReportFormValues; link: ReportLink; options: FormOptions }
  /** The appointment or workshop already has its report. */
  | { kind: "existing"; reportId: string };

/** A new form: defaults, then what the appointment, workshop, copied report or chosen person brings. 404 outside the advisor's records. */
export async function startForm(deps: ActivityDeps, actor: ActivityActor, query: StartQuery): Promise<FormStart> {
  const writer = writerOf(actor);
  const own = (advisorId: string | null) => advisorId !== null && actor.advisors.some((a) => a.id === advisorId);
  const now = deps.now();
  if (query.appointmentId !== undefined) {
    const appointment = isUuid(query.appointmentId) ? await findAppointmentForReport(deps.db, query.appointmentId) : undefined;
    if (!appointment || !own(appointment.advisorId)) return refuse(deps, actor, "appointment", query.appointmentId);
    const existing = await reportIdFor(deps.db, { appointmentId: appointment.id });
    if (existing) return { kind: "existing", reportId: existing };
    const options = await formOptions(deps, actor, writer, [appointment.placeId]);
    const base = await defaultForm(deps, writer, "individuel", options, now);
    return { kind: "form", values: fromAppointment(base, appointment, (c) => options.communes.text(c)), link: { appointmentId: appointment.id }, options };
  }
  if (query.workshopId !== undefined) {
    const workshop = isUuid(query.workshopId) ? await findWorkshopForReport(deps.db, query.workshopId) : undefined;
    if (!workshop || !own(workshop.advisorId)) return refuse(deps, actor, "workshop", query.workshopId);
    const existing = await reportIdFor(deps.db, { workshopId: workshop.id });
    if (existing) return { kind: "existing", reportId: existing };
    const options = await formOptions(deps, actor, writer, [workshop.placeId]);
    const base = await defaultForm(deps, writer, "collectif", options, now);
    return { kind: "form", values: fromWorkshop(base, workshop), link: { workshopId: workshop.id }, options };
  }
  if (query.copyId !== undefined) {
    const report = isUuid(query.copyId) ? await findReport(deps.db, query.copyId) : undefined;
    if (!report || !canChangeReport(actor, { advisorId: report.advisor_id })) return refuse(deps, actor, "activity_report", query.copyId);
    const options = await formOptions(deps, actor, writer, [report.place_id]);
    const values = reportToForm(report, await reportParticipantIds(deps.db, report.id), (c) => options.communes.text(c));
    return { kind: "form", values: { ...values, date: toParis(now).date }, link: null, options };
  }
  const options = await formOptions(deps, actor, writer);
  const type: ActivityType = query.type === "collectif" ? "collectif" : "individuel";
  const values = await defaultForm(deps, writer, type, options, now);
  if (query.beneficiaryId !== undefined) {
    if (!options.people.some((p) => p.id === query.beneficiaryId)) {
      await logDenied(deps.db, actor.userId, query.beneficiaryId, "/activites/nouveau", deps.now());
      throw new HttpError("not_found");
    }
    if (type === "individuel") values.beneficiaryId = query.beneficiaryId;
    else values.participantIds = [query.beneficiaryId];
  }
  const diagnostic = query.selfDiagnostic === undefined ? null : reportPrefill(query.selfDiagnostic);
  if (diagnostic) Object.assign(values, diagnostic);
  return { kind: "form", values, link: null, options };
}

async function defaultForm(deps: ActivityDeps, writer: Writer, type: ActivityType, options: FormOptions, now: Date): Promise<ReportFormValues> {
  const defaults = reportDefaults(now, await recentReports(deps.db, writer.advisorId, RECENT_REPORTS_FOR_DEFAULTS));
  // A place the advisor no longer works at is not a default.
  if (defaults.placeId !== null && !options.places.some((p) => p.id === defaults.placeId)) {
    defaults.placeType = null;
    defaults.placeId = null;
  }
  return formWithDefaults(type, defaults, (c) => options.communes.text(c));
}

/** The link a posted new form carries (in its URL), checked again: 404 outside the advisor's records. */
export async function checkLink(deps: ActivityDeps, actor: ActivityActor, query: StartQuery): Promise<{ link: ReportLink; placeId: string | null; existing: string | null }> {
  const own = (advisorId: string | null) => advisorId !== null && actor.advisors.some((a) => a.id === advisorId);
  if (query.appointmentId !== undefined) {
    const appointment = isUuid(query.appointmentId) ? await findAppointmentForReport(deps.db, query.appointmentId) : undefined;
    if (!appointment || !own(appointment.advisorId)) return refuse(deps, actor, "appointment", query.appointmentId);
    const link = { appointmentId: appointment.id };
    return { link, placeId: appointment.placeId, existing: await reportIdFor(deps.db, link) };
  }
  if (query.workshopId !== undefined) {
    const workshop = isUuid(query.workshopId) ? await findWorkshopForReport(deps.db, query.workshopId) : undefined;
    if (!workshop || !own(workshop.advisorId)) return refuse(deps, actor, "workshop", query.workshopId);
    const link = { workshopId: workshop.id };
    return { link, placeId: workshop.placeId, existing: await reportIdFor(deps.db, link) };
  }
  return { link: null, placeId: null, existing: null };
}

export type SaveOutcome = { ok: true; id: string; replay?: boolean } | { ok: false; errors: Record<string, string> } | { ok: false; existing: string };

const UNKNOWN_PERSON = "Cette personne est introuvable : choisissez-la dans la liste.";

/**
 * Checks the form with checkActivityReport (the national rules), then that the place and people are the
 * advisor's own, and writes the report, its participants, the audit entry and the appointment's status
 * in one transaction.
 */
export async function saveReport(
  deps: ActivityDeps,
  writer: Writer,
  options: FormOptions,
  values: ReportFormValues,
  target: { kind: "new"; link: ReportLink; clientId?: string } | { kind: "edit"; report: StoredReport },
): Promise<SaveOutcome> {
  const now = deps.now();
  const checked = checkActivityReport(
    toReportInput(values, (text) => options.communes.codeOf(text)),
    { now },
  );
  if (!checked.ok) return { ok: false, errors: fieldErrorsFrom(checked.errors) };
  const report = checked.report;
  const errors: Record<string, string> = {};
  const place = report.place.type === "lieu-activite" ? options.places.find((p) => p.id === (report.place as { placeId: string }).placeId) : undefined;
  if (report.place.type === "lieu-activite" && !place) errors.placeId = "Choisissez un de vos lieux d'activité dans la liste.";
  const profiles = new Map<string, PersonProfile>(options.people.map((p) => [p.id, p.profile]));
  // An edit keeps the people already on the report as they were snapshotted, even if since erased or unshared.
  if (target.kind === "edit") for (const [id, profile] of await snapshotProfiles(deps.db, target.report)) profiles.set(id, profile);
  if (report.type === "individuel" && report.beneficiary.kind === "known" && !profiles.has(report.beneficiary.beneficiaryId)) errors.beneficiaryId = UNKNOWN_PERSON;
  if (report.type === "collectif" && report.participants.beneficiaryIds.some((id) => !profiles.has(id))) errors.participantIds = UNKNOWN_PERSON;
  const referral = await checkReportReferral(deps, options, values, report.type === "individuel" && report.beneficiary.kind === "known" ? report.beneficiary.beneficiaryId : null, target);
  Object.assign(errors, referral.errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const link = target.kind === "new" ? target.link : null;
  const referTo = (reportId: string) => ({
    reportId,
    referral: referral.checked as CheckedAdvisorReferral,
    themes: [...report.themes],
    fromStructureId: writer.structureId,
    advisor: { userId: writer.userId, email: null },
    communeCode: rows.report.beneficiary_commune_code ?? null,
    at: now,
  });
  const rows = reportToRows(report, {
    advisorId: writer.advisorId,
    structureId: writer.structureId,
    createdByUserId: writer.userId,
    placeCommuneCode: place?.communeCode ?? null,
    profiles,
    appointmentId: link && "appointmentId" in link ? link.appointmentId : null,
    workshopId: link && "workshopId" in link ? link.workshopId : null,
  });
  const clientId = target.kind === "new" ? target.clientId : undefined;
  if (clientId !== undefined) rows.report.client_id = clientId;
  if (target.kind === "edit") {
    const id = target.report.id;
    await deps.db.transaction().execute(async (trx) => {
      await updateReport(trx, id, rows.report, rows.participants, now);
      if (referral.checked) await referFromReport(trx, referTo(id), deps.notify);
      await recordAudit(trx, { at: now, actorUserId: writer.userId, action: "activity_report.updated", subjectType: "activity_report", subjectId: id });
    });
    return { ok: true, id };
  }
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await insertReport(trx, rows.report, rows.participants, now);
      if (referral.checked) await referFromReport(trx, referTo(id), deps.notify);
      if (link && "appointmentId" in link) {
        if (await markAppointmentAttended(trx, link.appointmentId, now)) {
          await publishAppointmentEvent(trx, "appointment.honoured", link.appointmentId, now);
        }
        // The referral that led to this appointment learns « accompagnement réalisé », never the report's content.
        await referralReportSaved(trx, link.appointmentId, { userId: writer.userId, email: "" }, now, deps.notify);
      }
      await recordAudit(trx, {
        at: now,
        actorUserId: writer.userId,
        action: "activity_report.created",
        subjectType: "activity_report",
        subjectId: id,
        details: { type: report.type, ...(link ?? {}) },
      });
      return id;
    });
    return { ok: true, id };
  } catch (error) {
    // The same offline report sent twice at once: the unique (advisor, client id) index keeps the first.
    const replayed = clientId !== undefined ? await reportIdForClient(deps.db, writer.advisorId, clientId) : null;
    if (replayed) return { ok: true, id: replayed, replay: true };
    // Two saves of the same appointment or workshop at once: the unique index keeps one, show it.
    const existing = link ? await reportIdFor(deps.db, link) : null;
    if (existing) return { ok: false, existing };
    throw error;
  }
}

/**
 * The referral to a partner the form asks for, if any: refused with French errors next to the fields (no
 * consent, no way to contact the person…). An edited report that already sent one sends no other.
 */
async function checkReportReferral(
  deps: ActivityDeps,
  options: FormOptions,
  values: ReportFormValues,
  beneficiaryId: string | null,
  target: { kind: "new" } | { kind: "edit"; report: StoredReport },
): Promise<{ checked: CheckedAdvisorReferral | null; errors: Record<string, string> }> {
  if (values.type === "collectif" || values.referral.partnerId === "") return { checked: null, errors: {} };
  if (target.kind === "edit" && (await referralOfReport(deps.db, target.report.id))) return { checked: null, errors: {} };
  // The record's contact only when the advisor may still see who the person is (options.people is filtered by
  // canSeeIdentity): an edit of a report whose person has since been unshared asks for the contact instead.
  const visible = beneficiaryId !== null && options.people.some((p) => p.id === beneficiaryId);
  const known = visible ? await beneficiaryContact(deps.db, beneficiaryId) : null;
  const result = checkAdvisorReferral(
    values.oriented,
    values.referral,
    options.partners.map((p) => p.id),
    known,
  );
  if (result.refer) return { checked: result.referral, errors: {} };
  return { checked: null, errors: "errors" in result ? result.errors : {} };
}

/**
 * A 404 for a record outside the actor's scope (or unknown, or malformed), logged as
 * "activity_report.denied" so that someone probing other people's ids shows in the audit log.
 */
async function refuse(deps: ActivityDeps, actor: ActivityActor, subjectType: "activity_report" | "appointment" | "workshop", id: string): Promise<never> {
  const uuid = isUuid(id);
  await recordAudit(deps.db, {
    at: deps.now(),
    actorUserId: actor.userId,
    action: "activity_report.denied",
    subjectType,
    subjectId: uuid ? id.toLowerCase() : undefined,
    details: uuid ? {} : { requested: String(id).slice(0, 100) },
  });
  throw new HttpError("not_found");
}

/** A report the actor may see (404 otherwise, deleted ones included). */
export async function visibleReport(deps: ActivityDeps, actor: ActivityActor, id: string): Promise<StoredReport> {
  const report = isUuid(id) ? await findReport(deps.db, id) : undefined;
  if (!report || !canSeeReport(actor, { advisorId: report.advisor_id, structureId: report.structure_id })) return refuse(deps, actor, "activity_report", id);
  return report;
}

/** A report the actor wrote (404 for anyone else, even those who may read it). */
export async function ownReport(deps: ActivityDeps, actor: ActivityActor, id: string): Promise<StoredReport> {
  const report = isUuid(id) ? await findReport(deps.db, id) : undefined;
  if (!report || !canChangeReport(actor, { advisorId: report.advisor_id })) return refuse(deps, actor, "activity_report", id);
  return report;
}

export async function editForm(deps: ActivityDeps, actor: ActivityActor, report: StoredReport): Promise<{ values: ReportFormValues; options: FormOptions }> {
  const options = await formOptions(deps, actor, writerOf(actor), [report.place_id]);
  options.sentReferral = await referralOfReport(deps.db, report.id);
  const values = reportToForm(report, await reportParticipantIds(deps.db, report.id), (c) => options.communes.text(c));
  return { values, options };
}

export async function deleteReport(deps: ActivityDeps, actor: ActivityActor, report: StoredReport): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await softDeleteReport(trx, report.id, actor.userId, now);
    await recordAudit(trx, { at: now, actorUserId: actor.userId, action: "activity_report.deleted", subjectType: "activity_report", subjectId: report.id });
  });
}

/** A person named on a report: their name only when the actor may see it. */
export interface PersonOnReport {
  name: string | null;
}

export async function peopleOnReport(deps: ActivityDeps, actor: ActivityActor, report: StoredReport): Promise<{ person: PersonOnReport | null; participants: PersonOnReport[] }> {
  const participantIds = report.type === "collectif" ? await reportParticipantIds(deps.db, report.id) : [];
  const ids = [...(report.beneficiary_id ? [report.beneficiary_id] : []), ...participantIds];
  const people = new Map((await beneficiariesByIds(deps.db, ids)).map((p) => [p.id, p]));
  const shown: string[] = [];
  const named = (id: string): PersonOnReport => {
    const p = people.get(id);
    const visible = p !== undefined && p.firstName !== null && canSeeIdentity(actor, beneficiaryAccess(p));
    if (visible) shown.push(id);
    return { name: visible ? `${p.firstName} ${p.lastName ?? ""}`.trim() : null };
  };
  const result = { person: report.beneficiary_id ? named(report.beneficiary_id) : null, participants: participantIds.map(named) };
  // Showing a name on a report is a read of an identified record: it goes to the read log too.
  for (const id of shown) await logRead(deps.db, actor.userId, id, "compte-rendu", deps.now());
  return result;
}

