// The motifs of a structure: the list, the structure picker and the creation / edition form.
import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup } from "../../web/form-controls.tsx";
import { durationText } from "../../web/french-format.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { APPOINTMENT_LOCATIONS, type AppointmentLocation, BOOKABLE_BY, type BookableBy } from "../booking/booking.ts";
import type { KindFormValues } from "./kinds-form.ts";

interface Structure {
  id: string;
  name: string;
}

export interface KindRow {
  id: string;
  name: string;
  duration_minutes: number;
  location: AppointmentLocation;
  bookable_by: BookableBy;
  earliest_minutes: number;
  latest_months: number;
  active: boolean;
}

function delay(minutes: number): string {
  if (minutes % (24 * 60) === 0 && minutes > 0) return `${minutes / (24 * 60)} jour${minutes > 24 * 60 ? "s" : ""}`;
  return durationText(minutes);
}

export function KindsPage(props: { ctx: PageContext; structure: Structure; kinds: KindRow[]; notice: string | null; canPickOther: boolean }): SafeHtml {
  const { structure } = props;
  return (
    <Layout ctx={props.ctx} title={`Motifs de rendez-vous : ${structure.name}`}>
      {props.canPickOther ? <BackLink href="/gestion/motifs">Toutes les structures</BackLink> : null}
      <h1>
        Motifs de rendez-vous <span class="admin-subtitle">{structure.name}</span>
      </h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        <a href={`/gestion/motifs/nouveau?structure=${structure.id}`} class="button button--primary">
          Ajouter un motif
        </a>
      </p>
      {props.kinds.length === 0 ? <p>Aucun motif pour l'instant : sans motif, personne ne peut prendre rendez-vous.</p> : null}
      <ul class="result-list">
        {props.kinds.map((k) => (
          <li>
            <h2 class="change-history__title">
              {k.name}
              {k.active ? "" : " (désactivé)"}
            </h2>
            <p>
              {k.duration_minutes} minutes · {APPOINTMENT_LOCATIONS[k.location]} · {BOOKABLE_BY[k.bookable_by]}
            </p>
            <p class="meta">
              Réservable de {delay(k.earliest_minutes)} à {k.latest_months} mois à l'avance.
            </p>
            <p>
              <a href={`/gestion/motifs/${k.id}/modifier`}>
                Modifier<span class="visually-hidden"> le motif « {k.name} »</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function StructurePickPage(props: { ctx: PageContext; structures: Structure[] }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Motifs de rendez-vous">
      <h1>Motifs de rendez-vous</h1>
      <p>Choisissez une structure.</p>
      <ul class="result-list">
        {props.structures.map((s) => (
          <li>
            <a href={`/gestion/motifs?structure=${s.id}`}>{s.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function KindFormPage(props: {
  ctx: PageContext;
  structure: Structure;
  kindId: string | null;
  values: KindFormValues;
  errors: Record<string, string>;
}): SafeHtml {
  const { values: v, errors: e, structure } = props;
  const heading = props.kindId ? "Modifier le motif" : "Nouveau motif";
  const action = props.kindId ? `/gestion/motifs/${props.kindId}/modifier` : `/gestion/motifs/nouveau?structure=${structure.id}`;
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading} : ${structure.name}`}>
      <BackLink href={`/gestion/motifs?structure=${structure.id}`}>Tous les motifs de la structure</BackLink>
      <h1>
        {heading} <span class="admin-subtitle">{structure.name}</span>
      </h1>
      <ErrorSummary errors={e} />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="name" label="Nom du motif" hint="Par exemple : Démarches en ligne, Prise en main du téléphone." value={v.name} error={e.name} required />
        <TextField
          name="duration_minutes"
          label="Durée en minutes"
          hint="De 15 à 120 minutes."
          type="number"
          inputmode="numeric"
          value={v.duration_minutes}
          error={e.duration_minutes}
          required
          width="short"
          extra={{ min: "15", max: "120", step: "5" }}
        />
        <ChoiceGroup
          name="location"
          legend="Où a lieu le rendez-vous"
          type="radio"
          choices={Object.entries(APPOINTMENT_LOCATIONS).map(([value, label]) => ({ value, label }))}
          selected={[v.location]}
          error={e.location}
          required
        />
        <ChoiceGroup
          name="bookable_by"
          legend="Qui peut réserver"
          type="radio"
          choices={Object.entries(BOOKABLE_BY).map(([value, label]) => ({ value, label }))}
          selected={[v.bookable_by]}
          error={e.bookable_by}
          required
        />
        <TextField
          name="earliest_minutes"
          label="Délai minimum, en minutes"
          hint="Temps minimum entre la réservation et le rendez-vous. Par défaut 30 ; 1440 pour la veille au plus tard."
          type="number"
          inputmode="numeric"
          value={v.earliest_minutes}
          error={e.earliest_minutes}
          required
          width="short"
        />
        <TextField
          name="latest_months"
          label="Délai maximum, en mois"
          hint="Un rendez-vous peut être pris jusqu'à ce nombre de mois à l'avance. Par défaut 3 ; de 1 à 12."
          type="number"
          inputmode="numeric"
          value={v.latest_months}
          error={e.latest_months}
          required
          width="short"
        />
        <ChoiceGroup
          name="active"
          legend="Disponibilité"
          type="checkbox"
          choices={[{ value: "1", label: "Motif proposé à la réservation" }]}
          selected={v.active ? ["1"] : []}
        />
        <Button>{props.kindId ? "Enregistrer les modifications" : "Ajouter le motif"}</Button>
      </form>
    </Layout>
  );
}
