// Booking vocabulary: appointment kinds (motifs), where they happen, who may book them, appointment statuses
// and absence kinds, each with its plain-French label. Pure: no I/O.
import { parisToInstant, toParis } from "../calendar/paris-time.ts";

export const APPOINTMENT_LOCATIONS = {
  place: "Dans un lieu d'accueil",
  phone: "Par téléphone",
  video: "En visio",
  home: "À domicile",
} as const;

export type AppointmentLocation = keyof typeof APPOINTMENT_LOCATIONS;

export const BOOKABLE_BY = {
  public: "Tout le monde, en ligne",
  staff: "L'équipe seulement",
} as const;

export type BookableBy = keyof typeof BOOKABLE_BY;

export const ABSENCE_KINDS = {
  training: "Formation (Afpa)",
  leave: "Congés",
  other: "Autre",
} as const;

export type AbsenceKind = keyof typeof ABSENCE_KINDS;

/** Statuses of the advisor agenda. Only a cancelled appointment frees its time (see `blocksTime`). */
export const APPOINTMENT_STATUSES = {
  planned: "À venir",
  attended: "Honoré",
  no_show: "Absent",
  excused: "Excusé",
  cancelled: "Annulé",
} as const;

export type AppointmentStatus = keyof typeof APPOINTMENT_STATUSES;

/**
 * Whether an appointment in this status keeps its advisor busy. « Excusé » records a late notice and keeps
 * the time taken; to free a slot, cancel. The database exclusion constraint must use the same rule
 * (`WHERE status <> 'cancelled'`).
 */
export function blocksTime(status: AppointmentStatus): boolean {
  return status !== "cancelled";
}

/**
 * Bookings without an account are limited per client address (BOOKING_LIMIT_PER_HOUR, 10 by default),
 * so a script cannot fill an agenda; staff booking on behalf of people are not limited.
 */
export const BOOKING_LIMIT_WINDOW_MS = 3_600_000;

export const BOOKING_THROTTLED_MESSAGE =
  "Beaucoup de rendez-vous ont été pris depuis cette connexion en une heure. Réessayez plus tard, ou appelez le lieu pour prendre rendez-vous.";

export function isBookingThrottled(recentFromSameAddress: number, limitPerHour: number): boolean {
  return limitPerHour > 0 && recentFromSameAddress >= limitPerHour;
}

export const DURATION_MIN_MINUTES = 15;
export const DURATION_MAX_MINUTES = 120;
export const DEFAULT_EARLIEST_MINUTES = 30;
export const DEFAULT_LATEST_MONTHS = 3;

/** A motif of appointment, defined per structure. */
export interface AppointmentKind {
  id: string;
  name: string;
  durationMinutes: number; // 15–120
  location: AppointmentLocation;
  bookableBy: BookableBy;
  earliestMinutes: number; // a slot starts at least this long after now (default 30)
  latestMonths: number; // and less than this many calendar months after now (default 3)
}

export type AppointmentKindProblem = { field: keyof AppointmentKind; message: string };

export function checkAppointmentKind(kind: AppointmentKind): AppointmentKindProblem[] {
  const problems: AppointmentKindProblem[] = [];
  if (kind.name.trim() === "") problems.push({ field: "name", message: "Indiquez le nom du motif." });
  const d = kind.durationMinutes;
  if (!Number.isInteger(d) || d < DURATION_MIN_MINUTES || d > DURATION_MAX_MINUTES) {
    problems.push({ field: "durationMinutes", message: "La durée doit être de 15 à 120 minutes." });
  }
  if (!(kind.location in APPOINTMENT_LOCATIONS)) problems.push({ field: "location", message: "Choisissez où a lieu le rendez-vous." });
  if (!(kind.bookableBy in BOOKABLE_BY)) problems.push({ field: "bookableBy", message: "Choisissez qui peut réserver." });
  if (!Number.isInteger(kind.earliestMinutes) || kind.earliestMinutes < 0 || kind.earliestMinutes > 30 * 24 * 60) {
    problems.push({ field: "earliestMinutes", message: "Le délai minimum doit être de 0 minute à 30 jours." });
  }
  if (!Number.isInteger(kind.latestMonths) || kind.latestMonths < 1 || kind.latestMonths > 12) {
    problems.push({ field: "latestMonths", message: "Le délai maximum doit être de 1 à 12 mois." });
  }
  return problems;
}

/** The same Paris date N calendar months later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** Slots may start in [earliest, latest): now + earliestMinutes, and now + latestMonths on Paris calendars. */
export function bookingWindow(kind: Pick<AppointmentKind, "earliestMinutes" | "latestMonths">, now: Date): { earliest: Date; latest: Date } {
  const wall = toParis(now);
  const latest = parisToInstant(addMonths(wall.date, kind.latestMonths), wall.time).getTime() + (now.getTime() % 60_000);
  return { earliest: new Date(now.getTime() + kind.earliestMinutes * 60_000), latest: new Date(latest) };
}
