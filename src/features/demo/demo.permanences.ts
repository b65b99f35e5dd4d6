// The advisors' weekly permanences in the demo network. Each advisor trains one weekday at the Afpa
// (no permanence that day) and holds 2 to 5 half-day slots a week at their employer's places, within
// the places' opening hours. Lot-et-Garonne Numérique's advisors are itinerant: they alternate between
// small communes' town halls and branch offices every other week. Pure and deterministic: same network
// and same day, same schedule.
import { addDays } from "../calendar/paris-time.ts";
import { occurrences, type PermanenceMode } from "../permanences/permanence.ts";
import { type DemoNetwork, type DemoPlace, hashString, mulberry32 } from "./demo.data.ts";
import { isWithinHours, type PlaceKind, placeHours, placeKind, type TimeRange, type WeekHours } from "./demo.hours.ts";

export interface DemoPermanence {
  place: string; // place slug
  advisor: string; // advisor e-mail
  weekdays: number[];
  startTime: string;
  endTime: string;
  everyWeeks: number;
  validFrom: string;
  validTo: string | null;
  cancelledDates: string[];
  mode: PermanenceMode;
}

export interface DemoSchedule {
  /** Advisor e-mail → ISO weekday spent training at the Afpa (kept free of permanences). */
  trainingDay: Map<string, number>;
  permanences: DemoPermanence[];
  /** Place slug → weekly hours, null when help is given only during permanences. */
  hours: Map<string, WeekHours | null>;
  /** Places served only by itinerant advisors. */
  itinerantPlaces: Set<string>;
}

/** Employers whose advisors travel from commune to commune (Lot-et-Garonne only). */
const ITINERANT_EMPLOYERS: Record<string, string[][][]> = {
  // Per advisor of Lot-et-Garonne Numérique: half-day cells, each alternating between two places.
  lgnum: [
    [
      ["mairie-de-lauzun", "mairie-de-cancon"],
      ["antenne-medico-sociale-de-miramont-de-guyenne", "mairie-de-lauzun"],
    ],
    [
      ["mairie-de-houeilles", "antenne-medico-sociale-de-mezin"],
      ["mairie-de-prayssas", "mairie-de-houeilles"],
    ],
    [
      ["mairie-de-penne-d-agenais", "mairie-de-pujols"],
      ["antenne-medico-sociale-de-monflanquin", "mairie-de-penne-d-agenais"],
    ],
  ],
};

const MORNINGS: TimeRange[] = [
  ["09:00", "12:00"],
  ["09:30", "12:00"],
  ["09:00", "11:30"],
  ["10:00", "12:30"],
];
const AFTERNOONS: TimeRange[] = [
  ["14:00", "17:00"],
  ["13:30", "16:30"],
  ["14:00", "16:30"],
  ["14:30", "17:30"],
  ["15:00", "18:00"],
];

const MODES: Record<PlaceKind, [PermanenceMode, number][]> = {
  cms: [
    ["appointment", 0.8],
    ["both", 1],
  ],
  antenne: [
    ["appointment", 0.5],
    ["both", 1],
  ],
  "mediatheque-departementale": [
    ["drop_in", 0.6],
    ["both", 1],
  ],
  mediatheque: [
    ["drop_in", 0.7],
    ["both", 1],
  ],
  mairie: [
    ["both", 0.5],
    ["drop_in", 0.8],
    ["appointment", 1],
  ],
  "france-services": [
    ["both", 0.6],
    ["appointment", 1],
  ],
  epn: [["drop_in", 1]],
  "centre-social": [["both", 1]],
  association: [
    ["both", 0.6],
    ["appointment", 1],
  ],
  "tiers-lieu": [
    ["drop_in", 0.6],
    ["both", 1],
  ],
};

function chooseMode(kind: PlaceKind, rng: () => number): PermanenceMode {
  const r = rng();
  return (MODES[kind].find(([, upTo]) => r < upTo) ?? MODES[kind][0])?.[0] as PermanenceMode;
}

interface Cell {
  weekday: number;
  afternoon: boolean;
}

interface Visit {
  places: string[]; // one place weekly, or two alternating every other week
  everyWeeks: number;
}

/** The first time range of the half-day that fits every place's hours (any range when a place has none). */
function fittingRange(cell: Cell, places: string[], hours: Map<string, WeekHours | null>, rotate: number): TimeRange | null {
  const options = cell.afternoon ? AFTERNOONS : MORNINGS;
  for (let i = 0; i < options.length; i++) {
    const [start, end] = options[(i + rotate) % options.length] as TimeRange;
    const fits = places.every((slug) => {
      const week = hours.get(slug);
      return !week || isWithinHours(week, cell.weekday, start, end);
    });
    if (fits) return [start, end];
  }
  return null;
}

/** Places of an employer shared out between its advisors; with more advisors than places, they share. */
function homePlaces(advisors: string[], places: DemoPlace[]): Map<string, string[]> {
  const homes = new Map<string, string[]>(advisors.map((a) => [a, []]));
  for (const [j, p] of places.entries()) homes.get(advisors[j % advisors.length] as string)?.push(p.slug);
  advisors.forEach((a, i) => {
    const list = homes.get(a) as string[];
    if (list.length === 0 && places.length > 0) list.push((places[i % places.length] as DemoPlace).slug);
  });
  return homes;
}

function visitsOf(homes: string[], circuit: string[][] | undefined, rng: () => number): Visit[] {
  if (circuit) return circuit.map((places) => ({ places, everyWeeks: 2 }));
  const visits: Visit[] = homes.slice(0, 5).map((slug) => ({ places: [slug], everyWeeks: 1 }));
  const target = Math.min(5, Math.max(2, visits.length + Math.floor(rng() * 3)));
  for (let i = 0; visits.length < target && homes.length > 0; i++) {
    visits.push({ places: [homes[i % homes.length] as string], everyWeeks: rng() < 0.3 ? 2 : 1 });
  }
  if (visits.length >= 3 && rng() < 0.25) (visits[0] as Visit).everyWeeks = 2;
  return visits;
}

interface AdvisorPlan {
  advisor: string;
  homes: string[];
  circuit: string[][] | undefined;
  hours: Map<string, WeekHours | null>;
  kindOf: Map<string, PlaceKind>;
  today: string;
}

/** One advisor's training day and weekly rules: each visit takes a free half-day that fits the places' hours. */
function scheduleAdvisor(plan: AdvisorPlan): { training: number; rules: DemoPermanence[] } {
  const { advisor, hours, kindOf, today } = plan;
  const rng = mulberry32(hashString(`schedule:${advisor}`));
  const training = 1 + (hashString(`afpa:${advisor}`) % 5);
  const cells: Cell[] = [1, 2, 3, 4, 5]
    .filter((d) => d !== training)
    .flatMap((weekday) => [
      { weekday, afternoon: false },
      { weekday, afternoon: true },
    ])
    .map((cell) => ({ cell, order: rng() }))
    .sort((a, b) => a.order - b.order)
    .map((c) => c.cell);
  const started = addDays(today, -(60 + Math.floor(rng() * 100)));
  const validFromOf = new Map<string, string>();
  const validFrom = (slug: string): string => {
    if (!validFromOf.has(slug)) validFromOf.set(slug, addDays(started, 7 * Math.floor(rng() * 3)));
    return validFromOf.get(slug) as string;
  };
  const modeOf = new Map<string, PermanenceMode>();
  const mode = (slug: string): PermanenceMode => {
    if (!modeOf.has(slug)) modeOf.set(slug, chooseMode(kindOf.get(slug) as PlaceKind, rng));
    return modeOf.get(slug) as PermanenceMode;
  };

  const rules: DemoPermanence[] = [];
  const visits = visitsOf(plan.homes, plan.circuit, rng);
  visits.forEach((visit, n) => {
    const rotate = Math.floor(rng() * 5);
    let found: { cell: Cell; range: TimeRange } | null = null;
    for (const cell of cells) {
      const range = fittingRange(cell, visit.places, hours, rotate);
      if (range) {
        found = { cell, range };
        break;
      }
    }
    // A first visit of a place always happens: out of public hours when nothing fits.
    const firstOfPlace = !visits.slice(0, n).some((v) => v.places.join() === visit.places.join());
    if (!found && firstOfPlace && cells[0]) found = { cell: cells[0], range: (cells[0].afternoon ? AFTERNOONS : MORNINGS)[0] as TimeRange };
    if (!found) return;
    const { cell, range } = found;
    cells.splice(cells.indexOf(cell), 1);
    const anchor = validFrom(visit.places[0] as string);
    visit.places.forEach((slug, k) => {
      rules.push({
        place: slug,
        advisor,
        weekdays: [cell.weekday],
        startTime: range[0],
        endTime: range[1],
        everyWeeks: visit.everyWeeks,
        // Two places sharing a half-day alternate: the second starts one week later.
        validFrom: visit.places.length > 1 ? addDays(anchor, 7 * k) : validFrom(slug),
        validTo: null,
        cancelledDates: [],
        mode: mode(slug),
      });
    });
  });
  return { training, rules };
}

export function demoSchedule(network: DemoNetwork, today: string): DemoSchedule {
  const itinerantEmployers = network.kind === "curated" ? ITINERANT_EMPLOYERS : {};
  const bigTowns = new Set(
    network.structures
      .filter((s) => s.kind === "commune" && network.accounts.some((a) => a.advisor?.structure === s.key))
      .map((s) => s.communeCode),
  );
  const itinerantPlaces = new Set(network.places.filter((p) => p.structure in itinerantEmployers).map((p) => p.slug));
  const hours = new Map(
    network.places.map((p) => [p.slug, placeHours(p, { bigTown: bigTowns.has(p.communeCode), itinerant: itinerantPlaces.has(p.slug) })]),
  );
  const kindOf = new Map(network.places.map((p) => [p.slug, placeKind(p)]));

  const trainingDay = new Map<string, number>();
  const permanences: DemoPermanence[] = [];
  for (const structure of network.structures) {
    const advisors = network.accounts.filter((a) => a.advisor?.structure === structure.key).map((a) => a.email);
    if (advisors.length === 0) continue;
    const homes = homePlaces(
      advisors,
      network.places.filter((p) => p.structure === structure.key),
    );
    advisors.forEach((advisor, index) => {
      const circuit = itinerantEmployers[structure.key]?.[index];
      const { training, rules } = scheduleAdvisor({ advisor, homes: homes.get(advisor) ?? [], circuit, hours, kindOf, today });
      trainingDay.set(advisor, training);
      permanences.push(...rules);
    });
  }
  return { trainingDay, permanences: finish(mergeWeekdays(permanences), today), hours, itinerantPlaces };
}

/** Rules identical but for the weekday become one rule with several weekdays. */
function mergeWeekdays(list: DemoPermanence[]): DemoPermanence[] {
  const merged = new Map<string, DemoPermanence>();
  for (const p of list) {
    const key = [p.advisor, p.place, p.startTime, p.endTime, p.everyWeeks, p.validFrom, p.mode].join("|");
    const existing = merged.get(key);
    if (existing) existing.weekdays = [...existing.weekdays, ...p.weekdays].sort();
    else merged.set(key, { ...p, weekdays: [...p.weekdays] });
  }
  return [...merged.values()];
}

/** A few rules end in a few months; a few have an upcoming date cancelled. */
function finish(list: DemoPermanence[], today: string): DemoPermanence[] {
  return list.map((p) => {
    const rng = mulberry32(hashString(`rule:${p.advisor}:${p.place}:${p.weekdays.join()}:${p.startTime}`));
    const validTo = rng() < 0.1 ? addDays(today, 30 + Math.floor(rng() * 90)) : null;
    let cancelledDates: string[] = [];
    if (rng() < 0.15) {
      const upcoming = occurrences({ ...p, validTo }, addDays(today, 1), addDays(today, 42), new Set());
      const date = upcoming[1]?.date ?? upcoming[0]?.date;
      if (date) cancelledDates = [date];
    }
    return { ...p, validTo, cancelledDates };
  });
}
