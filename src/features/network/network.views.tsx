// /reseau: the advisors grouped by employer or by EPCI, with filters that work without JavaScript.
import { Button } from "../../web/components.tsx";
import { ChoiceGroup, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../organisation/organisation.ts";
import type { NetworkModel } from "./network.service.ts";
import { formatHours, frenchDate } from "./network.ts";
import { type AdvisorGroup, type AdvisorLine, activityText, filterParams, type NetworkFilter, NO_EPCI, NO_EPCI_LABEL, placeText, totalsText } from "./network-view.ts";

export function NetworkPage(props: {
  ctx: PageContext;
  model: NetworkModel;
  filter: NetworkFilter;
  showJournal: boolean;
  scoped: boolean;
  /** Requests to join waiting for the coordination; null for those who do not review them. */
  pendingJoinRequests: number | null;
}): SafeHtml {
  const { model, filter } = props;
  const grouping = filter.par === "epci" ? "par intercommunalité" : "par structure employeuse";
  return (
    <Layout ctx={props.ctx} title={`Le réseau des conseillers, ${grouping}`}>
      <h1>Le réseau des conseillers numériques</h1>
      <p>
        {props.scoped ? "Les conseillers de votre structure" : "Tous les conseillers du réseau"} : leurs lieux, leurs heures de permanence par
        semaine, leurs formations, et leur activité des 30 derniers jours (compte rendu, rendez-vous honoré ou atelier animé).
      </p>
      {props.showJournal ? (
        <p>
          <a href="/reseau/journal">Journal de la coordination</a> : réunions de réseau, événements, partenariats, formations.
        </p>
      ) : null}
      {props.pendingJoinRequests !== null ? (
        <p>
          <a href="/reseau/demandes-acces">Demandes d'accès</a> :{" "}
          {props.pendingJoinRequests === 0
            ? "aucune en attente."
            : props.pendingJoinRequests === 1
              ? "1 demande en attente de réponse."
              : `${props.pendingJoinRequests} demandes en attente de réponse.`}
        </p>
      ) : null}
      <Filters filter={filter} model={model} />
      <h2 class="network-summary">
        {model.totals.advisors === 0 ? "Aucun conseiller" : totalsText(model.totals)}
        <span class="visually-hidden">, au {frenchDate(model.today)}</span>
      </h2>
      {model.totals.advisors > 0 ? (
        <p>
          <a href={`/reseau/export.csv${queryString(filterParams(filter))}`} download>
            Télécharger ce tableau (CSV)
          </a>
        </p>
      ) : (
        <p>Aucun conseiller ne correspond à ces critères.</p>
      )}
      {model.groups.map((g, i) => (
        <Group group={g} index={i} />
      ))}
    </Layout>
  );
}

function Filters(props: { filter: NetworkFilter; model: NetworkModel }): SafeHtml {
  const { filter, model } = props;
  const epcis = model.epcis.map((e) => ({ value: e.code, label: e.name }));
  if (model.hasAdvisorsWithoutEpci) epcis.push({ value: NO_EPCI, label: NO_EPCI_LABEL });
  return (
    <form method="get" action="/reseau" class="network-filters" aria-label="Filtrer et regrouper les conseillers">
      <ChoiceGroup
        name="par"
        legend="Regrouper par"
        type="radio"
        compact
        required
        choices={[
          { value: "structure", label: "Structure employeuse" },
          { value: "epci", label: "Intercommunalité" },
        ]}
        selected={[filter.par]}
      />
      <div class="network-filters__row">
        <SelectField
          name="type"
          label="Type de structure"
          value={filter.type}
          placeholder="Tous les types"
          choices={EMPLOYER_KINDS.map((k) => ({ value: k, label: STRUCTURE_KINDS[k] }))}
        />
        <SelectField name="epci" label="Intercommunalité" value={filter.epci} placeholder="Toutes" choices={epcis} />
        <SelectField
          name="activite"
          label="Activité des 30 derniers jours"
          value={filter.activite}
          placeholder="Actifs et inactifs"
          choices={[
            { value: "actifs", label: "Actifs seulement" },
            { value: "inactifs", label: "Inactifs seulement" },
          ]}
        />
      </div>
      <Button variant="secondary">Afficher</Button>
    </form>
  );
}

function Group(props: { group: AdvisorGroup; index: number }): SafeHtml {
  const { group } = props;
  const headingId = `groupe-${props.index + 1}`;
  return (
    <section class="network-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {group.title}
        {group.subtitle ? <span class="network-group__kind"> · {group.subtitle}</span> : null}
      </h2>
      <p class="network-group__totals">{totalsText(group.totals)}</p>
      <div class="table-wrap network-scroll" role="region" aria-labelledby={headingId} tabindex="0">
        <table class="network-table">
          <caption class="visually-hidden">Conseillers : {group.title}</caption>
          <thead>
            <tr>
              <th scope="col">Conseiller</th>
              <th scope="col">Structure</th>
              <th scope="col">Lieux</th>
              <th scope="col">Heures par semaine</th>
              <th scope="col">Formation</th>
              <th scope="col">Activité (30 jours)</th>
              <th scope="col">Agenda</th>
            </tr>
          </thead>
          <tbody>
            {group.advisors.map((a) => (
              <Row advisor={a} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row(props: { advisor: AdvisorLine }): SafeHtml {
  const a = props.advisor;
  const name = `${a.firstName} ${a.lastName}`;
  return (
    <tr data-conseiller={a.id}>
      <th scope="row">{name}</th>
      <td>{a.structureName}</td>
      <td>
        {a.places.length === 0 ? (
          "Aucune permanence"
        ) : (
          <ul class="network-table__list">
            {a.places.map((p) => (
              <li>{placeText(p)}</li>
            ))}
          </ul>
        )}
      </td>
      <td class="network-table__hours">{formatHours(a.weeklyMinutes)}</td>
      <td>
        {a.training.length === 0 ? (
          "—"
        ) : (
          <ul class="network-table__list">
            {a.training.map((t) => (
              <li>{t}</li>
            ))}
          </ul>
        )}
      </td>
      <td class={a.active ? "network-active" : "network-inactive"}>{activityText(a)}</td>
      <td>
        {a.agendaHref ? (
          <a href={a.agendaHref}>
            Agenda<span class="visually-hidden"> : {name}</span>
          </a>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}
