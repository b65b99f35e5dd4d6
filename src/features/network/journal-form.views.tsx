// The form of one coordination log entry, for creation and edition; errors come back with the input kept.
import { Button, CsrfField, ErrorSummary, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { COORDINATION_KINDS, type CoordinationForm, KIND_CODES, LIMITS } from "./coordination.ts";

export function EventFormPage(props: { ctx: PageContext; eventId: string | null; values: CoordinationForm; errors: Record<string, string> }): SafeHtml {
  const { values: v, errors: e, eventId } = props;
  const heading = eventId ? "Modifier l'action" : "Nouvelle action de coordination";
  const action = eventId ? `/reseau/journal/${eventId}/modifier` : "/reseau/journal/nouveau";
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading}`}>
      <BackLink href={eventId ? `/reseau/journal/${eventId}` : "/reseau/journal"}>{eventId ? "Revenir à l'action" : "Journal de la coordination"}</BackLink>
      <h1>{heading}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={action} class="journal-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="date" label="Date" type="date" hint="Par exemple 2027-03-15." value={v.date} error={e.date} required width="medium" />
        <ChoiceGroup
          name="kind"
          legend="Type d'action"
          type="radio"
          choices={KIND_CODES.map((k) => ({ value: k, label: COORDINATION_KINDS[k] }))}
          selected={[v.kind]}
          error={e.kind}
          required
        />
        <TextField
          name="title"
          label="Titre"
          hint="Par exemple : Réunion des conseillers du Villeneuvois."
          value={v.title}
          error={e.title}
          required
          extra={{ maxlength: String(LIMITS.title) }}
        />
        <TextField
          name="duration_minutes"
          label="Durée en minutes"
          hint="Par exemple 90 pour une heure et demie."
          type="number"
          inputmode="numeric"
          value={v.duration_minutes}
          error={e.duration_minutes}
          width="short"
          extra={{ min: "1", max: String(LIMITS.durationMinutes) }}
        />
        <TextField
          name="participants_count"
          label="Nombre de participants"
          type="number"
          inputmode="numeric"
          value={v.participants_count}
          error={e.participants_count}
          width="short"
          extra={{ min: "0" }}
        />
        <TextAreaField
          name="partners"
          label="Partenaires"
          hint="Les organismes présents ou associés, par exemple : CAF, France Travail."
          value={v.partners}
          error={e.partners}
          rows={2}
          maxlength={LIMITS.partners}
        />
        <TextField
          name="commune_code"
          label="Commune (code INSEE)"
          hint="5 caractères, par exemple 47001 pour Agen. Laissez vide pour une action à distance ou sur tout le département."
          value={v.commune_code}
          error={e.commune_code}
          width="short"
          extra={{ maxlength: "5" }}
        />
        <TextAreaField name="notes" label="Notes" value={v.notes} error={e.notes} rows={5} maxlength={LIMITS.notes} />
        <Button>{eventId ? "Enregistrer les modifications" : "Ajouter l'action"}</Button>
      </form>
    </Layout>
  );
}
