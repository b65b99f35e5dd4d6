// The workshops back office: the list, the structure picker and the workshop / series form.
import { Button, CsrfField, ErrorSummary, Notice, Pagination, TextField } from "../../../web/components.tsx";
import { BackLink, ChoiceGroup, type FormReuse, SelectField, TextAreaField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { THEMES } from "../../activities/taxonomy.ts";
import { formatWhen } from "../workshop-messages.ts";
import { LEVELS } from "../workshops.ts";
import { type FormKind, WEEKDAYS, type WorkshopFormValues } from "./workshop-form.ts";

export interface AdminRow {
  id: string;
  title: string;
  starts_at: Date;
  capacity: number;
  cancelled_at: Date | null;
  structure_name: string;
  seats_taken: number;
  canEdit: boolean;
  canMark: boolean;
}

export function AdminListPage(props: { ctx: PageContext; rows: AdminRow[]; page: number; pageCount: number; canCreate: boolean; notice: string | null }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Gestion des ateliers">
      <h1>Gestion des ateliers</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.canCreate ? (
        <p>
          <a href="/gestion/ateliers/nouveau" class="button button--primary">
            Nouvel atelier
          </a>{" "}
          <a href="/gestion/ateliers/series/nouvelle" class="button button--secondary">
            Nouvel atelier régulier
          </a>
        </p>
      ) : null}
      {props.rows.length === 0 ? <p>Aucun atelier pour l'instant.</p> : null}
      <ul class="result-list">
        {props.rows.map((w) => (
          <li>
            <h2 class="change-history__title">
              {w.title}
              {w.cancelled_at ? " (annulé)" : ""}
            </h2>
            <p>
              {formatWhen(w.starts_at)} · {w.structure_name}
            </p>
            <p class="meta">
              {w.seats_taken} inscrit{w.seats_taken > 1 ? "s" : ""} sur {w.capacity} places
            </p>
            <p>
              {w.canMark ? (
                <a href={`/gestion/ateliers/${w.id}/presences`}>
                  Présences<span class="visually-hidden"> de l'atelier « {w.title} »</span>
                </a>
              ) : null}
              {w.canEdit && !w.cancelled_at ? (
                <>
                  {w.canMark ? " · " : ""}
                  <a href={`/gestion/ateliers/${w.id}/modifier`}>
                    Modifier<span class="visually-hidden"> l'atelier « {w.title} »</span>
                  </a>
                  {" · "}
                  <a href={`/gestion/ateliers/${w.id}/annuler`}>
                    Annuler<span class="visually-hidden"> l'atelier « {w.title} »</span>
                  </a>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <Pagination page={props.page} pageCount={props.pageCount} hrefFor={(p) => `/gestion/ateliers${p > 1 ? `?page=${p}` : ""}`} />
    </Layout>
  );
}

export function PickStructurePage(props: { ctx: PageContext; kind: FormKind; structures: { id: string; name: string }[] }): SafeHtml {
  const base = props.kind === "series" ? "/gestion/ateliers/series/nouvelle" : "/gestion/ateliers/nouveau";
  return (
    <Layout ctx={props.ctx} title="Choisir la structure">
      <BackLink href="/gestion/ateliers">Tous les ateliers</BackLink>
      <h1>Quelle structure organise l'atelier ?</h1>
      <ul class="result-list">
        {props.structures.map((s) => (
          <li>
            <a href={`${base}?structure=${s.id}`}>{s.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function CancelPage(props: { ctx: PageContext; workshop: { id: string; title: string; starts_at: Date }; seatsTaken: number }): SafeHtml {
  const w = props.workshop;
  return (
    <Layout ctx={props.ctx} title={`Annuler l'atelier « ${w.title} »`}>
      <BackLink href="/gestion/ateliers">Tous les ateliers</BackLink>
      <h1>Annuler l'atelier « {w.title} »</h1>
      <p>
        Atelier du {formatWhen(w.starts_at)}. {props.seatsTaken} personne{props.seatsTaken > 1 ? "s" : ""} inscrite{props.seatsTaken > 1 ? "s" : ""} recevr
        {props.seatsTaken > 1 ? "ont" : "a"} un message d'annulation.
      </p>
      <form method="post" action={`/gestion/ateliers/${w.id}/annuler`}>
        <CsrfField token={props.ctx.csrfToken} />
        <Button>Confirmer l'annulation</Button>
      </form>
    </Layout>
  );
}

export interface FormModel {
  kind: FormKind;
  workshopId: string | null;
  structure: { id: string; name: string };
  places: { id: string; name: string }[];
  advisors: { id: string; name: string }[];
  values: WorkshopFormValues;
  errors: Record<string, string>;
  /** Another page reusing the form (workshops created to answer a commune request). */
  reuse?: FormReuse;
}

export function WorkshopFormPage(props: { ctx: PageContext; model: FormModel }): SafeHtml {
  const { kind, workshopId, structure, values: v, errors: e } = props.model;
  const heading = kind === "series" ? "Nouvel atelier régulier" : workshopId ? "Modifier l'atelier" : "Nouvel atelier";
  const action = props.model.reuse?.action ?? (kind === "series" ? `/gestion/ateliers/series/nouvelle?structure=${structure.id}` : workshopId ? `/gestion/ateliers/${workshopId}/modifier` : `/gestion/ateliers/nouveau?structure=${structure.id}`);
  const reuse = props.model.reuse;
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading} : ${structure.name}`}>
      <BackLink href={reuse?.back.href ?? "/gestion/ateliers"}>{reuse?.back.label ?? "Tous les ateliers"}</BackLink>
      <h1>
        {heading} <span class="admin-subtitle">{structure.name}</span>
      </h1>
      {reuse ? <p class="lead">{reuse.intro}</p> : null}
      <ErrorSummary errors={e} />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="title" label="Titre" value={v.title} error={e.title} required />
        <ChoiceGroup name="themes" legend="Thèmes" type="checkbox" choices={THEMES.map((t) => ({ value: t.code, label: t.label }))} selected={v.themes} error={e.themes} required />
        <ChoiceGroup name="level" legend="Niveau" type="radio" choices={Object.entries(LEVELS).map(([value, label]) => ({ value, label }))} selected={[v.level]} error={e.level} required />
        <TextAreaField name="description" label="Description" value={v.description} error={e.description} maxlength={2000} />
        <SelectField name="advisor_id" label="Animateur ou animatrice" choices={props.model.advisors.map((a) => ({ value: a.id, label: a.name }))} value={v.advisor_id} error={e.advisor_id} placeholder="Pas encore choisi" />
        <ChoiceGroup
          name="mode"
          legend="Où a lieu l'atelier"
          type="radio"
          choices={[
            { value: "place", label: "Dans un lieu de la structure" },
            { value: "remote", label: "À distance (visioconférence)" },
          ]}
          selected={[v.mode]}
          error={e.mode}
          required
        />
        <SelectField name="place_id" label="Lieu (si l'atelier a lieu dans un lieu)" choices={props.model.places.map((p) => ({ value: p.id, label: p.name }))} value={v.place_id} error={e.place_id} placeholder="Choisir un lieu" />
        <TextField name="video_url" label="Adresse de la visioconférence (si à distance)" hint="Elle commence par https://. Seules les personnes inscrites la reçoivent." type="url" value={v.video_url} error={e.video_url} />
        {kind === "workshop" ? (
          <TextField name="date" label="Date" type="date" value={v.date} error={e.date} required width="medium" />
        ) : (
          <>
            <SelectField name="weekday" label="Jour de la semaine" choices={WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }))} value={v.weekday} error={e.weekday} placeholder="Choisir un jour" required />
            <TextField name="every_weeks" label="Toutes les combien de semaines" hint="1 pour chaque semaine, 2 pour une semaine sur deux." type="number" value={v.every_weeks} error={e.every_weeks} required width="short" />
            <TextField name="valid_from" label="À partir du" type="date" value={v.valid_from} error={e.valid_from} required width="medium" />
            <TextField name="valid_to" label="Jusqu'au" type="date" value={v.valid_to} error={e.valid_to} width="medium" />
          </>
        )}
        <TextField name="start_time" label="Heure de début" hint="Heure de Paris, par exemple 14:00." value={v.start_time} error={e.start_time} required width="short" />
        <TextField name="end_time" label="Heure de fin" hint="Par exemple 16:00." value={v.end_time} error={e.end_time} required width="short" />
        <TextField name="capacity" label="Nombre de places" hint="De 1 à 500." type="number" inputmode="numeric" value={v.capacity} error={e.capacity} required width="short" />
        <ChoiceGroup
          name="visibility"
          legend="Inscription"
          type="radio"
          choices={[
            { value: "public", label: "Ouvert au public : visible dans la liste des ateliers" },
            { value: "reserved", label: "Réservé : seule l'équipe inscrit les personnes" },
          ]}
          selected={[v.visibility]}
          error={e.visibility}
          required
        />
        <Button>{workshopId ? "Enregistrer les modifications" : "Créer l'atelier"}</Button>
      </form>
    </Layout>
  );
}
