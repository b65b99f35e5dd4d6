// /reseau/journal: the coordination log with its period and kind filters, the totals by kind, one entry's
// page and the delete confirmation.
import { Button, CsrfField, formatNumber, Notice, Pagination, TextField } from "../../web/components.tsx";
import { BackLink, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { COORDINATION_KINDS, type CoordinationKind, type JournalFilter, KIND_CODES, type totalsByKind } from "./coordination.ts";
import { formatHours, frenchDate } from "./network.ts";

export interface EventRow {
  id: string;
  date: string;
  kind: CoordinationKind;
  title: string;
  duration_minutes: number | null;
  participants_count: number | null;
  partners: string | null;
  commune_code: string | null;
  commune_name: string | null;
  notes: string | null;
}

function kindLabel(kind: string): string {
  return COORDINATION_KINDS[kind as CoordinationKind] ?? kind;
}

function periodText(filter: Pick<JournalFilter, "from" | "to">): string {
  if (filter.from && filter.to) return `du ${frenchDate(filter.from)} au ${frenchDate(filter.to)}`;
  if (filter.from) return `depuis le ${frenchDate(filter.from)}`;
  if (filter.to) return `jusqu'au ${frenchDate(filter.to)}`;
  return "toutes dates";
}

function communeText(e: Pick<EventRow, "commune_code" | "commune_name">): string {
  return e.commune_code ? (e.commune_name ? `${e.commune_name} (${e.commune_code})` : e.commune_code) : "—";
}

/** The dates are always in the link, even empty: an empty period means « all dates », not the default year. */
function filterQuery(filter: JournalFilter, page: number): string {
  const params = new URLSearchParams({ du: filter.from, au: filter.to });
  if (filter.kind) params.set("type", filter.kind);
  if (page > 1) params.set("page", String(page));
  return `?${params.toString()}`;
}

export function JournalPage(props: {
  ctx: PageContext;
  filter: JournalFilter;
  rows: EventRow[];
  total: number;
  pageCount: number;
  totals: ReturnType<typeof totalsByKind>;
  canWrite: boolean;
  notice: string | null;
}): SafeHtml {
  const { filter, totals } = props;
  return (
    <Layout ctx={props.ctx} title={`Journal de la coordination, ${periodText(filter)}`}>
      <BackLink href="/reseau">Le réseau des conseillers</BackLink>
      <h1>Journal de la coordination</h1>
      <p>Le travail de l'équipe de coordination du réseau : réunions de réseau, événements, partenariats, formations.</p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.canWrite ? (
        <p>
          <a href="/reseau/journal/nouveau" class="button button--primary">
            Ajouter une action
          </a>
        </p>
      ) : null}
      <form method="get" action="/reseau/journal" class="journal-filters" aria-label="Choisir la période et le type">
        <div class="journal-filters__row">
          <TextField name="du" label="Du" type="date" value={filter.from} width="medium" hint="Par exemple 2027-01-01." />
          <TextField name="au" label="Au" type="date" value={filter.to} width="medium" hint="Inclus." />
          <SelectField
            name="type"
            label="Type d'action"
            value={filter.kind}
            placeholder="Tous les types"
            choices={KIND_CODES.map((k) => ({ value: k, label: COORDINATION_KINDS[k] }))}
          />
        </div>
        <Button variant="secondary">Afficher</Button>
      </form>
      <h2>Bilan {periodText(filter)}</h2>
      <div class="table-wrap network-scroll" role="region" aria-label="Bilan par type d'action" tabindex="0">
        <table class="journal-totals">
          <caption class="visually-hidden">Bilan par type d'action, {periodText(filter)}</caption>
          <thead>
            <tr>
              <th scope="col">Type d'action</th>
              <th scope="col">Actions</th>
              <th scope="col">Durée totale</th>
              <th scope="col">Participants</th>
            </tr>
          </thead>
          <tbody>
            {totals.byKind.map((k) => (
              <tr data-type={k.kind}>
                <th scope="row">{COORDINATION_KINDS[k.kind]}</th>
                <td>{formatNumber(k.events)}</td>
                <td>{formatHours(k.minutes)}</td>
                <td>{formatNumber(k.participants)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-type="total">
              <th scope="row">Total</th>
              <td>{formatNumber(totals.all.events)}</td>
              <td>{formatHours(totals.all.minutes)}</td>
              <td>{formatNumber(totals.all.participants)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <h2>
        {props.total === 0 ? "Aucune action" : props.total === 1 ? "1 action" : `${formatNumber(props.total)} actions`}
        {filter.kind ? ` : ${COORDINATION_KINDS[filter.kind]}` : ""}
      </h2>
      {props.rows.length === 0 ? <p>Aucune action enregistrée pour cette période.</p> : <EventTable rows={props.rows} />}
      <Pagination page={filter.page} pageCount={props.pageCount} hrefFor={(page) => `/reseau/journal${filterQuery(filter, page)}`} />
    </Layout>
  );
}

function EventTable(props: { rows: EventRow[] }): SafeHtml {
  return (
    <div class="table-wrap network-scroll" role="region" aria-label="Actions de la coordination" tabindex="0">
      <table class="journal-table">
        <caption class="visually-hidden">Actions de la coordination, de la plus récente à la plus ancienne</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Titre</th>
            <th scope="col">Durée</th>
            <th scope="col">Participants</th>
            <th scope="col">Partenaires</th>
            <th scope="col">Commune</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((e) => (
            <tr data-action={e.id}>
              <td>{frenchDate(e.date)}</td>
              <td>{kindLabel(e.kind)}</td>
              <td>
                <a href={`/reseau/journal/${e.id}`}>{e.title}</a>
              </td>
              <td>{e.duration_minutes === null ? "—" : formatHours(e.duration_minutes)}</td>
              <td>{e.participants_count === null ? "—" : formatNumber(e.participants_count)}</td>
              <td>{e.partners ?? "—"}</td>
              <td>{communeText(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EventPage(props: { ctx: PageContext; event: EventRow; canWrite: boolean; notice: string | null }): SafeHtml {
  const e = props.event;
  return (
    <Layout ctx={props.ctx} title={`${e.title} : journal de la coordination`}>
      <BackLink href="/reseau/journal">Journal de la coordination</BackLink>
      <h1>{e.title}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl class="journal-facts">
        <dt>Date</dt>
        <dd>{frenchDate(e.date)}</dd>
        <dt>Type d'action</dt>
        <dd>{kindLabel(e.kind)}</dd>
        <dt>Durée</dt>
        <dd>{e.duration_minutes === null ? "Non indiquée" : formatHours(e.duration_minutes)}</dd>
        <dt>Participants</dt>
        <dd>{e.participants_count === null ? "Non indiqué" : formatNumber(e.participants_count)}</dd>
        <dt>Partenaires</dt>
        <dd>{e.partners ?? "Aucun"}</dd>
        <dt>Commune</dt>
        <dd>{e.commune_code ? communeText(e) : "Aucune"}</dd>
      </dl>
      <h2>Notes</h2>
      {e.notes ? <p class="message-body">{e.notes}</p> : <p>Pas de notes.</p>}
      {props.canWrite ? (
        <p class="journal-actions">
          <a href={`/reseau/journal/${e.id}/modifier`} class="button button--primary">
            Modifier
          </a>
          <a href={`/reseau/journal/${e.id}/supprimer`} class="button button--secondary">
            Supprimer
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

export function DeletePage(props: { ctx: PageContext; event: EventRow }): SafeHtml {
  const e = props.event;
  return (
    <Layout ctx={props.ctx} title={`Supprimer « ${e.title} »`}>
      <BackLink href={`/reseau/journal/${e.id}`}>Revenir à l'action</BackLink>
      <h1>Supprimer cette action ?</h1>
      <p>
        « {e.title} », {kindLabel(e.kind).toLowerCase()} du {frenchDate(e.date)}, ne sera plus dans le journal ni dans les bilans.
      </p>
      <form method="post" action={`/reseau/journal/${e.id}/supprimer`}>
        <CsrfField token={props.ctx.csrfToken} />
        <Button>Oui, supprimer l'action</Button>
      </form>
      <p>
        <a href={`/reseau/journal/${e.id}`}>Non, garder l'action</a>
      </p>
    </Layout>
  );
}
