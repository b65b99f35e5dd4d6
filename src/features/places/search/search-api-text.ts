// The JSON API's answer written once as text: each place's pieces from its card (place-cards.ts: strings already
// escaped by PostgreSQL) joined with what the application computes. The text is the one the response
// schema's serialiser wrote from the mapped objects (toApiAnswer in search.api.ts): same fields, same order,
// same numbers (JavaScript writes them), same escaping; search-api-text.test.ts compares both, byte for byte.

import type { Opening } from "../openings/openings.ts";
import type { SearchOutcome } from "./search.service.ts";
import { type NextOpeningLimits, nextOpeningKey, nextOpeningSentence, nextOpeningShown, roundKm } from "./search.ts";
import type { ApiHit } from "./search-api.repository.ts";

/** A number as the serialiser wrote it (JSON.stringify: -0 as 0, infinities as null), null as null. */
function number(value: number | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

/**
 * The « prochaine_ouverture » object of an opening as shown at now (today: now's Paris day), written once per
 * distinct case, as its sentence is (nextOpeningSentence): a page repeats the same openings.
 */
const nextTexts = new Map<string, string>();

function nextOpeningText(shown: Opening, now: Date, today: string): string {
  const key = nextOpeningKey(shown, now, today);
  let text = nextTexts.get(key);
  if (text === undefined) {
    const sentence = nextOpeningSentence(shown, now, today);
    text = sentence === null ? "null" : `{"debut":"${shown.start.toISOString()}","fin":"${shown.end.toISOString()}","texte":${JSON.stringify(sentence)}}`;
    if (nextTexts.size >= 10_000) nextTexts.clear();
    nextTexts.set(key, text);
  }
  return text;
}

/** The JSON text of one place of the answer, in the documented field order. */
export function apiPlaceText(hit: ApiHit, limits: NextOpeningLimits, today: string, publicUrl: string): string {
  const { card } = hit;
  let written = card.written;
  if (written?.publicUrl !== publicUrl) {
    const url = JSON.stringify(`${publicUrl}/lieux/${encodeURIComponent(card.slug)}`);
    written = {
      publicUrl,
      lead: `${card.head}${number(card.latitude)},"longitude":${number(card.longitude)},"distance_km":`,
      end: `,"url":${url}}`,
    };
    card.written = written;
  }
  const next = hit.next ? nextOpeningText(nextOpeningShown(hit.next, limits), limits.now, today) : "null";
  const distance = hit.distance_km === null ? "null" : number(roundKm(hit.distance_km));
  return `${written.lead}${distance}${card.tail}${next}${written.end}`;
}

/** The whole answer: the places' texts, the count and the paging. */
export function apiAnswerText(outcome: Extract<SearchOutcome<string>, { kind: "results" }>): string {
  return `{"lieux":[${outcome.places.join(",")}],"total":${outcome.total},"page":${outcome.params.page},"pages":${outcome.pages}}`;
}
