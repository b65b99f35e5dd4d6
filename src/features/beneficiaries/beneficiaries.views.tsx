// The list of people (with search) and one person's record (fiche) with the history of accompaniments.
import { CsrfField, formatDateTime, formatNumber, Notice, Pagination } from "../../web/components.tsx";
import { BackLink } from "../../web/form-controls.tsx";
import { phoneText } from "../../web/french-format.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import { AGE_BANDS, GENDERS, labelOf, SOCIAL_STATUSES, THEMES } from "../activities/taxonomy.ts";
import type { HistoryEntry, ListedBeneficiary } from "./beneficiaries.repository.ts";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import { CONSENT_METHODS } from "./beneficiary.ts";

export function fullName(p: { first_name: string | null; last_name: string | null }): string {
  return [p.first_name, p.last_name].filter(Boolean).join(" ");
}

const DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
export function formatDay(isoDate: string): string {
  return DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

export function PeopleLinks(props: { canCreate: boolean; canSeeLog: boolean }): SafeHtml {
  return (
    <ul class="beneficiaries-actions">
      {props.canCreate ? (
        <li>
          <a href="/beneficiaires/nouveau" class="button button--primary">
            Nouvelle fiche
          </a>
        </li>
      ) : null}
      <li>
        <a href="/beneficiaires/doublons">Doublons probables</a>
      </li>
      {props.canSeeLog ? (
        <li>
          <a href="/beneficiaires/journal">Journal des consultations</a>
        </li>
      ) : null}
    </ul>
  );
}

export function PeopleListPage(props: {
  ctx: PageContext;
  heading: string;
  q: string;
  page: number;
  pageSize: number;
  total: number;
  rows: ListedBeneficiary[];
  canCreate: boolean;
  canSeeLog: boolean;
  notice: string | null;
}): SafeHtml {
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Layout ctx={props.ctx} title={props.q ? `${props.heading} : recherche « ${props.q} »` : props.heading}>
      <h1>{props.heading}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <PeopleLinks canCreate={props.canCreate} canSeeLog={props.canSeeLog} />
      <form method="get" action="/beneficiaires" class="beneficiaries-search" role="search">
        <div class="field">
          <label for="q">Rechercher une personne</label>
          <p class="hint" id="q-aide">
            Prénom, nom, téléphone ou adresse électronique. Les accents et majuscules ne comptent pas.
          </p>
          <input id="q" name="q" type="search" value={props.q} class="input input--medium" aria-describedby="q-aide" />
        </div>
        <button type="submit" class="button button--secondary">
          Rechercher
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>
          {props.total > 0
            ? "Il n'y a personne sur cette page : revenez à la première page."
            : props.q
            ? `Aucune personne ne correspond à « ${props.q} ».`
            : "Aucune fiche pour l'instant. Une fiche sert à retrouver une personne qui revient ; pour un seul passage, le compte rendu peut rester anonyme."}
        </p>
      ) : (
        <>
          <p role="status">
            {props.total === 1 ? "1 personne" : `${formatNumber(props.total)} personnes`}
            {props.q ? ` pour « ${props.q} »` : ""}
          </p>
          <ul class="result-list">
            {props.rows.map((p) => (
              <li>
                <a href={`/beneficiaires/${p.id}`}>{fullName(p)}</a>
                <p class="meta">
                  {[p.phone ? phoneText(p.phone) : null, p.email, p.birth_year ? `née ou né en ${p.birth_year}` : null, p.shared_with_structure ? "partagée avec la structure" : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination page={props.page} pageCount={pageCount} hrefFor={(page) => `/beneficiaires${queryString({ q: props.q, page })}`} />
    </Layout>
  );
}

function consentText(row: BeneficiaryRow): string {
  if (row.consent_at === null) return "Non enregistré";
  const how = CONSENT_METHODS.find((m) => m.code === row.consent_method)?.label.toLowerCase() ?? "";
  return `Accord donné ${how} le ${formatDateTime(row.consent_at)}`;
}

export function ProfileFacts(props: { row: BeneficiaryRow; commune: string | null; ownerName: string }): SafeHtml {
  const { row } = props;
  const fact = (term: string, value: string | number | null) => (
    <>
      <dt>{term}</dt>
      <dd>{value === null || value === "" ? "Non renseigné" : String(value)}</dd>
    </>
  );
  return (
    <dl class="beneficiaries-facts">
      {fact("Prénom", row.first_name)}
      {fact("Nom", row.last_name)}
      {fact("Téléphone", row.phone ? phoneText(row.phone) : null)}
      {fact("Adresse électronique", row.email)}
      {fact("Année de naissance", row.birth_year)}
      {fact("Tranche d'âge", labelOf(AGE_BANDS, row.age_band as never))}
      {fact("Commune de résidence", props.commune ? `${props.commune} (${row.residence_commune_code})` : row.residence_commune_code)}
      {fact("Genre", labelOf(GENDERS, row.gender as never))}
      {fact("Situation", labelOf(SOCIAL_STATUSES, row.social_status as never))}
      {fact("Notes", row.notes)}
      {fact("Consentement", consentText(row))}
      {fact("Fiche suivie par", props.ownerName)}
      {fact("Partage", row.shared_with_structure ? "Visible par les collègues de la structure" : "Visible par vous seulement")}
    </dl>
  );
}

/** The accompaniments; the advisors' notes only on the export, which only those who manage the record open. */
export function HistoryList(props: { history: HistoryEntry[]; showNotes?: boolean }): SafeHtml {
  if (props.history.length === 0) return <p>Aucun compte rendu pour cette personne pour l'instant.</p>;
  return (
    <ul class="result-list">
      {props.history.map((h) => (
        <li>
          <a href={`/activites/${h.id}`}>
            {formatDay(h.date)} : {h.type === "collectif" ? `atelier « ${h.title ?? ""} »` : "accompagnement individuel"}
          </a>
          <p class="meta">
            {h.themes.map((t) => THEMES.find((x) => x.code === t)?.label ?? t).join(", ")} · {h.duration_minutes} min · avec {h.advisor_first_name}{" "}
            {h.advisor_last_name}
          </p>
          {props.showNotes && h.notes ? <p>Notes : {h.notes}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function RecordPage(props: {
  ctx: PageContext;
  row: BeneficiaryRow;
  commune: string | null;
  ownerName: string;
  history: HistoryEntry[];
  canManage: boolean;
  canShare: boolean;
  canWriteReport: boolean;
  notice: string | null;
}): SafeHtml {
  const { row } = props;
  if (row.erased_at !== null) {
    return (
      <Layout ctx={props.ctx} title="Personne effacée">
        <BackLink href="/beneficiaires">Toutes les personnes</BackLink>
        <h1>Personne effacée</h1>
        <p>Personne effacée le {formatDateTime(row.erased_at)}. Ses comptes rendus restent comptés dans les statistiques, sans nom.</p>
      </Layout>
    );
  }
  const name = fullName(row);
  return (
    <Layout ctx={props.ctx} title={`Fiche de ${name}`}>
      <BackLink href="/beneficiaires">Toutes les personnes</BackLink>
      <h1>{name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.canWriteReport ? (
        <p>
          <a href={`/activites/nouveau?beneficiaire=${row.id}`} class="button button--primary">
            Nouveau compte rendu pour cette personne
          </a>
        </p>
      ) : null}
      <ProfileFacts row={row} commune={props.commune} ownerName={props.ownerName} />
      {props.canManage ? (
        <>
          <ul class="beneficiaries-actions">
            <li>
              <a href={`/beneficiaires/${row.id}/modifier`}>Modifier la fiche</a>
            </li>
            <li>
              <a href={`/beneficiaires/${row.id}/export`}>Voir toutes ses données (export RGPD)</a>
            </li>
            <li>
              <a href={`/beneficiaires/${row.id}/effacer`}>Effacer la personne</a>
            </li>
          </ul>
          {props.canShare ? (
            <form method="post" action={`/beneficiaires/${row.id}/partage`} class="beneficiaries-share">
              <CsrfField token={props.ctx.csrfToken} />
              <input type="hidden" name="shared" value={row.shared_with_structure ? "0" : "1"} />
              <button type="submit" class="button button--secondary">
                {row.shared_with_structure ? "Ne plus partager avec ma structure" : "Partager avec ma structure"}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
      <h2>Accompagnements</h2>
      <HistoryList history={props.history} />
    </Layout>
  );
}
