// One appointment: when, where, with whom, its status and the advisor's private notes.
import { Button, CsrfField, ErrorSummary, Notice } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { PhoneLink } from "../../web/phone-link.tsx";
import { APPOINTMENT_LOCATIONS, APPOINTMENT_STATUSES, type AppointmentStatus } from "../booking/booking.ts";
import { toParis } from "../calendar/paris-time.ts";
import { personLabel } from "./agenda.ts";
import { dayTitle, timeRange, withAdvisor } from "./agenda-format.ts";
import type { AppointmentDetail } from "./appointment.repository.ts";
import { NOTES_MAX_LENGTH } from "./appointment.service.ts";

export interface AppointmentPageModel {
  appointment: AppointmentDetail;
  /** The activity report link, for the appointment's own advisor. */
  report?: { href: string; label: string } | null;
  full: boolean;
  isOwn: boolean;
  status: string;
  notes: string;
  errors: Record<string, string>;
  notice: string | null;
}

export function AppointmentPage(props: { ctx: PageContext; model: AppointmentPageModel }): SafeHtml {
  const { model } = props;
  const a = model.appointment;
  const date = toParis(a.startsAt).date;
  const who = personLabel(a.firstName, a.lastName, model.full);
  const where = a.location === "place" ? (a.placeName ?? APPOINTMENT_LOCATIONS.place) : APPOINTMENT_LOCATIONS[a.location];
  const action = `/agenda/rendez-vous/${a.id}`;
  const hasErrors = Object.keys(model.errors).length > 0;
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}Rendez-vous avec ${who}`}>
      <BackLink href={`/agenda${withAdvisor({ jour: date }, model.isOwn ? null : a.advisorId)}`}>Retour à l'agenda du jour</BackLink>
      <h1>
        Rendez-vous avec {who}
        <span class="admin-subtitle">
          {dayTitle(date)}, {timeRange(a.startsAt, a.endsAt)}
        </span>
      </h1>
      <ErrorSummary errors={model.errors} />
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      <dl class="appointment-facts">
        <dt>Motif</dt>
        <dd>{a.kindName}</dd>
        <dt>Lieu</dt>
        <dd>{where}</dd>
        <dt>Conseiller ou conseillère</dt>
        <dd>
          {a.advisorFirstName} {a.advisorLastName}
        </dd>
        <dt>Statut</dt>
        <dd>{APPOINTMENT_STATUSES[a.status]}</dd>
        {model.full && a.phone ? (
          <>
            <dt>Téléphone</dt>
            <dd>
              <PhoneLink phone={a.phone} />
            </dd>
          </>
        ) : null}
        {model.full && a.email ? (
          <>
            <dt>Courriel</dt>
            <dd>{a.email}</dd>
          </>
        ) : null}
        {a.accompanied ? (
          <>
            <dt>Accompagnement</dt>
            <dd>La personne vient accompagnée.</dd>
          </>
        ) : null}
        {model.full && a.needs ? (
          <>
            <dt>Besoins particuliers</dt>
            <dd>{a.needs}</dd>
          </>
        ) : null}
      </dl>
      {model.report ? (
        <p>
          <a href={model.report.href} class="button button--primary">
            {model.report.label}
          </a>
        </p>
      ) : null}
      <form method="post" action={`${action}/statut`} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <ChoiceGroup
          name="statut"
          legend="Changer le statut"
          type="radio"
          hint="Annuler libère le créneau et prévient la personne."
          choices={Object.entries(APPOINTMENT_STATUSES).map(([value, label]) => ({ value, label }))}
          selected={[model.status]}
          error={model.errors.statut}
          required
        />
        <Button>Enregistrer le statut</Button>
      </form>
      <form method="post" action={`${action}/notes`} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextAreaField
          name="notes"
          label="Notes privées"
          hint="Visibles par vous, les responsables de votre structure et la coordination. N'y écrivez aucune donnée sensible : santé, situation sociale ou financière, mots de passe, numéros de compte."
          value={model.notes}
          rows={5}
          maxlength={NOTES_MAX_LENGTH}
          error={model.errors.notes}
        />
        <Button>Enregistrer les notes</Button>
      </form>
    </Layout>
  );
}

export function isStatus(value: string): value is AppointmentStatus {
  return Object.hasOwn(APPOINTMENT_STATUSES, value);
}
