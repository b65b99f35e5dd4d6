// The agenda page (a day or a week of one advisor) and the list to pick an advisor from.
import { Button, CsrfField, Notice } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { addDays } from "../calendar/paris-time.ts";
import { formatHour } from "../places/availability.ts";
import type { AdvisorSummary } from "./agenda.repository.ts";
import type { AgendaModel } from "./agenda.service.ts";
import type { AgendaDay, AgendaEntry } from "./agenda.ts";
import { describeSpanOnDay } from "./agenda.ts";
import { dayTitle, entryStatus, timeRange, withAdvisor } from "./agenda-format.ts";

export interface FeedState {
  active: boolean;
}

function Entry(props: { entry: AgendaEntry }): SafeHtml {
  const e = props.entry;
  const time = timeRange(e.start, e.end);
  return (
    <li class={`agenda-entry agenda-entry--${e.status}`}>
      <p class="agenda-entry__time">{time}</p>
      <p class="agenda-entry__title">
        {e.type === "appointment" ? (
          <a href={`/agenda/rendez-vous/${e.id}`}>
            Rendez-vous : {e.title}
            <span class="visually-hidden">, {time}</span>
          </a>
        ) : (
          <>Atelier : {e.title}</>
        )}
      </p>
      <p class="meta">
        {e.detail}
        {e.place ? ` · ${e.place}` : ""}
      </p>
      <p class="tag agenda-status">{entryStatus(e)}</p>
    </li>
  );
}

function Day(props: { day: AgendaDay; headingLevel: "h2" | "h3"; dayHref: string | null }): SafeHtml {
  const { day } = props;
  const title = dayTitle(day.date);
  const Heading = props.headingLevel;
  return (
    <section class="agenda-day" aria-labelledby={`jour-${day.date}`}>
      <Heading id={`jour-${day.date}`} class="agenda-day__title">
        {props.dayHref ? <a href={props.dayHref}>{title}</a> : title}
      </Heading>
      {day.holiday ? <p class="meta">Jour férié : {day.holiday}</p> : null}
      {day.absences.map((a) => (
        <p class="agenda-absence">
          Absence, {describeSpanOnDay(a, day.date, timeRange, formatHour)} : {a.label}
        </p>
      ))}
      {day.permanences.map((p) => (
        <p class="agenda-permanence">
          Permanence {timeRange(p.start, p.end)} : {p.label}
        </p>
      ))}
      {day.entries.length === 0 ? (
        <p class="meta">Aucun rendez-vous ni atelier.</p>
      ) : (
        <ul class="agenda-entries">
          {day.entries.map((entry) => (
            <Entry entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FeedSection(props: { ctx: PageContext; feed: FeedState }): SafeHtml {
  return (
    <section class="agenda-feed" aria-labelledby="synchroniser">
      <h2 id="synchroniser">Synchroniser avec mon agenda</h2>
      <p>
        Une adresse privée permet à l'agenda de votre téléphone ou de votre messagerie d'afficher vos rendez-vous (prénom et initiale
        seulement) et vos ateliers, du mois passé aux trois mois à venir.
      </p>
      {props.feed.active ? <p>Une adresse d'abonnement est active. Si vous l'avez perdue, créez-en une nouvelle : l'ancienne cessera de fonctionner.</p> : null}
      <form method="post" action="/agenda/flux" class="inline-form">
        <CsrfField token={props.ctx.csrfToken} />
        <Button variant={props.feed.active ? "secondary" : "primary"}>{props.feed.active ? "Créer une nouvelle adresse" : "Créer mon adresse d'abonnement"}</Button>
      </form>
      {props.feed.active ? (
        <form method="post" action="/agenda/flux/revoquer" class="inline-form">
          <CsrfField token={props.ctx.csrfToken} />
          <Button variant="secondary">Révoquer</Button>
        </form>
      ) : null}
    </section>
  );
}

export function AgendaPage(props: { ctx: PageContext; model: AgendaModel; feed: FeedState | null; notice: string | null }): SafeHtml {
  const { model } = props;
  const other = model.isOwn ? null : model.advisor.id;
  const name = `${model.advisor.firstName} ${model.advisor.lastName}`;
  const range = model.range;
  const isWeek = range.view === "week";
  const first = model.days[0]!.date;
  const title = isWeek ? `Semaine du ${dayTitle(first).toLowerCase()}` : dayTitle(first);
  const step = isWeek ? 7 : 1;
  const key = isWeek ? "semaine" : "jour";
  const heading = model.isOwn ? "Mon agenda" : `Agenda de ${name}`;
  return (
    <Layout ctx={props.ctx} title={`${heading} : ${title}`}>
      <h1>
        {heading} <span class="admin-subtitle">{title}</span>
      </h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <nav class="agenda-nav" aria-label={isWeek ? "Semaines" : "Jours"}>
        <ul>
          <li>
            <a href={`/agenda${withAdvisor({ [key]: addDays(first, -step) }, other)}`} rel="prev">
              ← {isWeek ? "Semaine précédente" : "Jour précédent"}
            </a>
          </li>
          <li>
            <a href={`/agenda${withAdvisor(isWeek ? { jour: first } : { semaine: first }, other)}`}>
              {isWeek ? "Voir jour par jour" : "Voir la semaine"}
            </a>
          </li>
          <li>
            <a href={`/agenda${withAdvisor({ [key]: addDays(first, step) }, other)}`} rel="next">
              {isWeek ? "Semaine suivante" : "Jour suivant"} →
            </a>
          </li>
        </ul>
      </nav>
      <ul class="admin-actions">
        <li>
          <a href={`/agenda/absences${withAdvisor({}, other)}`}>{model.isOwn ? "Mes absences" : "Ses absences"}</a>
        </li>
        <li>
          <a href={`/agenda/ouvertures${withAdvisor({}, other)}`}>Ouvertures exceptionnelles</a>
        </li>
      </ul>
      <div class={isWeek ? "agenda-week" : "agenda-single"}>
        {model.days.map((day) => (
          <Day day={day} headingLevel="h2" dayHref={isWeek ? `/agenda${withAdvisor({ jour: day.date }, other)}` : null} />
        ))}
      </div>
      {props.feed ? <FeedSection ctx={props.ctx} feed={props.feed} /> : null}
    </Layout>
  );
}

export function AdvisorPickPage(props: { ctx: PageContext; advisors: AdvisorSummary[]; target: "/agenda" | "/agenda/absences" }): SafeHtml {
  const heading = props.target === "/agenda" ? "Agendas des conseillers" : "Absences des conseillers";
  return (
    <Layout ctx={props.ctx} title={heading}>
      <h1>{heading}</h1>
      {props.advisors.length === 0 ? <p>Aucun conseiller ni conseillère dans vos structures.</p> : <p>Choisissez une personne.</p>}
      <ul class="result-list">
        {props.advisors.map((a) => (
          <li>
            <a href={`${props.target}?conseiller=${a.id}`}>
              {a.firstName} {a.lastName}
            </a>
            <span class="meta"> · {a.structureName}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
