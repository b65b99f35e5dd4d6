// The waiting requests on the coverage page: the list under the map, each with how far its commune is from
// help and a link that runs « Et si… » from it.
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { RequestOnMap } from "./request-coverage.ts";
import { StatusTag } from "./request-parts.views.tsx";
import { REQUEST_KINDS, requestTitle } from "./requests.ts";

export function WaitingRequestsSection(props: { requests: RequestOnMap[]; distanceOf: (communeCode: string) => string }): SafeHtml {
  const { requests } = props;
  return (
    <section aria-labelledby="demandes" class="coverage-section">
      <h2 id="demandes">Demandes des communes en attente</h2>
      {requests.length === 0 ? (
        <p>Aucune commune n'attend de réponse à une demande.</p>
      ) : (
        <>
          <p>
            Les demandes nouvelles ou à l'étude, les plus anciennes d'abord. Sur la carte, un triangle marque chacune. « Et si… » calcule ce que changerait une
            permanence à l'endroit demandé.
          </p>
          <ul class="result-list">
            {requests.map((r) => (
              <li>
                <p class="request-list__title">
                  <a href={`/demandes/${r.id}`}>
                    {requestTitle(r.number)} : {REQUEST_KINDS[r.kind].short} à {r.communeName}
                  </a>{" "}
                  <StatusTag status={r.status} />
                </p>
                <p class="meta">
                  En attente depuis {r.ageDays} jour{r.ageDays > 1 ? "s" : ""}
                  {r.placeName ? ` · Lieu proposé : ${r.placeName}` : ""} · Lieu avec permanence le plus proche : {props.distanceOf(r.communeCode)}
                </p>
                <p>
                  <a href={`/maillage?${r.whatIfQuery}#et-si`}>
                    Et si… une permanence ici ?<span class="visually-hidden"> ({requestTitle(r.number)})</span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
