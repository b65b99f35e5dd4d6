// /partenaires: the directory of partner structures (search, filters, pagination, export links) and one
// partner's page with its coverage and services.
import { Button, CsrfField, formatNumber, Notice, Pagination } from "../../web/components.tsx";
import { BackLink, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { labelOf, PARTNER_TYPOLOGIES, PUBLICS, RECEPTION_MODES, THEMATIQUES, thematiqueLabel, typologyLabel } from "./partner-vocabulary.ts";
import type { CoverageRow, PartnerDetail, PartnerSummary, ServiceRow } from "./partners.repository.ts";

export interface DirectoryModel {
  filters: { q: string; commune: string; typologie: string; thematique: string };
  communes: { code: string; name: string }[];
  rows: PartnerSummary[];
  total: number;
  page: number;
  pageCount: number;
  canManage: boolean;
  notice: string | null;
  /** The query string of the filters (without the page), for links. */
  query: string;
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export function DirectoryPage(props: { ctx: PageContext; model: DirectoryModel }): SafeHtml {
  const m = props.model;
  const f = m.filters;
  const filtered = f.q !== "" || f.commune !== "" || f.typologie !== "" || f.thematique !== "";
  const withQuery = (path: string) => (m.query ? `${path}?${m.query}` : path);
  return (
    <Layout ctx={props.ctx} title="Partenaires du réseau">
      <h1>Partenaires du réseau</h1>
      <p>Les organismes vers lesquels orienter une personne : leurs services, les publics accueillis et la zone qu'ils couvrent.</p>
      {m.notice ? (
        <Notice kind="success" title={m.notice}>
          {""}
        </Notice>
      ) : null}
      {m.canManage ? (
        <p class="actions">
          <a class="button button--primary" href="/partenaires/nouveau">
            Ajouter un partenaire
          </a>{" "}
          <a class="button button--secondary" href="/partenaires/import">
            Importer un fichier data·inclusion
          </a>
        </p>
      ) : null}
      <form method="get" action="/partenaires" class="request-filters" aria-label="Rechercher un partenaire">
        <div class="field">
          <label for="q">
            Nom<span class="optional"> (facultatif)</span>
          </label>
          <input id="q" name="q" type="search" class="input input--medium" value={f.q} />
        </div>
        <SelectField name="commune" label="Commune couverte" choices={m.communes.map((c) => ({ value: c.code, label: c.name }))} value={f.commune} placeholder="Toutes les communes" />
        <SelectField name="typologie" label="Type de structure" choices={PARTNER_TYPOLOGIES.map((t) => ({ value: t.code, label: t.label }))} value={f.typologie} placeholder="Tous les types" />
        <SelectField name="thematique" label="Thématique" choices={THEMATIQUES.map((t) => ({ value: t.code, label: t.label }))} value={f.thematique} placeholder="Toutes les thématiques" />
        <Button variant="secondary">Filtrer</Button>
      </form>
      <p role="status">{plural(m.total, "partenaire", "partenaires")}{filtered ? " pour ces critères" : ""}</p>
      {m.rows.length === 0 ? (
        <Notice title={filtered ? "Aucun partenaire ne correspond à ces critères" : "Aucun partenaire pour l'instant"}>
          <p>{filtered ? <a href="/partenaires">Voir tous les partenaires</a> : "La coordination ajoute les partenaires du réseau ou les importe d'un fichier data·inclusion."}</p>
        </Notice>
      ) : (
        <ul class="card-list">
          {m.rows.map((r) => (
            <li class="card">
              <h2 class="card__title">
                <a href={`/partenaires/${r.slug}`}>{r.name}</a>
              </h2>
              <p>
                {typologyLabel(r.typology)}
                {r.communeName ? ` · ${r.communeName}` : ""} · {plural(r.services, "service", "services")}
              </p>
              {r.phone || r.email ? (
                <p>
                  {r.phone ? `Tél. ${r.phone}` : ""}
                  {r.phone && r.email ? " · " : ""}
                  {r.email ?? ""}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={m.page} pageCount={m.pageCount} hrefFor={(page) => `/partenaires?${m.query ? `${m.query}&` : ""}page=${page}`} />
      <h2>Exporter au format data·inclusion</h2>
      <p>Les exports suivent les critères choisis ci-dessus.</p>
      <ul>
        <li>
          <a href={withQuery("/partenaires/export/structures.csv")}>Structures (CSV)</a>
        </li>
        <li>
          <a href={withQuery("/partenaires/export/services.csv")}>Services (CSV)</a>
        </li>
        <li>
          <a href={withQuery("/partenaires/export.json")}>Structures et services (JSON)</a>
        </li>
      </ul>
    </Layout>
  );
}

export interface PartnerPageModel {
  partner: PartnerDetail;
  coverage: CoverageRow;
  services: ServiceRow[];
  canEdit: boolean;
  canManage: boolean;
  notice: string | null;
}

function Terms(props: { codes: string[]; label: (code: string) => string }): SafeHtml {
  return <>{props.codes.length === 0 ? "Non précisé" : props.codes.map(props.label).join(", ")}</>;
}

export function PartnerPage(props: { ctx: PageContext; model: PartnerPageModel }): SafeHtml {
  const { partner: p, coverage, services, canEdit, canManage } = props.model;
  const csrf = props.ctx.csrfToken;
  const zone = p.covers_departement
    ? "Tout le département"
    : [...coverage.epcis.map((e) => e.name), ...coverage.communes.map((c) => c.name)].join(", ") || "Non précisée";
  return (
    <Layout ctx={props.ctx} title={p.name}>
      <BackLink href="/partenaires">Tous les partenaires</BackLink>
      <h1>{p.name}</h1>
      {props.model.notice ? (
        <Notice kind="success" title={props.model.notice}>
          {""}
        </Notice>
      ) : null}
      {p.archived_at ? (
        <Notice kind="warning" title="Partenaire archivé">
          <p>Il n'apparaît plus dans l'annuaire ni parmi les destinataires d'orientations.</p>
        </Notice>
      ) : null}
      <dl class="summary-list">
        <dt>Type</dt>
        <dd>{typologyLabel(p.typology ?? "Autre")}</dd>
        <dt>Adresse</dt>
        <dd>{[p.address, [p.postcode, p.communeName].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "Non précisée"}</dd>
        <dt>Téléphone</dt>
        <dd>{p.phone ?? "Non précisé"}</dd>
        <dt>Courriel</dt>
        <dd>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : "Non précisé"}</dd>
        <dt>Site web</dt>
        <dd>{p.website ? <a href={p.website}>{p.website}</a> : "Non précisé"}</dd>
        <dt>Publics accueillis</dt>
        <dd>
          <Terms codes={p.publics ?? []} label={(c) => labelOf(PUBLICS, c)} />
        </dd>
        <dt>Zone couverte</dt>
        <dd>{zone}</dd>
      </dl>
      {p.description ? <p>{p.description}</p> : null}
      {canEdit && !p.archived_at ? (
        <p class="actions">
          <a class="button button--secondary" href={`/partenaires/${p.slug}/modifier`}>
            Modifier la fiche
          </a>{" "}
          <a class="button button--secondary" href={`/partenaires/${p.slug}/services/nouveau`}>
            Ajouter un service
          </a>
        </p>
      ) : null}
      <h2>Services</h2>
      {services.length === 0 ? (
        <p>Aucun service décrit pour l'instant.</p>
      ) : (
        services.map((s) => (
          <section class="card" aria-labelledby={`service-${s.id}`}>
            <h3 id={`service-${s.id}`}>{s.name}</h3>
            {s.description ? <p>{s.description}</p> : null}
            <dl class="summary-list">
              <dt>Thématiques</dt>
              <dd>
                <Terms codes={s.thematiques} label={thematiqueLabel} />
              </dd>
              <dt>Publics</dt>
              <dd>
                <Terms codes={s.publics} label={(c) => labelOf(PUBLICS, c)} />
              </dd>
              <dt>Accueil</dt>
              <dd>
                <Terms codes={s.reception_modes} label={(c) => labelOf(RECEPTION_MODES, c)} />
              </dd>
              <dt>Pour orienter</dt>
              <dd>{s.how_to_refer ?? "Non précisé"}</dd>
            </dl>
            {canEdit && !p.archived_at ? (
              <form method="post" action={`/partenaires/${p.slug}/services/${s.id}/archiver`} class="inline-form">
                <CsrfField token={csrf} />
                <a href={`/partenaires/${p.slug}/services/${s.id}/modifier`}>
                  Modifier<span class="visually-hidden"> le service {s.name}</span>
                </a>{" "}
                <button type="submit" class="button button--link">
                  Retirer<span class="visually-hidden"> le service {s.name}</span>
                </button>
              </form>
            ) : null}
          </section>
        ))
      )}
      {canManage && !p.archived_at ? (
        <form method="post" action={`/partenaires/${p.slug}/archiver`}>
          <CsrfField token={csrf} />
          <h2>Archiver</h2>
          <p>Le partenaire disparaîtra de l'annuaire et des destinataires d'orientations ; son historique est gardé.</p>
          <Button variant="secondary">Archiver ce partenaire</Button>
        </form>
      ) : null}
    </Layout>
  );
}
