// Requests to join the network from agents that ProConnect identified but who have no account: the form the
// agent fills in, the coordinator's decision forms, the short-lived cookie that carries the verified identity
// from the provider's return to the form, and the waiting time. Pure: no I/O.
import { checkRoleAssignment, isRole, ROLES, type Role, roleFitsStructure, type StructureKind } from "../../organisation/organisation.ts";

export type JoinRequestStatus = "pending" | "accepted" | "refused";

export const STATUS_LABELS: Record<JoinRequestStatus, string> = {
  pending: "En attente",
  accepted: "Acceptée",
  refused: "Refusée",
};

export const MESSAGE_MAX = 1000;
export const REASON_MAX = 1000;
export const PAGE_SIZE = 20;
/** A request still waiting after this many days is recalled once to the reviewers. */
export const REMIND_AFTER_DAYS = 3;

export function remindBefore(now: Date): Date {
  return new Date(now.getTime() - REMIND_AFTER_DAYS * 24 * 3_600_000);
}
/** Value of the « I don't know » choice: the coordination picks the role. */
export const UNSURE = "ne-sait-pas";

/** The roles an agent may ask for; network-wide roles are given by the coordination, not asked for. */
export const REQUESTABLE_ROLES: Role[] = ["advisor", "structure_manager", "commune_agent", "partner_agent"];

export const JOIN_COOKIE = "declic_proconnect_demande";
/** How long after the provider's return the agent may still send the request without signing in again. */
export const JOIN_LIFETIME_MS = 30 * 60_000;
export const JOIN_PATH = "/connexion/proconnect/demande-acces";
export const JOIN_SENT_PATH = "/connexion/proconnect/demande-envoyee";

/** What ProConnect vouched for, kept in a signed cookie between the provider's return and the form. */
export interface JoinIdentity {
  sub: string;
  email: string;
  givenName: string | null;
  usualName: string | null;
  siret: string | null;
  uid: string | null;
  expiresAt: number;
}

export function encodeJoinIdentity(identity: JoinIdentity): string {
  return Buffer.from(JSON.stringify(identity)).toString("base64url");
}

export function decodeJoinIdentity(raw: string | null | undefined, now: Date): JoinIdentity | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<JoinIdentity>;
    if (typeof v.sub !== "string" || typeof v.email !== "string" || typeof v.expiresAt !== "number" || v.expiresAt <= now.getTime()) return null;
    const optional = (x: unknown) => (typeof x === "string" ? x : null);
    return { sub: v.sub, email: v.email, givenName: optional(v.givenName), usualName: optional(v.usualName), siret: optional(v.siret), uid: optional(v.uid), expiresAt: v.expiresAt };
  } catch {
    return null;
  }
}

export interface JoinForm {
  role: string;
  message: string;
}

export function readJoinForm(body: Record<string, unknown>): JoinForm {
  const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  return { role: field("role"), message: field("message").trim() };
}

export type JoinInput = { requestedRole: Role | null; message: string | null };

export function checkJoinForm(form: JoinForm): { input: JoinInput; errors: null } | { input: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const role = form.role === UNSURE ? null : form.role;
  if (form.role === "") errors.role = "Indiquez votre rôle, ou « Je ne sais pas ».";
  else if (role !== null && !(isRole(role) && REQUESTABLE_ROLES.includes(role))) errors.role = "Choisissez un des rôles proposés.";
  if (form.message.length > MESSAGE_MAX) errors.message = `Votre message est trop long : ${MESSAGE_MAX} caractères au plus (il en fait ${form.message.length}).`;
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { requestedRole: role as Role | null, message: form.message || null }, errors: null };
}

export interface DecisionForm {
  role: string;
  structure_id: string;
}

export function readDecisionForm(body: Record<string, unknown>): DecisionForm {
  const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string).trim() : "");
  return { role: field("role"), structure_id: field("structure_id") };
}

export type Acceptance = { role: Role; structureId: string | null };

/**
 * The coordinator must choose the role (nothing is pre-selected); a role limited to a structure needs one
 * of the listed structures; a network-wide role ignores the structure.
 */
export function checkAcceptance(
  form: DecisionForm,
  options: { grantable: readonly Role[]; structures: ReadonlyMap<string, StructureKind> },
): { acceptance: Acceptance; errors: null } | { acceptance: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const role = isRole(form.role) && options.grantable.includes(form.role) ? form.role : null;
  if (form.role === "") errors.role = "Choisissez le rôle à donner à cette personne.";
  else if (role === null) errors.role = "Vous ne pouvez pas donner ce rôle.";
  let structureId: string | null = null;
  if (role && ROLES[role].scoped) {
    if (form.structure_id === "") errors.structure_id = `Choisissez la structure : le rôle « ${ROLES[role].label} » est rattaché à une structure.`;
    else {
      const kind = options.structures.get(form.structure_id);
      const misfit = kind === undefined ? "Cette structure n'existe pas ou plus." : roleFitsStructure(role, kind);
      if (misfit) errors.structure_id = misfit;
      else structureId = form.structure_id;
    }
  }
  if (role && !errors.structure_id) {
    const problem = checkRoleAssignment({ role, structureId });
    if (problem) errors.role = problem;
  }
  if (Object.keys(errors).length > 0 || role === null) return { acceptance: null, errors };
  return { acceptance: { role, structureId }, errors: null };
}

export function checkRefusal(reason: string): { reason: string; error: null } | { reason: null; error: string } {
  const text = reason.trim();
  if (text === "") return { reason: null, error: "Indiquez la raison du refus : elle est envoyée à la personne." };
  if (text.length > REASON_MAX) return { reason: null, error: `La raison est trop longue : ${REASON_MAX} caractères au plus (elle en fait ${text.length}).` };
  return { reason: text, error: null };
}

/** Whole days since the request was sent (0 the same day). */
export function waitingDays(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000));
}

export function waitingText(days: number): string {
  if (days === 0) return "moins d'un jour";
  return days === 1 ? "1 jour" : `${days} jours`;
}

export function fullName(r: { given_name: string | null; usual_name: string | null; email: string }): string {
  return [r.given_name, r.usual_name].filter(Boolean).join(" ") || r.email;
}
