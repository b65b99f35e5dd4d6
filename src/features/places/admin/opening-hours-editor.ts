// The weekly opening-hours editor: per weekday up to two time ranges, plus « Fermé les jours fériés »,
// converted to OpenStreetMap opening_hours syntax ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off")
// and parsed back when the string is in the shape we write. Anything else is edited as raw text.

export const OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
export const DAY_NAMES = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;
export const RANGES_PER_DAY = 2;

export interface TimeRange {
  start: string; // HH:MM
  end: string; // HH:MM
}

export interface WeekHours {
  /** Seven entries, Monday first; each holds 0 to RANGES_PER_DAY ranges in order. */
  days: TimeRange[][];
  closedOnHolidays: boolean;
}

export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function emptyWeek(): WeekHours {
  return { days: OSM_DAYS.map(() => []), closedOnHolidays: false };
}

function rangesKey(ranges: TimeRange[]): string {
  return ranges.map((r) => `${r.start}-${r.end}`).join(",");
}

/** OSM syntax of a week; "" when no day has hours. Consecutive days with identical ranges are grouped. */
export function weekToOsm(week: WeekHours): string {
  const rules: string[] = [];
  let i = 0;
  while (i < 7) {
    const key = rangesKey(week.days[i] ?? []);
    let j = i;
    while (j + 1 < 7 && rangesKey(week.days[j + 1] ?? []) === key) j++;
    if (key !== "") rules.push(`${j > i ? `${OSM_DAYS[i]}-${OSM_DAYS[j]}` : OSM_DAYS[i]} ${key}`);
    i = j + 1;
  }
  if (rules.length === 0) return "";
  if (week.closedOnHolidays) rules.push("PH off");
  return rules.join("; ");
}

function parseDays(selector: string): number[] | null {
  const out: number[] = [];
  for (const part of selector.split(",")) {
    const m = /^([A-Z][a-z])(?:-([A-Z][a-z]))?$/.exec(part);
    if (!m) return null;
    const from = OSM_DAYS.indexOf(m[1] as (typeof OSM_DAYS)[number]);
    const to = m[2] === undefined ? from : OSM_DAYS.indexOf(m[2] as (typeof OSM_DAYS)[number]);
    if (from < 0 || to < from) return null;
    for (let d = from; d <= to; d++) out.push(d);
  }
  return out;
}

function parseRanges(text: string): TimeRange[] | null {
  const ranges: TimeRange[] = [];
  for (const part of text.split(",")) {
    const [start, end, extra] = part.split("-");
    if (extra !== undefined || !start || !end || !TIME.test(start) || !TIME.test(end) || end <= start) return null;
    if (ranges.length > 0 && start <= ranges[ranges.length - 1]!.end) return null;
    ranges.push({ start, end });
  }
  return ranges.length > 0 && ranges.length <= RANGES_PER_DAY ? ranges : null;
}

/** The week a string describes, when it is in the shape weekToOsm writes; null otherwise (edit it as text). */
export function osmToWeek(value: string): WeekHours | null {
  const week = emptyWeek();
  const text = value.trim();
  if (text === "") return week;
  const seen = new Set<number>();
  for (const raw of text.split(";")) {
    const rule = raw.trim();
    if (rule === "PH off") {
      week.closedOnHolidays = true;
      continue;
    }
    const m = /^(\S+) (\S+)$/.exec(rule);
    if (!m) return null;
    const days = parseDays(m[1]!);
    const ranges = parseRanges(m[2]!);
    if (!days || !ranges) return null;
    for (const d of days) {
      if (seen.has(d)) return null;
      seen.add(d);
      week.days[d] = ranges.map((r) => ({ ...r }));
    }
  }
  return seen.size > 0 ? week : null;
}

/** Form field names of one range bound: "heures-1-2-debut" is Monday's second range start. */
export function rangeFieldName(day: number, range: number, bound: "start" | "end"): string {
  return `heures-${day + 1}-${range + 1}-${bound === "start" ? "debut" : "fin"}`;
}

export const HOLIDAYS_FIELD = "feries_fermes";
export const EXPERT_FIELD = "horaires_expert";

export interface WeekFormResult {
  week: WeekHours;
  errors: Record<string, string>;
}

/** Reads the grid of the form; blank pairs are ignored, half-filled or reversed pairs are errors. */
export function weekFromForm(read: (name: string) => string): WeekFormResult {
  const week = emptyWeek();
  const errors: Record<string, string> = {};
  for (let d = 0; d < 7; d++) {
    for (let r = 0; r < RANGES_PER_DAY; r++) {
      const startName = rangeFieldName(d, r, "start");
      const endName = rangeFieldName(d, r, "end");
      const start = read(startName).trim();
      const end = read(endName).trim();
      if (start === "" && end === "") continue;
      const day = DAY_NAMES[d]!.toLowerCase();
      if (!TIME.test(start)) errors[startName] = `Heure d'ouverture du ${day} : indiquez-la au format 09:00.`;
      else if (!TIME.test(end)) errors[endName] = `Heure de fermeture du ${day} : indiquez-la au format 12:00.`;
      else if (end <= start) errors[endName] = `Le ${day}, l'heure de fermeture doit être après l'heure d'ouverture.`;
      else {
        const previous = week.days[d]!.at(-1);
        if (previous && start <= previous.end) errors[startName] = `Le ${day}, la seconde plage doit commencer après la fin de la première.`;
        else week.days[d]!.push({ start, end });
      }
    }
  }
  week.closedOnHolidays = read(HOLIDAYS_FIELD) !== "";
  return { week, errors };
}

/** The form's field values for a week, to fill the grid. */
export function weekToFormValues(week: WeekHours): Record<string, string> {
  const values: Record<string, string> = {};
  week.days.forEach((ranges, d) => {
    ranges.forEach((range, r) => {
      values[rangeFieldName(d, r, "start")] = range.start;
      values[rangeFieldName(d, r, "end")] = range.end;
    });
  });
  if (week.closedOnHolidays) values[HOLIDAYS_FIELD] = "1";
  return values;
}
