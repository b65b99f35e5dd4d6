// « Accepter la demande »: the three ways to answer it — a new permanence (at a place of the commune, or a
// place created from the address given), new workshops, or a permanence or workshop that already exists.
import { Button, CsrfField, ErrorSummary } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { describeRule } from "../places/admin/permanence.views.tsx";
import { formatWhen } from "../workshops/workshop-messages.ts";
import type { linkableOutcomes } from "./request-outcomes.repository.ts";
import type { PlaceChoice } from "./request-parties.repository.ts";
import type { RequestDetail } from "./requests.repository.ts";
import { REQUEST_KINDS, requestTitle } from "./requests.ts";

export interface AcceptPageModel {
  request: RequestDetail;
  places: PlaceChoice[];
  structures: { id: string; name: string }[];
  defaultWorkshopType: "ponctuel" | "regulier";
  linkable: Awaited<ReturnType<typeof linkableOutcomes>>;
  errors: Record<string, string>;
  chosenLink: string;
}

export function AcceptPage(props: { ctx: PageContext; model: AcceptPageModel }): SafeHtml {
  const { model, ctx } = props;
  const { request: r, errors: e } = model;
  const base = `/demandes/${r.id}/accepter`;
  const title = `Accepter la ${requestTitle(r.number).toLowerCase()}`;
  const linkChoices = [
    ...model.linkable.permanences.map((p) => ({ value: `permanence:${p.id}`, label: `Permanence à « ${p.place_name} » avec ${p.first_name} ${p.last_name} : ${describeRule(p)}` })),
    ...model.linkable.workshops.map((w) => ({ value: `atelier:${w.id}`, label: `Atelier « ${w.title} », ${formatWhen(w.starts_at)}, à « ${w.place_name} »${w.series_id ? " (atelier régulier)" : ""}` })),
  ];
  return (
    <Layout ctx={ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${title}`}>
      <BackLink href={`/demandes/${r.id}`}>Retour à la demande</BackLink>
      <h1>{title}</h1>
      <p class="lead">
        {REQUEST_KINDS[r.kind].short} à {r.commune_name}. Choisissez ce qui y répond : la commune reçoit un courriel avec les dates prévues.
      </p>
      <ErrorSummary errors={e} />

      <section aria-labelledby="permanence" class="request-accept">
        <h2 id="permanence">Créer une permanence</h2>
        <form method="get" action={`${base}/permanence`}>
          {model.places.length > 0 ? (
            <ChoiceGroup
              name="lieu"
              legend="Dans quel lieu ?"
              type="radio"
              choices={model.places.map((p) => ({ value: p.id, label: `${p.name} (${p.commune_name})${p.id === r.place_id ? " : lieu proposé par la commune" : ""}` }))}
              selected={[r.place_id ?? ""]}
              required
            />
          ) : (
            <p>La commune n'a encore aucun lieu connu du réseau.</p>
          )}
          {model.places.length > 0 ? <Button>Continuer avec ce lieu</Button> : null}
        </form>
        <p>
          <a href={`${base}/lieu`}>Le lieu n'existe pas encore : le créer{r.address ? ` à partir de l'adresse donnée (${r.address})` : ""}</a>
        </p>
      </section>

      <section aria-labelledby="ateliers" class="request-accept">
        <h2 id="ateliers">Créer un atelier ou des ateliers réguliers</h2>
        <form method="get" action={`${base}/atelier`}>
          <SelectField name="structure" label="Structure qui organise" choices={model.structures.map((s) => ({ value: s.id, label: s.name }))} value="" placeholder="Choisissez une structure" required />
          <ChoiceGroup
            name="type"
            legend="Type"
            type="radio"
            choices={[
              { value: "ponctuel", label: "Un atelier à une date (forum, événement)" },
              { value: "regulier", label: "Des ateliers réguliers (chaque semaine ou toutes les N semaines)" },
            ]}
            selected={[model.defaultWorkshopType]}
            required
          />
          <Button>Continuer</Button>
        </form>
      </section>

      <section aria-labelledby="existant" class="request-accept">
        <h2 id="existant">Relier à ce qui existe déjà</h2>
        {linkChoices.length === 0 ? (
          <p>Aucune permanence en cours ni aucun atelier à venir dans les lieux de {r.commune_name}.</p>
        ) : (
          <form method="post" action={`${base}/lier`}>
            <CsrfField token={ctx.csrfToken} />
            <ChoiceGroup name="lien" legend="Ce qui répond à la demande" type="radio" choices={linkChoices} selected={[model.chosenLink]} error={e.lien} required />
            <Button>Accepter la demande avec ce choix</Button>
          </form>
        )}
      </section>
    </Layout>
  );
}
