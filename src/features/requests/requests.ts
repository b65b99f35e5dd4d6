// Commune requests (demandes): what a commune asks the network for, the statuses a request goes through
// and who may move it where. Pure: no I/O.
import { daysBetween, toParis } from "../calendar/paris-time.ts";

/** What a commune can ask for. `short` is for lists and mails, `label` for the form. */
export const REQUEST_KINDS = {
  permanence: { label: "Une permanence régulière d'un conseiller numérique", short: "Permanence régulière", code: "permanence" },
  intervention: { label: "Une intervention ponctuelle (forum, événement, réunion publique)", short: "Intervention ponctuelle", code: "intervention" },
  workshops: { label: "Une série d'ateliers collectifs", short: "Série d'ateliers", code: "ateliers" },
  public: { label: "Un accompagnement pour un public particulier", short: "Public particulier", code: "public-particulier" },
} as const;
export type RequestKind = keyof typeof REQUEST_KINDS;

/** The lifecycle: nouvelle → en étude → acceptée / refusée / clôturée. `code` is the French URL and API value. */
export const REQUEST_STATUSES = {
  new: { label: "Nouvelle", code: "nouvelle" },
  in_review: { label: "En étude", code: "en-etude" },
  accepted: { label: "Acceptée", code: "acceptee" },
  refused: { label: "Refusée", code: "refusee" },
  closed: { label: "Clôturée", code: "cloturee" },
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;
export const REQUEST_STATUS_CODES = Object.keys(REQUEST_STATUSES) as RequestStatus[];

/** Waiting for the coordination's decision: the queue shows these first, oldest first. */
export const OPEN_STATUSES: readonly RequestStatus[] = ["new", "in_review"];

export const REQUEST_RHYTHMS = {
  weekly: { label: "Chaque semaine", everyWeeks: 1, code: "chaque-semaine" },
  fortnightly: { label: "Une semaine sur deux", everyWeeks: 2, code: "une-semaine-sur-deux" },
  monthly: { label: "Une fois par mois", everyWeeks: 4, code: "une-fois-par-mois" },
  once: { label: "Une seule fois", everyWeeks: null, code: "une-seule-fois" },
} as const;
export type RequestRhythm = keyof typeof REQUEST_RHYTHMS;

/** How the request reached the network: filed online by the commune, or recorded by the coordination. */
export const REQUEST_CHANNELS = {
  online: "En ligne, par la commune",
  phone: "Par téléphone",
  letter: "Par courrier",
  email: "Par courriel",
  meeting: "Lors d'une rencontre",
} as const;
/** The channels as the API names them. */
export const CHANNEL_CODES: Record<RequestChannel, string> = { online: "en-ligne", phone: "telephone", letter: "courrier", email: "courriel", meeting: "rencontre" };
export type RequestChannel = keyof typeof REQUEST_CHANNELS;
/** What a coordinator recording a request may choose (« en ligne » is the commune's own filing). */
export const RECORDED_CHANNELS: readonly RequestChannel[] = ["phone", "letter", "email", "meeting"];

/** The two sides of the thread: the commune that asks, the coordination that answers. */
export type RequestSide = "commune" | "coordination";

const TRANSITIONS: Record<RequestSide, Record<RequestStatus, readonly RequestStatus[]>> = {
  coordination: {
    new: ["in_review", "accepted", "refused", "closed"],
    in_review: ["accepted", "refused", "closed"],
    accepted: ["closed"],
    // A decision taken by mistake can be reopened.
    refused: ["in_review"],
    closed: ["in_review"],
  },
  // The commune may withdraw its request while it waits.
  commune: { new: ["closed"], in_review: ["closed"], accepted: [], refused: [], closed: [] },
};

export function canMoveTo(side: RequestSide, from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[side][from].includes(to);
}

export function nextStatuses(side: RequestSide, from: RequestStatus): readonly RequestStatus[] {
  return TRANSITIONS[side][from];
}

export function isRequestStatus(value: string): value is RequestStatus {
  return Object.hasOwn(REQUEST_STATUSES, value);
}

export function statusFromCode(code: string): RequestStatus | null {
  return REQUEST_STATUS_CODES.find((s) => REQUEST_STATUSES[s].code === code) ?? null;
}

export function isRequestKind(value: string): value is RequestKind {
  return Object.hasOwn(REQUEST_KINDS, value);
}

/** Why a status change is refused, or null when it may happen. A refusal always says why. */
export function checkStatusChange(side: RequestSide, from: RequestStatus, to: RequestStatus, reason: string, hasOutcome: boolean): string | null {
  if (!canMoveTo(side, from, to)) return `Une demande « ${REQUEST_STATUSES[from].label.toLowerCase()} » ne peut pas passer à « ${REQUEST_STATUSES[to].label.toLowerCase()} ».`;
  if (to === "refused" && reason.trim() === "") return "Indiquez le motif du refus : la commune le recevra.";
  if (to === "accepted" && !hasOutcome) return "Pour accepter, créez ou choisissez la permanence ou l'atelier qui répond à la demande.";
  return null;
}

/** Whole days since the request was filed, in Paris dates (0 the same day). */
export function ageInDays(createdAt: Date, now: Date): number {
  return Math.max(0, daysBetween(toParis(createdAt).date, toParis(now).date));
}

export function describeAge(days: number): string {
  if (days === 0) return "aujourd'hui";
  if (days === 1) return "hier";
  return `il y a ${days} jours`;
}

/** The longest message, note or reason a thread accepts. */
export const MESSAGE_MAX = 2000;

/** « Demande n° 12 ». */
export function requestTitle(number: number): string {
  return `Demande n° ${number}`;
}
