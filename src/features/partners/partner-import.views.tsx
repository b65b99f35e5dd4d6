// /partenaires/import: paste the data·inclusion structures and services files (CSV or JSON), read the
// preview (what will be created or updated) or the table of lines to correct, then confirm.
import { Button, CsrfField, ErrorSummary, formatNumber, Notice } from "../../web/components.tsx";
import { BackLink, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { ImportCheck, ImportFiles } from "./partners-import.service.ts";

export interface ImportPageModel {
  files: ImportFiles;
  errors: Record<string, string>;
  check: ImportCheck | null;
  refused: boolean;
  done: { created: number; updated: number; unchanged: number; services: number } | null;
}

const FILE_LABEL = { structures: "Structures", services: "Services" } as const;

function heading(m: ImportPageModel): string {
  if (m.check === null) return "Importer des partenaires";
  if (m.check.fileErrors.length > 0 || m.check.errors.length > 0) return "Des lignes sont à corriger";
  return "Les fichiers sont prêts";
}

function Preview(props: { check: ImportCheck }): SafeHtml {
  const { structures, services } = props.check;
  const count = (items: { action: string }[], action: string) => items.filter((i) => i.action === action).length;
  return (
    <section aria-labelledby="apercu-titre">
      <h2 id="apercu-titre">Ce que l'import fera</h2>
      <p>
        Structures : {formatNumber(count(structures, "create"))} à créer, {formatNumber(count(structures, "update"))} à mettre à jour,{" "}
        {formatNumber(count(structures, "unchanged"))} sans changement. Services : {formatNumber(count(services, "create"))} à créer,{" "}
        {formatNumber(count(services, "update"))} à mettre à jour, {formatNumber(count(services, "unchanged"))} sans changement.
      </p>
      <table class="table">
        <caption>Aperçu ligne par ligne</caption>
        <thead>
          <tr>
            <th scope="col">Fichier</th>
            <th scope="col">Ligne</th>
            <th scope="col">Nom</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {[...structures.map((s) => ({ ...s, file: "Structures" })), ...services.map((s) => ({ ...s, file: "Services" }))].map((r) => (
            <tr>
              <td>{r.file}</td>
              <td>{r.line}</td>
              <td>{r.name}</td>
              <td>{r.action === "create" ? "Création" : r.action === "update" ? "Mise à jour" : "Sans changement"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function LineErrors(props: { check: ImportCheck }): SafeHtml {
  const { fileErrors, errors } = props.check;
  return (
    <section aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">Lignes à corriger</h2>
      <p>Rien n'a été enregistré. Corrigez ces lignes dans les fichiers, collez-les à nouveau puis vérifiez.</p>
      {fileErrors.length > 0 ? (
        <ul>
          {fileErrors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : null}
      {errors.length > 0 ? (
        <table class="table" id="lignes-erreurs">
          <caption>{`${formatNumber(errors.length)} ${errors.length === 1 ? "erreur" : "erreurs"}`}</caption>
          <thead>
            <tr>
              <th scope="col">Fichier</th>
              <th scope="col">Ligne</th>
              <th scope="col">Colonne</th>
              <th scope="col">Erreur</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr>
                <td>{FILE_LABEL[e.file]}</td>
                <td>{e.line}</td>
                <td>{e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function PartnerImportPage(props: { ctx: PageContext; model: ImportPageModel }): SafeHtml {
  const m = props.model;
  const ok = m.check !== null && m.check.fileErrors.length === 0 && m.check.errors.length === 0;
  const title = heading(m);
  return (
    <Layout ctx={props.ctx} title={Object.keys(m.errors).length > 0 || m.refused ? `Erreur : ${title}` : title}>
      <BackLink href="/partenaires">Tous les partenaires</BackLink>
      <h1>{title}</h1>
      {m.done ? (
        <Notice kind="success" title="Import terminé">
          <p role="status">
            {formatNumber(m.done.created)} partenaires créés, {formatNumber(m.done.updated)} mis à jour, {formatNumber(m.done.unchanged)} sans changement,{" "}
            {formatNumber(m.done.services)} services lus.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={m.errors} />
      {m.check && !ok ? <LineErrors check={m.check} /> : null}
      {m.check && ok ? (
        <>
          <Preview check={m.check} />
          <form method="post" action="/partenaires/import">
            <CsrfField token={props.ctx.csrfToken} />
            <input type="hidden" name="structures" value={m.files.structures} />
            <input type="hidden" name="services" value={m.files.services} />
            <input type="hidden" name="etape" value="importer" />
            <Button>Importer</Button>
          </form>
        </>
      ) : null}
      <form method="post" action="/partenaires/import">
        <CsrfField token={props.ctx.csrfToken} />
        <p>
          Collez le contenu des fichiers au format data·inclusion : CSV (première ligne des noms de colonnes, valeurs multiples séparées par « | ») ou JSON
          (liste d'objets). Les structures sont reconnues par leur identifiant puis leur SIRET : importer deux fois le même fichier ne crée pas de doublon.
        </p>
        <TextAreaField name="structures" label="Fichier des structures" value={m.files.structures} error={m.errors.structures} rows={10} />
        <TextAreaField name="services" label="Fichier des services" value={m.files.services} error={m.errors.services} rows={10} />
        <input type="hidden" name="etape" value="verifier" />
        <Button variant={ok ? "secondary" : "primary"}>Vérifier les fichiers</Button>
      </form>
    </Layout>
  );
}
