// The history of a place: who changed what, when, with each field's value before and after.
import { formatDateTime, Pagination } from "../../../web/components.tsx";
import { BackLink } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { queryString } from "../../../web/page.ts";
import { PERMANENCE_MODES, type PermanenceMode } from "../../permanences/permanence.ts";
import { DAY_NAMES } from "./opening-hours-editor.ts";
import { PERMANENCE_FIELD_LABELS } from "./permanence-form.ts";
import { ACTION_LABELS, type ChangeSet, type ColumnValue } from "./place-changes.ts";
import { FIELD_LABELS, optionsOf } from "./place-fields.ts";

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  who: string;
  changes: ChangeSet;
}

export interface HistoryModel {
  placeId: string;
  placeName: string;
  entries: HistoryEntry[];
  page: number;
  pageCount: number;
  total: number;
  /** Names for ids stored in the history (structures, advisors). */
  names: Map<string, string>;
}

function show(column: string, value: ColumnValue, names: Map<string, string>): string {
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) return "(vide)";
  if (column === "is_public") return value ? "visible du public" : "masqué";
  if (column === "mode" && typeof value === "string") return PERMANENCE_MODES[value as PermanenceMode] ?? value;
  if (column === "coordinates_precision") return value === "address" ? "à l'adresse" : "centre de la commune";
  if (column === "weekdays" && Array.isArray(value)) return value.map((d) => DAY_NAMES[Number(d) - 1] ?? String(d)).join(", ");
  if ((column === "structure_id" || column === "advisor_id") && typeof value === "string") return names.get(value) ?? value;
  const options = optionsOf(column);
  if (Array.isArray(value)) return value.map((v) => options?.find((o) => o.value === v)?.label ?? String(v)).join(", ");
  return String(value);
}

export function PlaceHistoryPage(props: { ctx: PageContext; model: HistoryModel }): SafeHtml {
  const { model } = props;
  return (
    <Layout ctx={props.ctx} title={`Historique : ${model.placeName}`}>
      <BackLink href={`/gestion/lieux/${model.placeId}`}>Retour au lieu</BackLink>
      <h1>Historique de « {model.placeName} »</h1>
      {model.entries.length === 0 ? <p>Aucune modification enregistrée.</p> : null}
      <ol class="change-history">
        {model.entries.map((entry) => (
          <li>
            <h2 class="change-history__title">{ACTION_LABELS[entry.action] ?? entry.action}</h2>
            <p class="meta">
              {formatDateTime(entry.at)}, par {entry.who}
            </p>
            {Object.keys(entry.changes).length > 0 ? (
              <ul class="change-history__changes">
                {Object.entries(entry.changes).map(([column, change]) => (
                  <li>
                    <strong>{FIELD_LABELS[column] ?? PERMANENCE_FIELD_LABELS[column] ?? column}</strong> :{" "}
                    {show(column, change.before, model.names)} → {show(column, change.after, model.names)}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <Pagination
        page={model.page}
        pageCount={model.pageCount}
        hrefFor={(page) => `/gestion/lieux/${model.placeId}/historique${queryString({ page })}`}
      />
    </Layout>
  );
}
