// Opening hours of the demo places: a weekly model (weekday → time ranges) chosen by the kind of place,
// written in OpenStreetMap `opening_hours` syntax for the national standard, and read back to check
// that an advisor's permanence falls within the hours of the place that hosts it.
import { type DemoPlace, hashString, mulberry32 } from "./demo.data.ts";

/** Start and end, "HH:MM". */
export type TimeRange = readonly [string, string];

/** ISO weekday (1 = Monday … 7 = Sunday) → ranges, in order. Missing days are closed. */
export type WeekHours = Partial<Record<number, TimeRange[]>>;

export type PlaceKind =
  | "cms"
  | "antenne"
  | "mediatheque-departementale"
  | "mediatheque"
  | "mairie"
  | "france-services"
  | "epn"
  | "centre-social"
  | "association"
  | "tiers-lieu";

export function placeKind(place: Pick<DemoPlace, "name" | "typologie">): PlaceKind {
  const { name, typologie } = place;
  if (name.startsWith("Centre médico-social")) return "cms";
  if (name.startsWith("Antenne médico-sociale")) return "antenne";
  if (typologie.includes("BIB")) return typologie.includes("CD") ? "mediatheque-departementale" : "mediatheque";
  if (typologie.includes("MUNI")) return "mairie";
  if (typologie.includes("RFS")) return "france-services";
  if (typologie.includes("EPN")) return "epn";
  if (typologie.includes("TIERS_LIEUX")) return "tiers-lieu";
  if (name.startsWith("Centre social")) return "centre-social";
  return "association";
}

const OSM_DAYS = ["", "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;

function days(list: number[], ranges: TimeRange[]): WeekHours {
  return Object.fromEntries(list.map((d) => [d, ranges]));
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const FULL_DAY: TimeRange[] = [
  ["08:30", "12:00"],
  ["13:30", "17:00"],
];

/** "Mo-Fr", "Tu,Th", "Mo-We,Fr": runs of three days or more become ranges. */
function formatDays(list: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j + 1 < list.length && (list[j + 1] as number) === (list[j] as number) + 1) j++;
    const first = OSM_DAYS[list[i] as number];
    const last = OSM_DAYS[list[j] as number];
    if (j - i >= 2) parts.push(`${first}-${last}`);
    else for (let k = i; k <= j; k++) parts.push(OSM_DAYS[list[k] as number] as string);
    i = j + 1;
  }
  return parts.join(",");
}

/** `Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off`. Closed on public holidays. */
export function toOpeningHours(week: WeekHours): string {
  const groups = new Map<string, number[]>();
  for (let day = 1; day <= 7; day++) {
    const ranges = week[day];
    if (!ranges || ranges.length === 0) continue;
    const key = ranges.map(([start, end]) => `${start}-${end}`).join(",");
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  const rules = [...groups].map(([ranges, list]) => `${formatDays(list)} ${ranges}`);
  return [...rules, "PH off"].join("; ");
}

/** True when [start, end] on this weekday lies inside one of the place's ranges. */
export function isWithinHours(week: WeekHours, weekday: number, start: string, end: string): boolean {
  return (week[weekday] ?? []).some(([open, close]) => open <= start && end <= close);
}

const LIBRARY_HOURS: WeekHours[] = [
  {
    2: [["14:00", "18:00"]],
    3: [
      ["10:00", "12:30"],
      ["14:00", "18:00"],
    ],
    5: [["14:00", "18:00"]],
    6: [
      ["10:00", "12:30"],
      ["14:00", "17:00"],
    ],
  },
  {
    2: [["13:30", "18:30"]],
    3: [
      ["09:30", "12:30"],
      ["13:30", "18:30"],
    ],
    4: [["09:30", "12:30"]],
    6: [["09:30", "12:30"]],
  },
  {
    2: [["14:00", "18:00"]],
    3: [["10:00", "18:00"]],
    4: [["14:00", "18:00"]],
    5: [["10:00", "12:30"]],
    6: [["10:00", "17:00"]],
  },
];

/**
 * The weekly hours of a place, or null when help is only given during advisors' permanences
 * (itinerant advisors' town halls, a drop-in room without a reception desk, some branch offices).
 */
export function placeHours(place: DemoPlace, options: { bigTown: boolean; itinerant: boolean }): WeekHours | null {
  if (options.itinerant) return null;
  const rng = mulberry32(hashString(`hours:${place.slug}`));
  switch (placeKind(place)) {
    case "cms":
      return days(WEEKDAYS, FULL_DAY);
    case "antenne":
      return rng() < 0.5
        ? days([2, 4], [
            ["09:00", "12:00"],
            ["13:30", "16:30"],
          ])
        : null;
    case "mediatheque-departementale":
      return days([2, 3, 4, 5], [
        ["09:00", "12:30"],
        ["13:30", "17:30"],
      ]);
    case "mediatheque":
      return LIBRARY_HOURS[Math.floor(rng() * LIBRARY_HOURS.length)] as WeekHours;
    case "mairie":
      if (options.bigTown) {
        return days(WEEKDAYS, [
          ["08:30", "12:30"],
          ["13:30", "17:30"],
        ]);
      }
      return { ...days(WEEKDAYS, [["08:30", "12:00"]]), ...(rng() < 0.5 ? { 3: [["08:30", "12:00"], ["14:00", "17:00"]] as TimeRange[] } : {}) };
    case "france-services":
      return {
        ...days(WEEKDAYS, [
          ["09:00", "12:00"],
          ["13:30", "17:00"],
        ]),
        ...(rng() < 0.4 ? { 6: [["09:00", "12:00"]] as TimeRange[] } : {}),
      };
    case "epn":
      return {
        1: [["14:00", "18:00"]],
        3: [
          ["09:30", "12:30"],
          ["14:00", "18:00"],
        ],
        5: [["14:00", "18:00"]],
        6: [["09:30", "12:30"]],
      };
    case "centre-social":
      return days(WEEKDAYS, [
        ["09:00", "12:30"],
        ["13:30", "18:00"],
      ]);
    case "association":
      return place.name.startsWith("Local") ? { ...days([1, 2, 3, 4], [["09:00", "12:00"], ["14:00", "17:30"]]), 5: [["09:00", "12:00"]] } : null;
    case "tiers-lieu":
      return rng() < 0.5
        ? { ...days([2, 3, 4, 5], [["09:30", "18:00"]]), 6: [["10:00", "13:00"]] }
        : days(WEEKDAYS, [
            ["09:00", "12:30"],
            ["14:00", "18:00"],
          ]);
  }
}
