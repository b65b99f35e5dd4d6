// Wall-clock time in Europe/Paris, whatever the server's own time zone.
// Permanences are "every Tuesday 9:00–12:00 in Agen": they follow Paris clocks across DST changes.

export const PARIS = "Europe/Paris";

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface WallClock {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  weekday: number; // 1 = Monday … 7 = Sunday
}

/** The wall clock as the time-zone database says it (Intl: a few microseconds a call). */
export function intlPartsOf(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of PARTS.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

// Paris changes its offset at 01:00 UTC, on the hour (the European rule since 1996; earlier instants ask Intl):
// within one UTC hour the offset is constant. It is asked of Intl once per hour and kept, so that the
// search, which reads Paris times for every result, and the openings computation do arithmetic instead.
const HOUR_MS = 3_600_000;
const FAST_FROM = Date.UTC(1996, 0, 1);
const FAST_TO = Date.UTC(2200, 0, 1);
const OFFSETS_KEPT = 100_000;
const offsets = new Map<number, number>();

function offsetOfHour(hour: number): number {
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const p = intlPartsOf(new Date(start));
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - start;
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

function partsOf(instant: Date): Record<string, string> {
  const ms = instant.getTime();
  if (!(ms >= FAST_FROM && ms < FAST_TO)) return intlPartsOf(instant);
  const wall = new Date(ms + offsetOfHour(Math.floor(ms / HOUR_MS)));
  return {
    year: String(wall.getUTCFullYear()),
    month: two(wall.getUTCMonth() + 1),
    day: two(wall.getUTCDate()),
    hour: two(wall.getUTCHours()),
    minute: two(wall.getUTCMinutes()),
    second: two(wall.getUTCSeconds()),
  };
}

/** The Paris wall clock of an instant, fields as Intl gives them (tests compare it with intlPartsOf). */
export const parisPartsOf = partsOf;

/** Offset of Paris from UTC at that instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const p = partsOf(instant);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function toParis(instant: Date): WallClock {
  const p = partsOf(instant);
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, time: `${p.hour}:${p.minute}`, weekday: isoWeekday(date) };
}

/**
 * The instant when Paris clocks show this date and time. A time that does not exist (skipped at
 * the spring change) moves forward by the gap; an ambiguous one (autumn) takes the first occurrence.
 */
export function parisToInstant(date: string, time: string): Date {
  const key = `${date}T${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const instant = computeParisInstant(date, time);
  if (instants.size >= INSTANTS_KEPT) instants.clear();
  instants.set(key, instant.getTime());
  return instant;
}

// Permanences repeat a few times of day over the same weeks: conversions are kept, up to a bound.
const INSTANTS_KEPT = 50_000;
const instants = new Map<string, number>();

function computeParisInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = parisOffsetMinutes(new Date(wall - 12 * 3_600_000));
  const after = parisOffsetMinutes(new Date(wall + 12 * 3_600_000));
  const valid = [...new Set([before, after])]
    .map((offset) => new Date(wall - offset * 60_000))
    .filter((candidate) => toParis(candidate).time === time.slice(0, 5))
    .sort((a, b) => a.getTime() - b.getTime());
  // In the spring gap no candidate is valid: the offset from before the change moves the time forward.
  return valid[0] ?? new Date(wall - before * 60_000);
}

/** 1 = Monday … 7 = Sunday, for a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Monday of the week holding this date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}
