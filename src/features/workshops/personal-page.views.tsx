// The registrant's personal page (reached by the link in their messages): status, the video link of a
// remote workshop once registered, confirming an offered seat, cancelling.
import { Button, CsrfField, Notice } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { RegistrationStatus } from "../booking/booking.table.ts";
import { formatWhen } from "./workshop-messages.ts";
import { REMOTE_WHERE, whenText } from "./workshop-presenter.ts";
import type { WorkshopDetails } from "./workshops.repository.ts";

export type PersonalNotice = "new" | "confirmed" | "cancelled" | "expired" | "closed" | null;

export interface PersonalPageModel {
  token: string;
  link: string;
  firstName: string;
  status: RegistrationStatus;
  offerExpiresAt: Date | null;
  waitingPosition: number | null;
  workshop: WorkshopDetails;
  started: boolean;
  notice: PersonalNotice;
}

const NOTICES: Record<Exclude<PersonalNotice, null>, { kind: "success" | "warning"; text: string }> = {
  new: { kind: "success", text: "Votre inscription est enregistrée. Un message de confirmation vous est envoyé." },
  confirmed: { kind: "success", text: "Votre place est confirmée." },
  cancelled: { kind: "success", text: "Votre inscription est annulée. Merci de nous avoir prévenus." },
  expired: { kind: "warning", text: "Cette place n'a pas été confirmée dans les 24 heures : elle a été proposée à la personne suivante." },
  closed: { kind: "warning", text: "L'atelier a commencé : l'inscription ne peut plus être modifiée." },
};

function StatusText(props: { model: PersonalPageModel }): SafeHtml {
  const m = props.model;
  switch (m.status) {
    case "registered":
      return <p>Vous êtes inscrit ou inscrite à cet atelier.</p>;
    case "waiting":
      return <p>L'atelier est complet : vous êtes sur la liste d'attente{m.waitingPosition ? `, en position ${m.waitingPosition}` : ""}. Si une place se libère, nous vous prévenons.</p>;
    case "offered":
      return (
        <p>
          Une place s'est libérée pour vous. Confirmez-la avant le {m.offerExpiresAt ? formatWhen(m.offerExpiresAt) : "début de l'atelier"}, sinon elle sera proposée à la
          personne suivante.
        </p>
      );
    case "cancelled":
      return <p>Cette inscription est annulée.</p>;
    case "attended":
      return <p>Vous avez participé à cet atelier. Merci !</p>;
    case "absent":
      return <p>Vous étiez absent ou absente à cet atelier.</p>;
  }
}

function Action(props: { ctx: PageContext; token: string; action: "confirmer" | "annuler"; label: string; variant: "primary" | "secondary" }): SafeHtml {
  return (
    <form method="post" action={`/ateliers/inscription/${props.action}`} class="workshop-action">
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="jeton" value={props.token} />
      <Button variant={props.variant}>{props.label}</Button>
    </form>
  );
}

/** A new registration to a full workshop is no seat: its own title, colour and what happens next. */
const NEW_ON_WAITING_LIST = {
  kind: "info" as const,
  title: "Vous êtes sur la liste d'attente",
  text: "L'atelier est complet : vous n'avez pas encore de place. Si une place se libère, nous vous prévenons par message et vous aurez 24 heures pour la confirmer.",
};

export function PersonalPage(props: { ctx: PageContext; model: PersonalPageModel }): SafeHtml {
  const m = props.model;
  const w = m.workshop;
  const notice = m.notice === "new" && m.status === "waiting" ? NEW_ON_WAITING_LIST : m.notice ? NOTICES[m.notice] : null;
  const seated = m.status === "registered" || m.status === "attended";
  const canChange = !m.started && (m.status === "registered" || m.status === "waiting" || m.status === "offered");
  return (
    <Layout ctx={props.ctx} title={`${m.status === "waiting" ? "Liste d'attente" : "Mon inscription"} : ${w.title}`}>
      <h1>{m.status === "waiting" ? `Liste d'attente de l'atelier « ${w.title} »` : `Mon inscription à l'atelier « ${w.title} »`}</h1>
      {notice ? (
        <Notice kind={notice.kind} title={"title" in notice ? notice.title : undefined}>
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      <p>Bonjour {m.firstName},</p>
      <StatusText model={m} />
      <dl class="workshop-facts">
        <dt>Quand</dt>
        <dd>{whenText(w.starts_at, w.ends_at)}</dd>
        <dt>Où</dt>
        <dd>{w.is_remote ? (seated && w.video_url ? "À distance" : REMOTE_WHERE) : [w.place_name, w.place_address, w.commune_name].filter(Boolean).join(", ")}</dd>
        {w.is_remote && seated && w.video_url ? (
          <>
            <dt>Lien de connexion</dt>
            <dd>
              <a href={w.video_url}>{w.video_url}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {m.status === "offered" && canChange ? <Action ctx={props.ctx} token={m.token} action="confirmer" label="Je confirme ma place" variant="primary" /> : null}
      {canChange ? <Action ctx={props.ctx} token={m.token} action="annuler" label="Annuler mon inscription" variant="secondary" /> : null}
      <h2>Garder ce lien</h2>
      <p>Cette page est personnelle : gardez son adresse pour revenir confirmer ou annuler. Ne la partagez pas.</p>
      <p class="workshop-link">{m.link}</p>
      <p>
        <a href={`/ateliers/${w.id}`}>Voir la présentation de l'atelier</a>
      </p>
    </Layout>
  );
}
