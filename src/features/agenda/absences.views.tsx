// An advisor's absences: the list (with deletion) and the form to add one-off or weekly absences.
import type { Selectable } from "kysely";
import { Button, CsrfField, ErrorSummary, formatDateTime, Notice, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, TimeInput } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { AbsencesTable } from "../booking/booking.table.ts";
import { ABSENCE_KINDS } from "../booking/booking.ts";
import type { AbsenceFormValues } from "./absences-form.ts";
import type { AdvisorSummary } from "./agenda.repository.ts";
import { absenceLabel } from "./agenda.service.ts";
import { withAdvisor } from "./agenda-format.ts";

const DAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export function describeAbsence(row: Selectable<AbsencesTable>): string {
  if (row.starts_at && row.ends_at) return `Du ${formatDateTime(row.starts_at)} au ${formatDateTime(row.ends_at)}`;
  const days = (row.weekdays ?? []).map((d) => DAY_NAMES[d - 1]).join(", ");
  const hours = row.start_time && row.end_time ? `de ${row.start_time} à ${row.end_time}` : "toute la journée";
  const period = row.valid_to ? `du ${frenchDate(row.valid_from ?? "")} au ${frenchDate(row.valid_to)}` : `à partir du ${frenchDate(row.valid_from ?? "")}`;
  return `Chaque ${days}, ${hours}, ${period}`;
}

export interface AbsencesModel {
  advisor: AdvisorSummary;
  isOwn: boolean;
  absences: Selectable<AbsencesTable>[];
  values: AbsenceFormValues;
  errors: Record<string, string>;
  notice: string | null;
}

export function AbsencesPage(props: { ctx: PageContext; model: AbsencesModel }): SafeHtml {
  const { model } = props;
  const { values: v, errors: e } = model;
  const other = model.isOwn ? null : model.advisor.id;
  const heading = model.isOwn ? "Mes absences" : `Absences de ${model.advisor.firstName} ${model.advisor.lastName}`;
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading}`}>
      <BackLink href={`/agenda${withAdvisor({}, other)}`}>Retour à l'agenda</BackLink>
      <h1>{heading}</h1>
      <p>Pendant une absence, aucun rendez-vous ne peut être pris en ligne.</p>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      <ErrorSummary errors={e} />
      {model.absences.length === 0 ? <p>Aucune absence enregistrée.</p> : null}
      <ul class="result-list">
        {model.absences.map((a) => (
          <li>
            <h2 class="change-history__title">{absenceLabel(a.kind, a.label)}</h2>
            <p>{describeAbsence(a)}.</p>
            <form method="post" action={`/agenda/absences/${a.id}/supprimer${withAdvisor({}, other)}`} class="inline-form">
              <CsrfField token={props.ctx.csrfToken} />
              <Button variant="link">
                Supprimer<span class="visually-hidden"> l'absence « {absenceLabel(a.kind, a.label)} », {describeAbsence(a)}</span>
              </Button>
            </form>
          </li>
        ))}
      </ul>
      <h2>Ajouter une absence</h2>
      <form method="post" action={`/agenda/absences${withAdvisor({}, other)}`} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <ChoiceGroup
          name="kind"
          legend="Motif"
          type="radio"
          choices={Object.entries(ABSENCE_KINDS).map(([value, label]) => ({ value, label }))}
          selected={[v.kind]}
          error={e.kind}
          required
        />
        <TextField name="label" label="Précision" hint="Par exemple : formation CCP2 à l'Afpa d'Agen." value={v.label} error={e.label} />
        <ChoiceGroup
          name="type"
          legend="Quand"
          type="radio"
          choices={[
            { value: "once", label: "Une fois : remplissez « Absence ponctuelle »" },
            { value: "weekly", label: "Chaque semaine : remplissez « Absence chaque semaine »" },
          ]}
          selected={[v.type]}
          error={e.type}
          required
        />
        <fieldset class="agenda-fieldset">
          <legend>Absence ponctuelle</legend>
          <p class="hint">Sans heure, l'absence court du début du premier jour à la fin du dernier.</p>
          <div class="form-row">
            <TextField name="start_date" label="Du" type="date" value={v.start_date} error={e.start_date} width="medium" />
            <TimeInput name="start_time" label="À partir de (heure, facultative)" value={v.start_time} error={e.start_time} />
          </div>
          <div class="form-row">
            <TextField name="end_date" label="Au" type="date" value={v.end_date} error={e.end_date} width="medium" />
            <TimeInput name="end_time" label="Jusqu'à (heure, facultative)" value={v.end_time} error={e.end_time} />
          </div>
        </fieldset>
        <fieldset class="agenda-fieldset">
          <legend>Absence chaque semaine</legend>
          <ChoiceGroup
            name="weekdays"
            legend="Jours de la semaine"
            type="checkbox"
            choices={DAY_NAMES.map((day, i) => ({ value: String(i + 1), label: day.charAt(0).toUpperCase() + day.slice(1) }))}
            selected={v.weekdays}
            error={e.weekdays}
            compact
          />
          <p class="hint">Sans heures, l'absence dure toute la journée.</p>
          <div class="form-row">
            <TimeInput name="weekly_start" label="De (heure, facultative)" value={v.weekly_start} error={e.weekly_start} />
            <TimeInput name="weekly_end" label="À (heure, facultative)" value={v.weekly_end} error={e.weekly_end} />
          </div>
          <div class="form-row">
            <TextField name="valid_from" label="À partir du" type="date" value={v.valid_from} error={e.valid_from} width="medium" />
            <TextField name="valid_to" label="Jusqu'au" type="date" value={v.valid_to} error={e.valid_to} width="medium" />
          </div>
        </fieldset>
        <Button>Ajouter l'absence</Button>
      </form>
    </Layout>
  );
}
