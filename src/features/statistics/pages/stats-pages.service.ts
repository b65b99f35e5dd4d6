// View models of the dashboard and the monthly report: the query module's figures for the viewer's
// scope (loadStatistics: parse → scope → compute), plus the select lists that scope allows.
import type { Db } from "../../../db/schema.ts";
import { fieldErrorsFrom } from "../../../web/components.tsx";
import { HttpError } from "../../../web/errors.ts";
import { loadActivityActor } from "../../activities/activities.actor.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { addDays } from "../../calendar/paris-time.ts";
import { isNetworkStatsReader, SCOPE_REFUSALS, type StatsActor, statsScopeLabel } from "../statistics.policy.ts";
import { type LoadedStatistics, loadStatistics } from "../statistics.service.ts";
import type { StatsFilters, StatsResult } from "../statistics.ts";
import { addMonths, statsQueryString } from "../stats-query.ts";
import { advisorOptions, communeOptions, epciOptions, type Option, placeOptions, structureName, structureOptions } from "./stats-choices.repository.ts";
import { resolveCommuneFields } from "./stats-commune-input.ts";
import type { DashboardModel } from "./stats-dashboard.views.tsx";
import type { FilterChoices, ScopeKind } from "./stats-filters.views.tsx";
import { inSentence } from "./stats-format.ts";

type Query = Record<string, unknown>;

export function scopeKindOf(actor: StatsActor): ScopeKind {
  if (isNetworkStatsReader(actor)) return "network";
  return actor.roles.some((r) => r.role === "structure_manager" && r.structureId !== null) ? "structure" : "advisor";
}

/** The figures, or a 403 saying why (another advisor, another structure, no statistics role). */
export async function loadScoped(db: Db, viewer: Viewer, query: Query, today: string): Promise<Exclude<LoadedStatistics, { kind: "forbidden" }>> {
  const loaded = await loadStatistics(db, viewer, query, today);
  if (loaded.kind === "forbidden") throw new HttpError("forbidden", SCOPE_REFUSALS[loaded.reason]);
  return loaded;
}

export async function filterChoices(db: Db, departement: string, actor: StatsActor): Promise<FilterChoices> {
  const kind = scopeKindOf(actor);
  const structures = kind === "network" ? null : [...new Set([...managedIds(actor), ...actor.advisors.map((a) => a.structureId)])];
  const [advisors, places, structureList, epcis, communes] = await Promise.all([
    kind === "advisor" ? Promise.resolve([]) : advisorOptions(db, kind === "network" ? null : managedIds(actor)),
    placeOptions(db, structures),
    kind === "network" ? structureOptions(db) : Promise.resolve([]),
    kind === "network" ? epciOptions(db, departement) : Promise.resolve([]),
    communeOptions(db, departement),
  ]);
  return { kind, advisors, places, structures: structureList, epcis, communes };
}

function managedIds(actor: StatsActor): string[] {
  return actor.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId !== null ? [r.structureId] : []));
}

const labelOf = (options: Option[], value: string | null) => (value === null ? undefined : options.find((o) => o.value === value)?.label);

function titleOf(kind: ScopeKind, filters: StatsFilters, choices: FilterChoices, structureName: string | undefined): { title: string; scope: string } {
  if (kind === "advisor") return { title: "Mes statistiques", scope: "Les chiffres de vos propres comptes rendus d'activité." };
  const label = statsScopeLabel(filters, {
    advisor: labelOf(choices.advisors, filters.advisorId),
    structure: structureName ?? labelOf(choices.structures, filters.structureId),
    epci: labelOf(choices.epcis, filters.epciCode),
    commune: labelOf(choices.communes, filters.communeCode),
  });
  if (kind === "structure") return { title: `Statistiques : ${structureName ?? "ma structure"}`, scope: `Les chiffres des conseillers de la structure. Périmètre : ${inSentence(label)}.` };
  return { title: "Statistiques du réseau", scope: `Les chiffres des comptes rendus d'activité du réseau, sans aucune identité. Périmètre : ${inSentence(label)}.` };
}

/** The last full month before `today`, as YYYY-MM. */
export function lastFullMonth(today: string): string {
  return addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

/** Who is looking and what the figures cover: the page's title and sentence, and the select lists. */
export async function describeScope(db: Db, departement: string, viewer: Viewer, filters: StatsFilters) {
  const actor = await loadActivityActor(db, viewer);
  const choices = await filterChoices(db, departement, actor);
  const structure = choices.kind === "structure" && filters.structureId !== null ? ((await structureName(db, filters.structureId)) ?? undefined) : undefined;
  return { choices, ...titleOf(choices.kind, filters, choices, structure) };
}

export async function dashboardModel(db: Db, departement: string, viewer: Viewer, typed: Query, today: string): Promise<{ status: number; model: DashboardModel }> {
  const named = resolveCommuneFields(typed, await communeOptions(db, departement));
  const loaded = await loadScoped(db, viewer, named.query, today);
  const filters = loaded.kind === "ok" ? loaded.result.filters : loaded.filters;
  const { choices, title, scope } = await describeScope(db, departement, viewer, filters);
  const query_ = loaded.kind === "ok" ? `?${statsQueryString(loaded.result.filters, loaded.result.granularity)}` : "";
  const month = filters.to.slice(0, 7) < today.slice(0, 7) ? filters.to.slice(0, 7) : lastFullMonth(today);
  return {
    status: loaded.kind === "ok" ? 200 : 400,
    model: {
      title,
      scopeSentence: scope,
      input: loaded.kind === "ok" ? shownInput(loaded.input, loaded.result) : loaded.input,
      errors: loaded.kind === "ok" ? {} : { ...fieldErrorsFrom(loaded.errors), ...named.errors },
      choices,
      result: loaded.kind === "ok" ? loaded.result : null,
      query: query_,
      reportMonth: month,
    },
  };
}

/** What the form shows: what was typed, and the period and step in use where nothing was. */
function shownInput(input: Record<string, string>, result: StatsResult): Record<string, string> {
  return { ...input, du: input.du || result.filters.from, au: input.au || result.filters.to, pas: input.pas || result.granularity };
}

/** The first and last day of a month given as YYYY-MM. */
export function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}
