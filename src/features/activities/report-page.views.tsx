// One report, readable: what, when, where, how long, with whom (a name only for those who may see it).
// Also the page that asks before deleting a report.
import { Button, CsrfField, Notice } from "../../web/components.tsx";
import { BackLink } from "../../web/form-controls.tsx";
import { durationText } from "../../web/french-format.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { StoredReport } from "./activities.repository.ts";
import type { PersonOnReport } from "./activities.service.ts";
import {
  ACTIVITY_TYPES,
  AGE_BANDS,
  AUTONOMY_LEVELS,
  COLLECTIVE_LEVELS,
  EQUIPMENT,
  GENDERS,
  isCodeOf,
  labelOf,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  REFERRAL_STRUCTURES,
  SOCIAL_STATUSES,
  type TaxonomyOption,
  THEMES,
} from "./taxonomy.ts";

export const ANONYMOUS_PERSON = "Personne anonyme";

export interface ReportPageModel {
  report: StoredReport;
  advisorName: string;
  placeName: string | null;
  /** Commune names by code, for the place and the person's commune. */
  communeNames: Record<string, string>;
  person: PersonOnReport | null;
  participants: PersonOnReport[];
  canChange: boolean;
  /** Just saved: the confirmation with what to do next. */
  saved: boolean;
}

const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T12:00:00Z`));
}

function label(table: readonly TaxonomyOption[], code: string | null): string {
  if (code === null) return "Non renseigné";
  return isCodeOf(table, code) ? labelOf(table, code) : code;
}

function list(table: readonly TaxonomyOption[], codes: string[]): string {
  return codes.length === 0 ? "Aucun" : codes.map((c) => label(table, c)).join(", ");
}

const duration = durationText;

export function reportTitle(r: StoredReport): string {
  return `${r.type === "collectif" ? `Atelier « ${r.title ?? ""} »` : "Accompagnement individuel"} du ${longDate(r.date)}`;
}

function where(m: ReportPageModel): string {
  const r = m.report;
  const commune = r.commune_code ? (m.communeNames[r.commune_code] ?? r.commune_code) : null;
  if (r.place_type === "lieu-activite") return [m.placeName ?? "Lieu d'activité", commune].filter(Boolean).join(", ");
  if (r.place_type === "a-distance") return label(PLACE_TYPES, r.place_type);
  return `${label(PLACE_TYPES, r.place_type)}${commune ? `, ${commune}` : ""}`;
}

export function ReportPage(props: { ctx: PageContext; model: ReportPageModel }): SafeHtml {
  const m = props.model;
  const r = m.report;
  return (
    <Layout ctx={props.ctx} title={`Compte rendu : ${reportTitle(r)}`}>
      <BackLink href="/activites">Mes comptes rendus</BackLink>
      {m.saved ? (
        <Notice kind="success" title="Le compte rendu est enregistré.">
          <ul class="activity-next">
            <li>
              <a href="/activites/nouveau">Saisir un autre compte rendu</a>
            </li>
            <li>
              <a href="/activites">Voir mes comptes rendus</a>
            </li>
          </ul>
        </Notice>
      ) : null}
      <h1 class="activity-title">
        {r.type === "collectif" ? `Atelier « ${r.title ?? ""} »` : "Accompagnement individuel"}
        <span class="admin-subtitle">{longDate(r.date)}</span>
      </h1>
      <dl class="activity-summary">
        <dt>Type</dt>
        <dd>{label(ACTIVITY_TYPES, r.type)}</dd>
        <dt>Conseiller ou conseillère</dt>
        <dd>{m.advisorName}</dd>
        <dt>Où</dt>
        <dd>{where(m)}</dd>
        <dt>Durée</dt>
        <dd>{duration(r.duration_minutes)}</dd>
        <dt>Thématiques</dt>
        <dd>{list(THEMES, r.themes)}</dd>
        {r.procedure_areas.length > 0 ? (
          <>
            <dt>Domaines de la démarche</dt>
            <dd>{list(PROCEDURE_AREAS, r.procedure_areas)}</dd>
          </>
        ) : null}
        <dt>Matériel utilisé</dt>
        <dd>{list(EQUIPMENT, r.equipment)}</dd>
        {r.type === "individuel" ? <IndividualFacts m={m} /> : <CollectiveFacts m={m} />}
        {m.canChange && r.notes ? (
          <>
            <dt>Notes</dt>
            <dd class="activity-summary__notes">{r.notes}</dd>
          </>
        ) : null}
      </dl>
      {m.canChange ? (
        <ul class="activity-actions">
          <li>
            <a href={`/activites/${r.id}/modifier`} class="button button--secondary">
              Modifier
            </a>
          </li>
          <li>
            <a href={`/activites/nouveau?copie=${r.id}`} class="button button--secondary">
              Dupliquer
            </a>
          </li>
          <li>
            <a href={`/activites/${r.id}/supprimer`} class="button button--secondary">
              Supprimer
            </a>
          </li>
          {r.appointment_id ? (
            <li>
              <a href={`/agenda/rendez-vous/${r.appointment_id}`}>Voir le rendez-vous</a>
            </li>
          ) : null}
        </ul>
      ) : null}
    </Layout>
  );
}

function IndividualFacts({ m }: { m: ReportPageModel }): SafeHtml {
  const r = m.report;
  const residence = r.beneficiary_commune_code ? (m.communeNames[r.beneficiary_commune_code] ?? r.beneficiary_commune_code) : "Non renseignée";
  return (
    <>
      <dt>Personne</dt>
      <dd>{m.person?.name ?? ANONYMOUS_PERSON}</dd>
      <dt>Genre</dt>
      <dd>{label(GENDERS, r.beneficiary_gender)}</dd>
      <dt>Âge</dt>
      <dd>{label(AGE_BANDS, r.beneficiary_age_band)}</dd>
      <dt>Situation</dt>
      <dd>{label(SOCIAL_STATUSES, r.beneficiary_social_status)}</dd>
      <dt>Commune où la personne habite</dt>
      <dd>{residence}</dd>
      <dt>Autonomie</dt>
      <dd>{label(AUTONOMY_LEVELS, r.autonomy)}</dd>
      <dt>Orientation</dt>
      <dd>{r.oriented === null ? "Non renseignée" : r.oriented ? `Oui${r.referral_structure ? ` : ${label(REFERRAL_STRUCTURES, r.referral_structure)}` : ""}` : "Non"}</dd>
    </>
  );
}

function CollectiveFacts({ m }: { m: ReportPageModel }): SafeHtml {
  const r = m.report;
  const named = m.participants.filter((p) => p.name !== null).map((p) => p.name as string);
  const hidden = m.participants.length - named.length;
  return (
    <>
      <dt>Niveau</dt>
      <dd>{label(COLLECTIVE_LEVELS, r.level)}</dd>
      <dt>Participants</dt>
      <dd>
        {r.participants_total} en tout, dont {r.anonymous_total} anonyme{r.anonymous_total > 1 ? "s" : ""}
        {named.length > 0 ? `. Personnes suivies : ${named.join(", ")}` : ""}
        {hidden > 0 ? `. ${hidden} ${hidden > 1 ? "personnes suivies" : "personne suivie"} sans nom affiché` : ""}.
      </dd>
    </>
  );
}

export function DeleteReportPage(props: { ctx: PageContext; report: StoredReport }): SafeHtml {
  const r = props.report;
  return (
    <Layout ctx={props.ctx} title="Supprimer le compte rendu">
      <BackLink href={`/activites/${r.id}`}>Retour au compte rendu</BackLink>
      <h1>Supprimer ce compte rendu ?</h1>
      <p>{reportTitle(r)}.</p>
      <p>Il ne comptera plus dans les statistiques. Cette suppression est enregistrée dans le journal.</p>
      <form method="post" action={`/activites/${r.id}/supprimer`} class="admin-form">
        <CsrfField token={props.ctx.csrfToken} />
        <Button>Supprimer le compte rendu</Button>
      </form>
      <p>
        <a href={`/activites/${r.id}`}>Non, garder le compte rendu</a>
      </p>
    </Layout>
  );
}
