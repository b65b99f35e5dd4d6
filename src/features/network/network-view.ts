// The network table, pure part: the filters read from the URL, the advisors they keep, the groups
// (by employer or by EPCI) with their totals, and the CSV rows that mirror the page.
import { isStructureKind, type StructureKind } from "../organisation/organisation.ts";
import { decimalHours, employerKindLabel, formatHours, frenchDate } from "./network.ts";

export interface AdvisorLine {
  id: string;
  firstName: string;
  lastName: string;
  structureId: string;
  structureName: string;
  structureKind: string;
  /** The EPCI of the advisor's main place, else of their structure; null when neither is known. */
  epciCode: string | null;
  epciName: string | null;
  places: { id: string; name: string; communeName: string | null }[];
  weeklyMinutes: number;
  training: string[];
  lastActivity: string | null;
  active: boolean;
  /** The advisor's agenda, when the viewer may open it. */
  agendaHref: string | null;
}

export type Grouping = "structure" | "epci";
export type ActivityFilter = "" | "actifs" | "inactifs";

/** `epci` holds an EPCI code, NO_EPCI for advisors without one, or "" for all. */
export interface NetworkFilter {
  par: Grouping;
  type: StructureKind | "";
  epci: string;
  activite: ActivityFilter;
}

export const NO_EPCI = "aucune";
export const NO_EPCI_LABEL = "Sans intercommunalité connue";

/** Unknown values are ignored, as if the filter were not set: a shared link never breaks the page. */
export function readNetworkFilter(query: Record<string, string | undefined>): NetworkFilter {
  const type = query.type ?? "";
  const epci = query.epci ?? "";
  const activite = query.activite ?? "";
  return {
    par: query.par === "epci" ? "epci" : "structure",
    type: isStructureKind(type) ? type : "",
    epci: epci === NO_EPCI || /^\d{9}$/.test(epci) ? epci : "",
    activite: activite === "actifs" || activite === "inactifs" ? activite : "",
  };
}

/** The filter as URL parameters, without the defaults. */
export function filterParams(filter: NetworkFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.par !== "structure") out.par = filter.par;
  if (filter.type) out.type = filter.type;
  if (filter.epci) out.epci = filter.epci;
  if (filter.activite) out.activite = filter.activite;
  return out;
}

export function applyFilter(lines: readonly AdvisorLine[], filter: NetworkFilter): AdvisorLine[] {
  return lines.filter(
    (a) =>
      (filter.type === "" || a.structureKind === filter.type) &&
      (filter.epci === "" || (filter.epci === NO_EPCI ? a.epciCode === null : a.epciCode === filter.epci)) &&
      (filter.activite === "" || a.active === (filter.activite === "actifs")),
  );
}

export interface Totals {
  advisors: number;
  active: number;
  weeklyMinutes: number;
}

export interface AdvisorGroup {
  key: string;
  title: string;
  /** The employer kind label when grouped by structure. */
  subtitle: string | null;
  advisors: AdvisorLine[];
  totals: Totals;
}

export function totalsOf(lines: readonly AdvisorLine[]): Totals {
  return {
    advisors: lines.length,
    active: lines.filter((a) => a.active).length,
    weeklyMinutes: lines.reduce((sum, a) => sum + a.weeklyMinutes, 0),
  };
}

const byName = (a: AdvisorLine, b: AdvisorLine) => a.lastName.localeCompare(b.lastName, "fr") || a.firstName.localeCompare(b.firstName, "fr");

export function groupAdvisors(lines: readonly AdvisorLine[], par: Grouping): AdvisorGroup[] {
  const groups = new Map<string, AdvisorGroup>();
  for (const a of lines) {
    const key = par === "structure" ? a.structureId : (a.epciCode ?? NO_EPCI);
    let group = groups.get(key);
    if (!group) {
      group =
        par === "structure"
          ? { key, title: a.structureName, subtitle: employerKindLabel(a.structureKind), advisors: [], totals: totalsOf([]) }
          : { key, title: a.epciName ?? NO_EPCI_LABEL, subtitle: null, advisors: [], totals: totalsOf([]) };
      groups.set(key, group);
    }
    group.advisors.push(a);
  }
  const out = [...groups.values()].map((g) => ({ ...g, advisors: [...g.advisors].sort(byName), totals: totalsOf(g.advisors) }));
  // "Sans intercommunalité" goes last; the others in alphabetical order.
  return out.sort((a, b) => Number(a.key === NO_EPCI) - Number(b.key === NO_EPCI) || a.title.localeCompare(b.title, "fr"));
}

export function activityText(a: Pick<AdvisorLine, "active" | "lastActivity">): string {
  if (a.active) return "Actif";
  return a.lastActivity ? `Inactif depuis le ${frenchDate(a.lastActivity)}` : "Aucune activité enregistrée";
}

export const CSV_HEADER = [
  "Regroupement",
  "Conseiller",
  "Structure",
  "Type de structure",
  "Intercommunalité",
  "Lieux",
  "Heures de permanence par semaine",
  "Formation",
  "Activité (30 derniers jours)",
  "Dernière activité",
];

/** One row per advisor, in the page's order, with the same words as the page. */
export function csvRows(groups: readonly AdvisorGroup[]): string[][] {
  return groups.flatMap((g) =>
    g.advisors.map((a) => [
      g.title,
      `${a.firstName} ${a.lastName}`,
      a.structureName,
      employerKindLabel(a.structureKind),
      a.epciName ?? NO_EPCI_LABEL,
      a.places.map(placeText).join(" ; "),
      decimalHours(a.weeklyMinutes),
      a.training.join(" ; "),
      activityText(a),
      a.lastActivity ?? "",
    ]),
  );
}

export function placeText(p: { name: string; communeName: string | null }): string {
  return p.communeName && !p.name.includes(p.communeName) ? `${p.name} (${p.communeName})` : p.name;
}

export function totalsText(t: Totals): string {
  const advisors = t.advisors === 1 ? "1 conseiller" : `${t.advisors} conseillers`;
  const active = t.active === 1 ? "1 actif" : `${t.active} actifs`;
  return `${advisors}, dont ${active} · ${formatHours(t.weeklyMinutes)} de permanence par semaine`;
}
