// The first booking steps: the need (optional themes) and the motif; and the page of a place without booking.

import { Button, ErrorSummary, type FieldErrors, Notice } from "../../web/components.tsx";
import { BackLink, ChoiceGroup } from "../../web/form-controls.tsx";
import type { Renderable, SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { PhoneLink } from "../../web/phone-link.tsx";
import { THEMES } from "../activities/taxonomy.ts";
import type { AppointmentKindRow } from "./booking.table.ts";
import { type Flow, flowHref, flowPath } from "./booking-flow.ts";
import { durationLabel, locationLabel } from "./booking-format.ts";

export const STEP_TITLES = ["Votre besoin", "Le motif", "Le créneau", "Vos coordonnées"] as const;

export function placePath(flow: Flow): string {
  return `/lieux/${encodeURIComponent(flow.place.slug)}`;
}

/** Hidden inputs of a GET form: the flow's fixed parameters and what was chosen before. */
export function HiddenFields(props: { fields: Record<string, string | readonly string[]> }): SafeHtml {
  return (
    <>
      {Object.entries(props.fields).flatMap(([name, value]) =>
        (typeof value === "string" ? [value] : [...value]).map((v) => <input type="hidden" name={name} value={v} />),
      )}
    </>
  );
}

export function BookingLayout(props: {
  ctx: PageContext;
  flow: Flow;
  step: 1 | 2 | 3 | 4;
  hasErrors?: boolean;
  back?: { href: string; label: string };
  children: Renderable;
}): SafeHtml {
  const { flow, step } = props;
  const heading = flow.staff ? "Prendre rendez-vous pour une personne" : "Prendre rendez-vous";
  const title = `${props.hasErrors ? "Erreur : " : ""}Étape ${step} sur 4 : ${STEP_TITLES[step - 1]} – ${heading} – ${flow.place.name}`;
  const back = props.back ?? (flow.staff ? { href: "/gestion/rendez-vous/nouveau", label: "Choisir un autre lieu" } : { href: placePath(flow), label: "Retour à la fiche du lieu" });
  return (
    <Layout ctx={props.ctx} title={title}>
      <BackLink href={back.href}>{back.label}</BackLink>
      <div class="booking">
        <h1>
          {heading}
          <span class="booking__place">
            {flow.place.name}, {flow.place.communeName}
          </span>
        </h1>
        <p class="booking__step">
          Étape {step} sur 4 : <strong>{STEP_TITLES[step - 1]}</strong>
        </p>
        {props.children}
      </div>
    </Layout>
  );
}

export function NoBookingPage(props: { ctx: PageContext; flow: Flow }): SafeHtml {
  const { place } = props.flow;
  return (
    <Layout ctx={props.ctx} title={`Prendre rendez-vous – ${place.name}`}>
      <BackLink href={props.flow.staff ? "/gestion/rendez-vous/nouveau" : placePath(props.flow)}>Retour</BackLink>
      <h1>Prendre rendez-vous : {place.name}</h1>
      <Notice kind="info" title="Pas de rendez-vous en ligne dans ce lieu">
        <p>Ce lieu ne propose pas encore de prise de rendez-vous en ligne.</p>
        {place.phone ? (
          <p>
            Pour prendre rendez-vous, appelez le <PhoneLink phone={place.phone} />.
          </p>
        ) : (
          <p>Rendez-vous sur place aux heures d'ouverture indiquées sur la fiche du lieu.</p>
        )}
      </Notice>
    </Layout>
  );
}

export function NeedPage(props: { ctx: PageContext; flow: Flow; themes: string[] }): SafeHtml {
  const { flow } = props;
  return (
    <BookingLayout ctx={props.ctx} flow={flow} step={1}>
      <form method="get" action={flowPath(flow, "motif")}>
        <HiddenFields fields={flow.fixed} />
        <ChoiceGroup
          name="besoin"
          type="checkbox"
          legend={flow.staff ? "Pour quoi la personne a-t-elle besoin d'aide ?" : "Pour quoi avez-vous besoin d'aide ?"}
          hint="Cochez ce qui correspond, ou rien si vous ne savez pas : le conseiller ou la conseillère fera le point avec vous."
          choices={THEMES.map((t) => ({ value: t.code, label: t.label }))}
          selected={props.themes}
        />
        <Button>Continuer</Button>
      </form>
    </BookingLayout>
  );
}

export function KindPage(props: { ctx: PageContext; flow: Flow; kinds: AppointmentKindRow[]; themes: string[]; errors: FieldErrors }): SafeHtml {
  const { flow } = props;
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <BookingLayout ctx={props.ctx} flow={flow} step={2} hasErrors={hasErrors} back={{ href: flowHref(flow, "", { besoin: props.themes }), label: "Étape précédente" }}>
      <ErrorSummary errors={props.errors} />
      <form method="get" action={flowPath(flow, "creneaux")}>
        <HiddenFields fields={{ ...flow.fixed, besoin: props.themes }} />
        <ChoiceGroup
          name="motif"
          type="radio"
          legend="Pour quel type de rendez-vous ?"
          required
          error={props.errors.motif}
          choices={props.kinds.map((k) => ({ value: k.id, label: `${k.name} (${durationLabel(k.duration_minutes)}, ${locationLabel(k.location).toLowerCase()})` }))}
          selected={[]}
        />
        <Button>Voir les créneaux</Button>
      </form>
    </BookingLayout>
  );
}

