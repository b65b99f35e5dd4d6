// The attendance sheet of a workshop, for its advisor and the structure's managers.
import { Button, CsrfField, Notice } from "../../web/components.tsx";
import { BackLink } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { whenText } from "./workshop-presenter.ts";
import type { WorkshopDetails } from "./workshops.repository.ts";

export interface AttendanceModel {
  workshop: WorkshopDetails;
  people: { id: string; first_name: string; last_name: string; status: string }[];
  saved: boolean;
  /** « Compléter le compte rendu » (or the report already written), for the workshop's own advisor. */
  report?: { href: string; label: string } | null;
}

export function AttendancePage(props: { ctx: PageContext; model: AttendanceModel }): SafeHtml {
  const { workshop: w, people, saved, report } = props.model;
  return (
    <Layout ctx={props.ctx} title={`Présences : ${w.title}`}>
      <BackLink href={`/ateliers/${w.id}`}>Présentation de l'atelier</BackLink>
      <h1>Présences à l'atelier « {w.title} »</h1>
      <p>{whenText(w.starts_at, w.ends_at)}</p>
      {saved ? (
        <Notice kind="success">
          <p>Les présences sont enregistrées.</p>
        </Notice>
      ) : null}
      {people.length === 0 ? (
        <p>Personne n'est inscrit à cet atelier.</p>
      ) : (
        <form method="post" action={`/gestion/ateliers/${w.id}/presences`}>
          <CsrfField token={props.ctx.csrfToken} />
          {people.map((p, i) => (
            <fieldset class="field choices choices--inline attendance-row">
              <legend>
                {p.first_name} {p.last_name}
              </legend>
              <div class="choice">
                <input type="radio" id={`presence-${i}-present`} name={`presence-${p.id}`} value="attended" checked={p.status === "attended"} />
                <label for={`presence-${i}-present`}>Présent ou présente</label>
              </div>
              <div class="choice">
                <input type="radio" id={`presence-${i}-absent`} name={`presence-${p.id}`} value="absent" checked={p.status === "absent"} />
                <label for={`presence-${i}-absent`}>Absent ou absente</label>
              </div>
            </fieldset>
          ))}
          <Button>Enregistrer les présences</Button>
        </form>
      )}
      {report ? (
        <p>
          <a href={report.href} class="button button--secondary">
            {report.label}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
