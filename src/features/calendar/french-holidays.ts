// French public holidays, computed (no network). Alsace-Moselle (57, 67, 68) has two more.

export interface Holiday {
  date: string;
  name: string;
}

/** Easter Sunday (Gregorian calendar, anonymous algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ALSACE_MOSELLE = new Set(["57", "67", "68"]);

export function frenchHolidays(year: number, departement = ""): Holiday[] {
  const easter = easterSunday(year);
  const y = String(year);
  const list: Holiday[] = [
    { date: `${y}-01-01`, name: "Jour de l'an" },
    { date: shift(easter, 1), name: "Lundi de Pâques" },
    { date: `${y}-05-01`, name: "Fête du Travail" },
    { date: `${y}-05-08`, name: "Victoire 1945" },
    { date: shift(easter, 39), name: "Ascension" },
    { date: shift(easter, 50), name: "Lundi de Pentecôte" },
    { date: `${y}-07-14`, name: "Fête nationale" },
    { date: `${y}-08-15`, name: "Assomption" },
    { date: `${y}-11-01`, name: "Toussaint" },
    { date: `${y}-11-11`, name: "Armistice 1918" },
    { date: `${y}-12-25`, name: "Noël" },
  ];
  if (ALSACE_MOSELLE.has(departement)) {
    list.push({ date: shift(easter, -2), name: "Vendredi saint" }, { date: `${y}-12-26`, name: "Saint-Étienne" });
  }
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

/** Holidays between two dates (inclusive), as a set of YYYY-MM-DD for fast lookups. */
export function holidaySet(from: string, to: string, departement = ""): Set<string> {
  const set = new Set<string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of frenchHolidays(year, departement)) if (h.date >= from && h.date <= to) set.add(h.date);
  }
  return set;
}
