// The next workshops, as the home page and a place's page show them, with the way to the catalogue.
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { WorkshopItem } from "./catalogue.views.tsx";
import type { WorkshopHighlights } from "./workshop-highlights.service.ts";

export function UpcomingWorkshops(props: {
  workshops: WorkshopHighlights;
  id: string;
  title: string;
  intro?: string;
  class?: string;
  /** The page is the place's own: the list does not name it again. */
  atPlace?: boolean;
}): SafeHtml | null {
  const { rows, total, href } = props.workshops;
  if (rows.length === 0) return null;
  const here = props.atPlace ? " dans ce lieu" : "";
  return (
    <section class={props.class ?? "workshop-highlights"} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.intro ? <p>{props.intro}</p> : null}
      <ul class="result-list workshop-list">
        {rows.map((row) => (
          <WorkshopItem row={row} placeKnown={props.atPlace} />
        ))}
      </ul>
      <p>
        <a href={href}>{total > rows.length ? `Voir les ${total} ateliers à venir${here}` : "Voir dans le catalogue des ateliers"}</a>
      </p>
    </section>
  );
}
