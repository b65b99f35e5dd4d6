// RGPD pages: everything we hold on one person (export), the erasure confirmation, and the structure's
// journal of record reads.
import { Button, CsrfField, formatDateTime, Pagination } from "../../web/components.tsx";
import { BackLink } from "../../web/form-controls.tsx";
import { phoneText } from "../../web/french-format.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import type { HistoryEntry } from "./beneficiaries.repository.ts";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import { fullName, HistoryList, ProfileFacts } from "./beneficiaries.views.tsx";
import type { JournalEntry, LinkedAppointment, ReadLogEntry } from "./beneficiary-privacy.repository.ts";

const WHAT: Record<string, string> = {
  fiche: "Consultation de la fiche",
  modification: "Ouverture du formulaire de modification",
  export: "Consultation de l'export des données",
  "export-json": "Téléchargement des données",
  effacement: "Confirmation d'effacement",
  fusion: "Comparaison de doublons",
  "compte-rendu": "Consultation d'un compte rendu nommant la personne",
};

export function whatLabel(what: string): string {
  return WHAT[what] ?? what;
}

function ReadLogTable(props: { entries: ReadLogEntry[] }): SafeHtml {
  if (props.entries.length === 0) return <p>Personne n'a encore consulté cette fiche.</p>;
  return (
    <div class="beneficiaries-table">
      <table>
        <caption>Consultations de la fiche, les plus récentes d'abord</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Par</th>
            <th scope="col">Quoi</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.reader}</td>
              <td>{whatLabel(e.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ExportPage(props: {
  ctx: PageContext;
  row: BeneficiaryRow;
  commune: string | null;
  ownerName: string;
  consentBy: string | null;
  history: HistoryEntry[];
  appointments: LinkedAppointment[];
  reads: ReadLogEntry[];
}): SafeHtml {
  const { row } = props;
  const name = fullName(row);
  return (
    <Layout ctx={props.ctx} title={`Données de ${name}`}>
      <BackLink href={`/beneficiaires/${row.id}`}>Retour à la fiche</BackLink>
      <h1>Toutes les données de {name}</h1>
      <p>Cette page montre tout ce que la plateforme garde sur cette personne. Vous pouvez l'imprimer ou la télécharger pour la lui remettre.</p>
      <p>
        <a href={`/beneficiaires/${row.id}/export.json`} download>
          Télécharger ces données (fichier JSON)
        </a>
      </p>
      <h2>La fiche</h2>
      <ProfileFacts row={row} commune={props.commune} ownerName={props.ownerName} />
      <h2>Le consentement</h2>
      <p>
        {row.consent_at
          ? `Enregistré le ${formatDateTime(row.consent_at)}${props.consentBy ? ` par ${props.consentBy}` : ""}.`
          : "Aucun consentement enregistré."}
      </p>
      <h2>Les comptes rendus d'accompagnement</h2>
      <HistoryList history={props.history} showNotes />
      <h2>Les rendez-vous</h2>
      {props.appointments.length === 0 ? (
        <p>Aucun rendez-vous lié à ses comptes rendus.</p>
      ) : (
        <ul class="result-list">
          {props.appointments.map((a) => (
            <li>
              <p>
                Rendez-vous du {formatDateTime(a.starts_at)} au nom de {a.first_name} {a.last_name}
              </p>
              <p class="meta">
                {[a.phone ? phoneText(a.phone) : null, a.email, a.birth_year ? `née ou né en ${a.birth_year}` : null, a.needs, a.notes].filter(Boolean).join(" · ")}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>Qui a consulté la fiche</h2>
      <ReadLogTable entries={props.reads} />
    </Layout>
  );
}

export function EraseConfirmPage(props: { ctx: PageContext; row: BeneficiaryRow; reportCount: number }): SafeHtml {
  const { row } = props;
  const name = fullName(row);
  return (
    <Layout ctx={props.ctx} title={`Effacer ${name}`}>
      <BackLink href={`/beneficiaires/${row.id}`}>Retour à la fiche</BackLink>
      <h1>Effacer {name} ?</h1>
      <p>
        Le nom, le téléphone, l'adresse électronique, l'année de naissance et les notes seront effacés pour toujours. Les rendez-vous liés perdront aussi
        le nom et les coordonnées.
      </p>
      <p>
        {props.reportCount === 1 ? "Le compte rendu reste" : `Les ${props.reportCount} comptes rendus restent`} dans les statistiques, sans nom. Cette action
        ne peut pas être annulée.
      </p>
      <form method="post" action={`/beneficiaires/${row.id}/effacer`}>
        <CsrfField token={props.ctx.csrfToken} />
        <Button>Effacer définitivement</Button>
      </form>
      <p>
        <a href={`/beneficiaires/${row.id}`}>Non, garder la fiche</a>
      </p>
    </Layout>
  );
}

export function JournalPage(props: { ctx: PageContext; rows: JournalEntry[]; page: number; pageCount: number }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Journal des consultations de fiches">
      <BackLink href="/beneficiaires">Bénéficiaires</BackLink>
      <h1>Journal des consultations de fiches</h1>
      <p>Chaque ouverture d'une fiche de bénéficiaire de votre structure est notée ici : par qui, quand, et pour quoi faire.</p>
      {props.rows.length === 0 ? (
        <p>Aucune consultation pour l'instant.</p>
      ) : (
        <div class="beneficiaries-table">
          <table>
            <caption>Consultations, les plus récentes d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Par</th>
                <th scope="col">Fiche</th>
                <th scope="col">Quoi</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{formatDateTime(r.at)}</td>
                  <td>{r.reader}</td>
                  <td>
                    {r.erased ? "Personne effacée" : r.shared ? <a href={`/beneficiaires/${r.beneficiary_id}`}>{fullName(r)}</a> : "Fiche non partagée"}
                  </td>
                  <td>{whatLabel(r.what)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={props.page} pageCount={props.pageCount} hrefFor={(page) => `/beneficiaires/journal${queryString({ page })}`} />
    </Layout>
  );
}
