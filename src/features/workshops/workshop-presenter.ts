// Plain-French pieces shared by the catalogue, the workshop page and the personal page.

import { NBSP } from "../../web/french-format.ts";
import { THEMES } from "../activities/taxonomy.ts";
import type { WorkshopLevel } from "../booking/booking.table.ts";
import { formatHour } from "../places/availability.ts";
import { formatWhen } from "./workshop-messages.ts";
import { LEVELS } from "./workshops.ts";

export const REMOTE_WHERE = "À distance : le lien de connexion est envoyé aux personnes inscrites";

const THEME_LABELS = new Map<string, string>(THEMES.map((t) => [t.code, t.label]));

export function themeLabels(codes: readonly string[]): string[] {
  return codes.map((c) => THEME_LABELS.get(c)).filter((l): l is string => l !== undefined);
}

export function levelLabel(level: WorkshopLevel): string {
  return LEVELS[level];
}


/** « jeudi 4 décembre, 14 h – 16 h » */
export function whenText(startsAt: Date, endsAt: Date): string {
  const start = formatWhen(startsAt);
  return `${start}${NBSP}– ${formatHour(endsAt)}`;
}

export function seatsText(capacity: number, taken: number): { full: boolean; text: string } {
  const left = Math.max(0, capacity - taken);
  if (left === 0) return { full: true, text: "Complet : inscription sur liste d'attente" };
  return { full: false, text: left === 1 ? "1 place disponible" : `${left} places disponibles` };
}
