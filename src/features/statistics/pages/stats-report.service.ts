// The monthly report's model: the month asked (or the last full one), its figures and the previous
// month's, both in the viewer's scope and with the same scope filters.
import type { Db } from "../../../db/schema.ts";
import type { FieldError } from "../../../web/errors.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { STATS_PARAMS } from "../statistics.ts";
import { addMonths } from "../stats-query.ts";
import { describeScope, lastFullMonth, loadScoped, monthBounds } from "./stats-pages.service.ts";
import type { ReportModel } from "./stats-report.views.tsx";

type Query = Record<string, unknown>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The filters of the report's own URL other than the period, kept by its links and form. */
function scopeQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const name of Object.values(STATS_PARAMS)) {
    const value = query[name];
    if (name !== "du" && name !== "au" && typeof value === "string" && value.trim() !== "") params.set(name, value.trim().slice(0, 100));
  }
  const text = params.toString();
  return text === "" ? "" : `&${text}`;
}

export async function reportModel(db: Db, departement: string, viewer: Viewer, query: Query, today: string): Promise<{ status: number; model: ReportModel }> {
  const typed = typeof query.mois === "string" ? query.mois.trim().slice(0, 20) : "";
  const month = typed === "" ? lastFullMonth(today) : typed;
  const base = { scopeTitle: "", monthInput: typed === "" ? month : typed, scopeQuery: scopeQuery(query) };
  const valid = MONTH.test(month) && month >= "2000-01" && month <= today.slice(0, 7);
  const errors: FieldError[] = valid ? [] : [{ field: "mois", message: "Indiquez un mois passé ou en cours, comme 2026-10 (année, tiret, mois)." }];
  const previousMonth = valid ? addMonths(`${month}-01`, -1).slice(0, 7) : month;
  const periodOf = (m: string) => {
    const { from, to } = monthBounds(m);
    return { ...query, du: from, au: to, pas: "semaine" };
  };
  // Scope first: a person without statistics gets 403 whatever the month they typed.
  const current = await loadScoped(db, viewer, periodOf(valid ? month : today.slice(0, 7)), today);
  const previous = valid && current.kind === "ok" ? await loadScoped(db, viewer, periodOf(previousMonth), today) : null;
  const { title } = await describeScope(db, departement, viewer, current.kind === "ok" ? current.result.filters : current.filters);
  base.scopeTitle = title;
  if (!valid || current.kind !== "ok" || previous?.kind !== "ok") {
    const filterErrors = current.kind === "ok" ? [] : current.errors.filter((e) => e.field !== "du" && e.field !== "au");
    return { status: 400, model: { ...base, errors: Object.fromEntries([...errors, ...filterErrors].map((e) => [e.field, e.message])), report: null } };
  }
  const next = addMonths(`${month}-01`, 1).slice(0, 7);
  return {
    status: 200,
    model: {
      ...base,
      errors: {},
      report: { month, current: current.result, previous: previous.result, previousMonth, nextMonth: next <= today.slice(0, 7) ? next : null, generatedOn: today },
    },
  };
}
