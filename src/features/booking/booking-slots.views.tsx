// Step 3: free slots week by week, grouped by day, earliest first; and the page of a slot gone meanwhile.
import { Notice } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { PageContext } from "../../web/layout.tsx";
import type { GoneReason, SlotView } from "./booking.service.ts";
import type { AppointmentKindRow } from "./booking.table.ts";
import { BookingLayout } from "./booking.views.tsx";
import { type Flow, flowHref, type Week } from "./booking-flow.ts";
import { durationLabel, formatDate, formatHour, formatLongDay, locationLabel } from "./booking-format.ts";

function SlotLink(props: { flow: Flow; slot: SlotView; themes: string[] }): SafeHtml {
  const { slot } = props;
  return (
    <li>
      <a class="slot" href={flowHref(props.flow, "coordonnees", { creneau: slot.id, besoin: props.themes })}>
        <span class="slot__time">{formatHour(slot.start)}</span>
        <span class="visually-hidden"> le {formatLongDay(slot.start)},</span> avec {slot.advisorFirstName}
      </a>
    </li>
  );
}

export function SlotsPage(props: { ctx: PageContext; flow: Flow; kind: AppointmentKindRow; kindCount: number; themes: string[]; week: Week }): SafeHtml {
  const { flow, kind, week, themes } = props;
  const params = { motif: kind.id, besoin: themes };
  const back = props.kindCount > 1 ? flowHref(flow, "motif", { besoin: themes }) : flowHref(flow, "", { besoin: themes });
  return (
    <BookingLayout ctx={props.ctx} flow={flow} step={3} back={{ href: back, label: "Étape précédente" }}>
      <p>
        Motif : <strong>{kind.name}</strong> ({durationLabel(kind.duration_minutes)}, {locationLabel(kind.location).toLowerCase()}).
      </p>
      <h2 id="semaine">Semaine du {formatDate(week.monday)}</h2>
      <nav class="week-nav" aria-label="Changer de semaine">
        <ul>
          {week.previous ? (
            <li>
              <a href={flowHref(flow, "creneaux", { ...params, semaine: week.previous })}>← Semaine précédente</a>
            </li>
          ) : null}
          {week.next ? (
            <li>
              <a href={flowHref(flow, "creneaux", { ...params, semaine: week.next })}>Semaine suivante →</a>
            </li>
          ) : null}
        </ul>
      </nav>
      {week.days.length === 0 ? (
        <p>Aucun créneau libre cette semaine.{week.next ? " Regardez la semaine suivante." : ""}</p>
      ) : (
        week.days.map((day) => (
          <section class="slot-day" aria-labelledby={`jour-${day.date}`}>
            <h3 id={`jour-${day.date}`}>{formatDate(day.date)}</h3>
            <ul class="slot-list">
              {day.slots.map((slot) => (
                <SlotLink flow={flow} slot={slot} themes={themes} />
              ))}
            </ul>
          </section>
        ))
      )}
    </BookingLayout>
  );
}

const GONE_TEXT: Record<GoneReason, { title: string; text: string }> = {
  taken: { title: "Ce créneau vient d'être réservé", text: "Quelqu'un l'a choisi juste avant vous." },
  unavailable: { title: "Ce créneau n'est plus disponible", text: "Il est passé, trop proche ou n'est plus proposé." },
};

/** Shown when the chosen slot was booked meanwhile or is no longer offered: the next free ones, to pick again. */
export function TakenPage(props: { ctx: PageContext; flow: Flow; reason: GoneReason; kindId: string; next: SlotView[]; themes: string[] }): SafeHtml {
  const { flow } = props;
  const gone = GONE_TEXT[props.reason];
  return (
    <BookingLayout ctx={props.ctx} flow={flow} step={3} hasErrors>
      <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="pris-titre" autofocus>
        <h2 id="pris-titre">{gone.title}</h2>
        <p>{gone.text} Choisissez un autre créneau : vos informations n'ont pas été enregistrées.</p>
      </div>
      {props.next.length > 0 ? (
        <>
          <h2>Prochains créneaux libres</h2>
          <ul class="slot-list">
            {props.next.map((slot) => (
              <li>
                <a class="slot" href={flowHref(flow, "coordonnees", { creneau: slot.id, besoin: props.themes })}>
                  {formatLongDay(slot.start)} à {formatHour(slot.start)}, avec {slot.advisorFirstName}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Notice kind="info">
          <p>Il n'y a pas d'autre créneau libre dans les prochains jours.</p>
        </Notice>
      )}
      <p>
        <a href={flowHref(flow, "creneaux", { motif: props.kindId, besoin: props.themes })}>Voir tous les créneaux</a>
      </p>
    </BookingLayout>
  );
}
