// /gestion/signalements: the error reports the reader may handle, newest first.
import { CsrfField, formatDateTime, Notice, Pagination } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { ReportListRow } from "./place-reports.repository.ts";

export interface ReportsListModel {
  reports: ReportListRow[];
  total: number;
  page: number;
  pageCount: number;
  networkWide: boolean;
  resolved: boolean;
}

function ReportItem(props: { report: ReportListRow; csrfToken: string; page: number }): SafeHtml {
  const r = props.report;
  const resolver = [r.resolver_first_name, r.resolver_last_name].filter(Boolean).join(" ");
  return (
    <li class="report-item">
      <h2 class="report-item__title">
        <a href={`/lieux/${encodeURIComponent(r.place_slug)}`}>{r.place_name}</a>
      </h2>
      <p class="meta">Reçu le {formatDateTime(r.created_at)}</p>
      <p class="message-body">{r.message}</p>
      {r.contact ? (
        <p>
          Contact : <a href={`mailto:${r.contact}`}>{r.contact}</a>
        </p>
      ) : (
        <p class="meta">Pas d'adresse pour répondre.</p>
      )}
      {r.resolved_at ? (
        <p>
          <strong>Traité</strong> le {formatDateTime(r.resolved_at)}
          {resolver ? ` par ${resolver}` : ""}.
        </p>
      ) : (
        <form method="post" action={`/gestion/signalements/${r.id}/traiter`} class="inline-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="page" value={String(props.page)} />
          <button type="submit" class="button button--secondary">
            Marquer comme traité<span class="visually-hidden"> : {r.place_name}, reçu le {formatDateTime(r.created_at)}</span>
          </button>
        </form>
      )}
    </li>
  );
}

export function ReportsListPage(props: { ctx: PageContext; model: ReportsListModel }): SafeHtml {
  const { model } = props;
  return (
    <Layout ctx={props.ctx} title="Signalements d'erreurs sur les lieux">
      <h1>Signalements d'erreurs sur les lieux</h1>
      {model.resolved ? (
        <Notice kind="success">
          <p>Le signalement est marqué comme traité.</p>
        </Notice>
      ) : null}
      <p class="lead">
        {model.networkWide ? "Tous les lieux du réseau." : "Les lieux de votre structure."}{" "}
        {model.total === 0 ? "Aucun signalement." : model.total === 1 ? "1 signalement." : `${model.total} signalements.`}
      </p>
      <p>Corrigez la fiche du lieu si besoin, puis marquez le signalement comme traité.</p>
      {model.reports.length > 0 ? (
        <ul class="result-list">
          {model.reports.map((r) => (
            <ReportItem report={r} csrfToken={props.ctx.csrfToken} page={model.page} />
          ))}
        </ul>
      ) : null}
      <Pagination page={model.page} pageCount={model.pageCount} hrefFor={(page) => `/gestion/signalements?page=${page}`} />
    </Layout>
  );
}
