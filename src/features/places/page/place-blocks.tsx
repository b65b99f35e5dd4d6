// Pieces shared by the place page, the poster and the orientation sheet.
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { PhoneLink } from "../../../web/phone-link.tsx";
import type { WeeklyHours } from "./opening-hours-week.ts";
import type { PlaceView } from "./place-page.presenter.ts";
import type { PermanenceLine } from "./upcoming-permanences.ts";

export function AddressLines(props: { place: PlaceView }): SafeHtml {
  const { place } = props;
  return (
    <p class="place-address">
      {place.address}
      {place.addressComplement ? (
        <>
          <br />
          {place.addressComplement}
        </>
      ) : null}
      <br />
      {place.postcode} {place.communeName}
    </p>
  );
}

export function HoursTable(props: { week: WeeklyHours | null; id: string }): SafeHtml {
  const { week } = props;
  if (!week) return <p>Horaires non renseignés.</p>;
  return (
    <>
      <table class="hours-table" aria-describedby={week.closedOnPublicHolidays ? `${props.id}-feries` : undefined}>
        <caption class="visually-hidden">Horaires d'ouverture, du lundi au dimanche</caption>
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Horaires</th>
          </tr>
        </thead>
        <tbody>
          {week.days.map((d) => (
            <tr class={d.open ? undefined : "hours-table__closed"}>
              <th scope="row">{d.day}</th>
              <td>{d.hours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {week.closedOnPublicHolidays ? <p id={`${props.id}-feries`}>Fermé les jours fériés.</p> : null}
      {week.holidayClosures.length > 0 ? (
        <p>
          Jour férié : fermé le {week.holidayClosures.join(", ")}.
        </p>
      ) : null}
    </>
  );
}

export function PermanencesList(props: { permanences: PermanenceLine[]; limit?: number }): SafeHtml {
  if (props.permanences.length === 0) return <p>Aucune permanence de conseiller numérique n'est prévue dans les 4 prochaines semaines.</p>;
  const shown = props.limit ? props.permanences.slice(0, props.limit) : props.permanences;
  return (
    <ul class="permanence-list">
      {shown.map((p) => (
        <li>
          <strong>
            {p.day}, {p.hours}
          </strong>{" "}
          — {p.mode}, avec {p.advisorFirstName}
        </li>
      ))}
    </ul>
  );
}

export { PhoneLink };
