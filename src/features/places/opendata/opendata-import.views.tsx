// Administrators' pages of the open data: what the export leaves out, and the import of a file in two steps
// (a check that lists every row to correct, then the confirmation).
import { ErrorSummary, type FieldErrors, formatNumber, Notice } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { StructureOption } from "./opendata.repository.ts";
import type { ExportSummary } from "./opendata-export.ts";
import type { ImportReport } from "./opendata-import.service.ts";
import { CSV_PATH } from "./opendata-public.views.tsx";

export const IMPORT_PATH = "/admin/donnees/import";

export interface ImportForm {
  fichier: string;
  structure: string;
  source: string;
}

export interface ImportDone {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function Hidden(props: { form: ImportForm; csrfToken: string }): SafeHtml {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="fichier" value={props.form.fichier} />
      <input type="hidden" name="structure" value={props.form.structure} />
      <input type="hidden" name="source" value={props.form.source} />
    </>
  );
}

function ImportFields(props: { form: ImportForm; errors: FieldErrors; structures: StructureOption[] }): SafeHtml {
  const { form, errors } = props;
  const described = (name: string, hint: boolean) => [hint ? `${name}-aide` : "", errors[name] ? `${name}-erreur` : ""].filter(Boolean).join(" ") || undefined;
  const FieldError = (p: { name: string }) =>
    errors[p.name] ? (
      <p class="field-error" id={`${p.name}-erreur`}>
        <span class="visually-hidden">Erreur : </span>
        {errors[p.name]}
      </p>
    ) : null;
  return (
    <>
      <div class={errors.structure ? "field field--error" : "field"}>
        <label for="structure">Structure des nouveaux lieux</label>
        <p class="hint" id="structure-aide">
          Les lieux absents du site seront rattachés à cette structure. Les lieux déjà présents gardent la leur.
        </p>
        <FieldError name="structure" />
        <select id="structure" name="structure" class="input" required aria-describedby={described("structure", true)} aria-invalid={errors.structure ? "true" : undefined}>
          <option value="">Choisir une structure</option>
          {props.structures.map((s) => (
            <option value={s.id} selected={s.id === form.structure}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="source">
          Source des données<span class="optional"> (facultatif)</span>
        </label>
        <p class="hint" id="source-aide">
          Utilisée pour les lignes dont la colonne « source » est vide, par exemple le nom du réseau qui a collecté les lieux.
        </p>
        <input id="source" name="source" type="text" class="input input--medium" value={form.source} aria-describedby="source-aide" />
      </div>
      <div class={errors.fichier ? "field field--error" : "field"}>
        <label for="fichier">Contenu du fichier CSV</label>
        <p class="hint" id="fichier-aide">
          Ouvrez le fichier dans un éditeur de texte, copiez tout son contenu, première ligne des noms de colonnes comprise, et
          collez-le ici (5 Mo au plus).
        </p>
        <FieldError name="fichier" />
        <textarea
          id="fichier"
          name="fichier"
          rows={14}
          required
          spellcheck="false"
          class="input textarea textarea--code"
          aria-describedby={described("fichier", true)}
          aria-invalid={errors.fichier ? "true" : undefined}
        >
          {form.fichier}
        </textarea>
      </div>
    </>
  );
}

function ExportStatus(props: { summary: ExportSummary }): SafeHtml {
  const { exported, excluded, trimmed } = props.summary;
  return (
    <section aria-labelledby="export-titre">
      <h2 id="export-titre">Export en données ouvertes</h2>
      <p>
        {plural(exported, "lieu public est", "lieux publics sont")} dans <a href={CSV_PATH}>le fichier des données ouvertes</a>.
      </p>
      {excluded.length > 0 ? (
        <Notice kind="warning" title={`${plural(excluded.length, "lieu public n'est pas exporté", "lieux publics ne sont pas exportés")}`}>
          <p>Le standard national refuserait ces lieux. Corrigez-les pour qu'ils apparaissent dans le fichier :</p>
          <ul>
            {excluded.map((p) => (
              <li>
                <a href={`/lieux/${p.slug}`}>{p.name}</a> : {p.reasons.join(" ; ")}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {trimmed.length > 0 ? (
        <details>
          <summary>{plural(trimmed.length, "lieu exporté sans certaines valeurs", "lieux exportés sans certaines valeurs")}</summary>
          <ul>
            {trimmed.map((p) => (
              <li>
                {p.name} : {p.values.join(" ; ")}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

export function ImportPage(props: {
  ctx: PageContext;
  form: ImportForm;
  errors: FieldErrors;
  structures: StructureOption[];
  summary: ExportSummary;
  done: ImportDone | null;
}): SafeHtml {
  const { done } = props;
  return (
    <Layout ctx={props.ctx} title={Object.keys(props.errors).length > 0 ? "Erreur : importer des lieux" : "Importer des lieux"}>
      <h1>Importer des lieux</h1>
      {done ? (
        <Notice kind="success" title="Import terminé">
          <p>
            {plural(done.created, "lieu créé", "lieux créés")}, {plural(done.updated, "mis à jour", "mis à jour")},{" "}
            {plural(done.unchanged, "inchangé", "inchangés")}
            {done.skipped > 0 ? `, ${plural(done.skipped, "ligne ignorée", "lignes ignorées")} car à corriger` : ""}.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p>
        Le fichier doit suivre le standard national des lieux de médiation numérique. Rien n'est enregistré à cette étape : le site
        vérifie d'abord chaque ligne et vous montre celles à corriger.
      </p>
      <form method="post" action={IMPORT_PATH} novalidate>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        <ImportFields form={props.form} errors={props.errors} structures={props.structures} />
        <button type="submit" name="etape" value="verifier" class="button button--primary">
          Vérifier le fichier
        </button>
      </form>
      <ExportStatus summary={props.summary} />
    </Layout>
  );
}

function InvalidRows(props: { report: ImportReport }): SafeHtml {
  return (
    <div class="table-wrap">
      <table>
        <caption>Lignes à corriger</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Lieu</th>
            <th scope="col">À corriger</th>
          </tr>
        </thead>
        <tbody>
          {props.report.invalid.map((row) => (
            <tr>
              <td>{row.line}</td>
              <td>{row.name || "(sans nom)"}</td>
              <td>
                <ul class="compact-list">
                  {row.reasons.map((reason) => (
                    <li>{reason}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportReportPage(props: {
  ctx: PageContext;
  form: ImportForm;
  report: ImportReport;
  structures: StructureOption[];
  structureName: string;
  refused: string | null;
}): SafeHtml {
  const { report, form } = props;
  const errors = report.invalid.length;
  const blocked = report.fileErrors.length > 0 || report.valid === 0;
  return (
    <Layout ctx={props.ctx} title={errors > 0 || blocked ? "Fichier à corriger : importer des lieux" : "Fichier vérifié : importer des lieux"}>
      <h1>{blocked ? "Ce fichier ne peut pas être importé" : errors > 0 ? "Des lignes sont à corriger" : "Le fichier est prêt"}</h1>
      {props.refused ? (
        <Notice kind="warning" title="Rien n'a été importé">
          <p>{props.refused}</p>
        </Notice>
      ) : null}
      {report.fileErrors.length > 0 ? (
        <ul>
          {report.fileErrors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : (
        <p>
          {plural(report.total, "ligne lue", "lignes lues")} : {plural(report.valid, "valide", "valides")},{" "}
          {plural(errors, "à corriger", "à corriger")}. Parmi les lignes valides, {plural(report.toUpdate, "lieu existe", "lieux existent")}{" "}
          déjà et {report.toUpdate === 1 ? "sera mis" : "seront mis"} à jour ; {plural(report.toCreate, "lieu sera créé", "lieux seront créés")}
          {report.toCreate > 0 ? ` et rattaché${report.toCreate === 1 ? "" : "s"} à ${props.structureName}` : ""}.
        </p>
      )}
      {report.ignoredColumns.length > 0 ? <p>Colonnes inconnues du standard, ignorées : {report.ignoredColumns.join(", ")}.</p> : null}
      {errors > 0 ? <InvalidRows report={report} /> : null}
      {blocked ? null : (
        <form method="post" action={IMPORT_PATH}>
          <Hidden form={form} csrfToken={props.ctx.csrfToken} />
          {errors === 0 ? (
            <button type="submit" name="etape" value="importer" class="button button--primary">
              Importer {plural(report.valid, "lieu", "lieux")}
            </button>
          ) : (
            <>
              <p>
                Vous pouvez corriger le fichier et le vérifier de nouveau, ou importer seulement les lignes valides : les lignes à corriger
                seront ignorées.
              </p>
              <button type="submit" name="etape" value="importer-valides" class="button button--secondary">
                Importer seulement les {plural(report.valid, "ligne valide", "lignes valides")}
              </button>
            </>
          )}
        </form>
      )}
      <h2>Corriger et vérifier de nouveau</h2>
      <form method="post" action={IMPORT_PATH} novalidate>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        <ImportFields form={form} errors={{}} structures={props.structures} />
        <button type="submit" name="etape" value="verifier" class="button button--primary">
          Vérifier le fichier
        </button>
      </form>
    </Layout>
  );
}
