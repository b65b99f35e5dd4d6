// /demandes: the coordination's queue (waiting requests first, longest wait first, with their age in days)
// and the commune's own requests. A GET form filters; every link keeps the filters.
import { Button, Notice, Pagination } from "../../web/components.tsx";
import { SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { toParis } from "../calendar/paris-time.ts";
import { frenchDate } from "../network/network.ts";
import { plural, StatusTag } from "./request-parts.views.tsx";
import type { RequestListRow } from "./requests.repository.ts";
import { describeAge, OPEN_STATUSES, REQUEST_KINDS, REQUEST_STATUS_CODES, REQUEST_STATUSES, requestTitle } from "./requests.ts";

export interface RequestListFilterInput {
  statut: string;
  type: string;
  commune: string;
  suivi: boolean;
}

export interface RequestListModel {
  audience: "coordination" | "commune" | "reader";
  canFile: boolean;
  filter: RequestListFilterInput;
  communes: { code: string; name: string }[];
  counts: { new: number; in_review: number };
  rows: (RequestListRow & { ageDays: number })[];
  total: number;
  page: number;
  pageCount: number;
  notice: string | null;
  /** The list's URL with the filters and this page. */
  hrefFor: (page: number) => string;
}

const HEADINGS = { coordination: "Demandes des communes", commune: "Les demandes de votre commune", reader: "Demandes des communes qui vous concernent" } as const;

export const STATUS_FILTERS = [
  { value: "a-traiter", label: "À traiter (nouvelles et en étude)" },
  ...REQUEST_STATUS_CODES.map((s) => ({ value: REQUEST_STATUSES[s].code, label: REQUEST_STATUSES[s].label })),
  { value: "toutes", label: "Toutes les demandes" },
];


function EmptyState(props: { model: RequestListModel }): SafeHtml {
  const { model } = props;
  const filtered = model.filter.type !== "" || model.filter.commune !== "" || model.filter.suivi || !["toutes", "a-traiter"].includes(model.filter.statut);
  if (filtered) {
    return (
      <Notice title="Aucune demande ne correspond à ces filtres">
        <p>
          <a href="/demandes?statut=toutes">Voir toutes les demandes</a>
        </p>
      </Notice>
    );
  }
  if (model.audience === "coordination" && model.filter.statut === "a-traiter") {
    return (
      <Notice title="Aucune demande à traiter">
        <p>Les nouvelles demandes des communes apparaîtront ici, et vous recevrez un courriel pour chacune.</p>
      </Notice>
    );
  }
  if (model.audience === "commune") {
    return (
      <Notice title="Vous n'avez pas encore fait de demande">
        <p>Un conseiller numérique peut venir dans votre commune : pour une permanence régulière, un événement, des ateliers ou un public particulier.</p>
      </Notice>
    );
  }
  return <p>Aucune demande pour l'instant.</p>;
}

export function RequestListPage(props: { ctx: PageContext; model: RequestListModel }): SafeHtml {
  const { model } = props;
  const heading = HEADINGS[model.audience];
  return (
    <Layout ctx={props.ctx} title={model.page > 1 ? `${heading}, page ${model.page}` : heading}>
      <h1>{heading}</h1>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      {model.audience === "commune" ? (
        <p class="lead">Demandez la venue d'un conseiller numérique : la coordination départementale étudie chaque demande et vous répond ici et par courriel.</p>
      ) : null}
      {model.canFile ? (
        <p>
          <a href="/demandes/nouvelle" class="button button--primary">
            {model.audience === "coordination" ? "Enregistrer une demande reçue" : "Faire une demande"}
          </a>
        </p>
      ) : null}
      {model.audience !== "commune" ? (
        <p>
          À traiter : {plural(model.counts.new, "nouvelle demande", "nouvelles demandes")} et {plural(model.counts.in_review, "demande en étude", "demandes en étude")}.
        </p>
      ) : null}
      <form method="get" action="/demandes" class="request-filters">
        <h2 class="visually-hidden">Filtrer les demandes</h2>
        <SelectField name="statut" label="Statut" choices={STATUS_FILTERS} value={model.filter.statut} />
        <SelectField
          name="type"
          label="Type de demande"
          choices={Object.entries(REQUEST_KINDS).map(([value, k]) => ({ value, label: k.short }))}
          value={model.filter.type}
          placeholder="Tous les types"
        />
        {model.communes.length > 1 ? (
          <SelectField name="commune" label="Commune" choices={model.communes.map((c) => ({ value: c.code, label: c.name }))} value={model.filter.commune} placeholder="Toutes les communes" />
        ) : null}
        {model.audience === "coordination" ? (
          <div class="choice">
            <input type="checkbox" id="suivi" name="suivi" value="moi" checked={model.filter.suivi} />
            <label for="suivi">Seulement celles que je suis</label>
          </div>
        ) : null}
        <Button variant="secondary">Filtrer</Button>
      </form>
      <h2 id="liste">{plural(model.total, "demande", "demandes")}</h2>
      {model.rows.length === 0 ? <EmptyState model={model} /> : null}
      <ul class="result-list request-list" aria-labelledby="liste">
        {model.rows.map((r) => {
          const open = OPEN_STATUSES.includes(r.status);
          return (
            <li>
              <h3 class="request-list__title">
                <a href={`/demandes/${r.id}`}>
                  {requestTitle(r.number)} : {REQUEST_KINDS[r.kind].short} à {r.commune_name}
                </a>
              </h3>
              <p>
                <StatusTag status={r.status} />
                {open ? (
                  <strong class="request-age">
                    En attente depuis {r.ageDays} jour{r.ageDays > 1 ? "s" : ""}
                  </strong>
                ) : null}
              </p>
              <p class="meta">
                Déposée le {frenchDate(toParis(r.created_at).date)} ({describeAge(r.ageDays)}) · Contact : {r.contact_name}
                {r.start_date ? ` · Souhaitée à partir du ${frenchDate(r.start_date)}` : ""}
                {r.assigned_name ? ` · Suivie par ${r.assigned_name}` : ""}
                {r.message_count > 0 ? ` · ${plural(r.message_count, "message", "messages")}` : ""}
              </p>
            </li>
          );
        })}
      </ul>
      <Pagination page={model.page} pageCount={model.pageCount} hrefFor={model.hrefFor} />
    </Layout>
  );
}
