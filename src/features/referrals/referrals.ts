// Referrals (orientations): pure rules. Statuses with the words the referrer reads, who moves a referral
// from where to where, the form's checks, and when an unanswered referral is reminded or expires.
import { THEMES } from "../activities/taxonomy.ts";

export const REFERRAL_STATUSES = {
  received: { code: "recue", label: "Reçue", done: false },
  accepted: { code: "prise-en-charge", label: "Prise en charge", done: false },
  contacted: { code: "personne-contactee", label: "Personne contactée", done: false },
  booked: { code: "rendez-vous-fixe", label: "Rendez-vous fixé", done: false },
  attended: { code: "personne-venue", label: "Personne venue", done: false },
  done: { code: "accompagnement-realise", label: "Accompagnement réalisé", done: true },
  no_show: { code: "non-venue", label: "Non venue", done: true },
  redirected: { code: "reorientee", label: "Réorientée", done: true },
  declined: { code: "refusee", label: "Refusée", done: true },
  expired: { code: "expiree", label: "Expirée sans réponse", done: true },
} as const;

export type ReferralStatus = keyof typeof REFERRAL_STATUSES;
export const REFERRAL_STATUS_CODES = Object.keys(REFERRAL_STATUSES) as ReferralStatus[];

export function statusFromCode(code: string): ReferralStatus | null {
  return REFERRAL_STATUS_CODES.find((s) => REFERRAL_STATUSES[s].code === code) ?? null;
}

export const URGENCIES = { normal: "Normale", urgent: "Urgente (une échéance approche)" } as const;
export type Urgency = keyof typeof URGENCIES;

export const CONTACT_PREFERENCES = { phone: "Par téléphone", email: "Par courriel", any: "Peu importe" } as const;
export type ContactPreference = keyof typeof CONTACT_PREFERENCES;

export const CONSENT_MODES = { oral: "À l'oral (en face à face ou au téléphone)", written: "Par écrit (formulaire signé)", online: "En ligne" } as const;
export type ConsentMode = keyof typeof CONSENT_MODES;

export type ReferralSource = "partner" | "advisor";

/** Days without any answer before the receiving structure is reminded, then before the referral expires. */
export const REMIND_AFTER_DAYS = 10;
export const EXPIRE_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

export function remindBefore(now: Date): Date {
  return new Date(now.getTime() - REMIND_AFTER_DAYS * DAY_MS);
}

export function expireBefore(now: Date): Date {
  return new Date(now.getTime() - EXPIRE_AFTER_DAYS * DAY_MS);
}

/**
 * Who moves a referral: the receiving side by hand (a structure of the network, or a partner receiving an
 * advisor's referral: it has no agenda here, so it says itself when the request is dealt with), the booking
 * and the agenda, the report, the daily job.
 */
export type ReferralMover = "receiver" | "partner" | "booking" | "appointment" | "report" | "job";

const MANUAL_FROM: Record<string, ReferralStatus[]> = {
  accepted: ["received"],
  contacted: ["received", "accepted"],
  redirected: ["received", "accepted", "contacted", "no_show"],
  declined: ["received", "accepted", "contacted"],
};

const ALLOWED: Record<ReferralMover, Partial<Record<ReferralStatus, ReferralStatus[]>>> = {
  receiver: MANUAL_FROM,
  partner: { ...MANUAL_FROM, done: ["received", "accepted", "contacted"] },
  booking: { booked: ["received", "accepted", "contacted", "no_show"] },
  // A cancelled (or excused) appointment puts the referral back to « prise en charge »: it can be booked again.
  appointment: { attended: ["booked"], no_show: ["booked", "attended"], booked: ["attended", "no_show"], accepted: ["booked", "attended", "no_show"] },
  report: { done: ["received", "accepted", "contacted", "booked", "attended", "no_show"] },
  job: { expired: ["received"] },
};

/** null when allowed, else the French reason shown to the person. */
export function checkReferralChange(mover: ReferralMover, from: ReferralStatus, to: ReferralStatus, reason: string): string | null {
  const allowedFrom = ALLOWED[mover][to];
  if (!allowedFrom?.includes(from)) return `Une orientation « ${REFERRAL_STATUSES[from].label.toLowerCase()} » ne peut pas passer à « ${REFERRAL_STATUSES[to].label.toLowerCase()} ».`;
  if ((to === "declined" || to === "redirected") && reason.trim() === "") return "Indiquez le motif : il est transmis à la structure qui a orienté la personne.";
  if (reason.length > 1000) return "Le motif doit faire 1 000 caractères au plus.";
  return null;
}

/** The mover of the receiving side's answers: a partner answers an advisor's referral, the network a partner's. */
export function receiverMover(source: ReferralSource): "receiver" | "partner" {
  return source === "advisor" ? "partner" : "receiver";
}

/** The actions the receiving side is offered on a referral in this status. */
export function receiverActions(status: ReferralStatus, source: ReferralSource = "partner"): ReferralStatus[] {
  const allowed = ALLOWED[receiverMover(source)];
  return (["accepted", "contacted", "done", "declined", "redirected"] as const).filter((to) => allowed[to]?.includes(status));
}

/** Only referrals to the network are booked here; a partner has no agenda in Déclic. */
export function canBook(status: ReferralStatus, source: ReferralSource = "partner"): boolean {
  if (source === "advisor") return false;
  return ALLOWED.booking.booked?.includes(status) ?? false;
}

export function referralTitle(number: number): string {
  return `Orientation n° ${number}`;
}

export const THEME_LABELS: ReadonlyMap<string, string> = new Map(THEMES.map((t) => [t.code, t.label]));
