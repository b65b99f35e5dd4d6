// The JSON API's answer written once as text: each place's pieces from the statement (strings already
// escaped by PostgreSQL) joined with what the application computes. The text is the one the response
// schema's serialiser wrote from the mapped objects (toApiAnswer in search.api.ts): same fields, same order,
// same numbers (JavaScript writes them), same escaping; search-api-text.test.ts compares both, byte for byte.

import type { SearchOutcome } from "./search.service.ts";
import { type NextOpeningLimits, nextOpeningSentence, nextOpeningShown, roundKm } from "./search.ts";
import type { ApiHit } from "./search-api.repository.ts";

/** A number as the serialiser wrote it (JSON.stringify: -0 as 0, infinities as null), null as null. */
function number(value: number | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

/** The JSON text of one place of the answer, in the documented field order. */
export function apiPlaceText(hit: ApiHit, limits: NextOpeningLimits, today: string, publicUrl: string): string {
  let next = "null";
  if (hit.next) {
    const shown = nextOpeningShown(hit.next, limits);
    const text = nextOpeningSentence(shown, limits.now, today);
    if (text !== null) next = `{"debut":"${shown.start.toISOString()}","fin":"${shown.end.toISOString()}","texte":${JSON.stringify(text)}}`;
  }
  const distance = hit.distance_km === null ? "null" : number(roundKm(hit.distance_km));
  const url = JSON.stringify(`${publicUrl}/lieux/${encodeURIComponent(hit.slug)}`);
  return `${hit.head}${number(hit.latitude)},"longitude":${number(hit.longitude)},"distance_km":${distance}${hit.tail}${next},"url":${url}}`;
}

/** The whole answer: the places' texts, the count and the paging. */
export function apiAnswerText(outcome: Extract<SearchOutcome<string>, { kind: "results" }>): string {
  return `{"lieux":[${outcome.places.join(",")}],"total":${outcome.total},"page":${outcome.params.page},"pages":${outcome.pages}}`;
}
