// The JSON API of the search: its documented parameters and answer (OpenAPI), and the mapping to it.
import { Type } from "typebox";
import { PUBLICS, SERVICES, SPECIFIC_SUPPORT } from "../place-standard.ts";
import type { SearchOutcome } from "./search.service.ts";
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM, PAGE_SIZE, roundKm } from "./search.ts";

function codes(list: { code: string; label: string }[], description: string) {
  const code = Type.Union(
    list.map((o) => Type.Literal(o.code)),
    { description: list.map((o) => `${o.code} : ${o.label}`).join(" ; ") },
  );
  return Type.Optional(Type.Union([code, Type.Array(code)], { description: `${description} (paramètre répétable)` }));
}

/** Documentation only: the parameters are checked by parseSearchParams, which names every bad field at once. */
export const SearchQuerySchema = Type.Object({
  commune: Type.Optional(Type.String({ description: "Code INSEE de la commune d'où chercher (son centre)", examples: ["47052"] })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: "Latitude en degrés décimaux (avec lon, au lieu de commune)" })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: "Longitude en degrés décimaux (avec lat)" })),
  rayon_km: Type.Optional(
    Type.Integer({ minimum: MIN_RADIUS_KM, maximum: MAX_RADIUS_KM, default: DEFAULT_RADIUS_KM, description: "Distance maximale, à vol d'oiseau" }),
  ),
  service: codes(SERVICES, "Services proposés : le lieu doit proposer chacun"),
  ouvert: Type.Optional(
    Type.Union([Type.Literal("maintenant"), Type.String({ format: "date" })], {
      description: "« maintenant », ou une date AAAA-MM-JJ : lieux ouverts ou avec une permanence ce jour-là",
    }),
  ),
  modalite: Type.Optional(
    Type.Union([Type.Literal("sans-rdv"), Type.Literal("sur-rdv")], { description: "Permanences sans rendez-vous ou sur rendez-vous" }),
  ),
  gratuit: Type.Optional(Type.Literal("1", { description: "1 : accompagnement gratuit" })),
  accompagnement: codes(SPECIFIC_SUPPORT, "Prise en charge spécifique : le lieu doit assurer chacune"),
  public: codes(PUBLICS, "Publics : lieux qui s'adressent à l'un d'eux, ou à tous"),
  distance: Type.Optional(Type.Literal("1", { description: "1 : aide à distance possible" })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: `Numéro de page (${PAGE_SIZE} lieux par page)` })),
});

const PlaceSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  nom: Type.String(),
  commune: Type.Object({ code: Type.String(), nom: Type.String() }),
  adresse: Type.String(),
  code_postal: Type.String(),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  distance_km: Type.Union([Type.Number(), Type.Null()], { description: "À vol d'oiseau, au dixième ; null sans point de départ" }),
  services: Type.Array(Type.String(), { description: "Valeurs du standard national des lieux de médiation numérique" }),
  telephone: Type.Union([Type.String(), Type.Null()]),
  prochaine_ouverture: Type.Union([
    Type.Object({ debut: Type.String({ format: "date-time" }), fin: Type.String({ format: "date-time" }), texte: Type.String() }),
    Type.Null(),
  ]),
  url: Type.String({ format: "uri", description: "Page publique du lieu" }),
});

export const SearchAnswerSchema = Type.Object({
  lieux: Type.Array(PlaceSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pages: Type.Integer(),
});

/**
 * The documented answer as objects, mapped from the page's search. The route writes the same answer as text
 * (search-api-text.ts); search-api-text.test.ts serialises this mapping with the schema and compares the bytes.
 */
export function toApiAnswer(outcome: Extract<SearchOutcome, { kind: "results" }>, publicUrl: string) {
  return {
    lieux: outcome.places.map((p) => ({
      id: p.id,
      slug: p.slug,
      nom: p.name,
      commune: { code: p.commune_code, nom: p.commune_name },
      adresse: p.address,
      code_postal: p.postcode,
      latitude: p.latitude,
      longitude: p.longitude,
      distance_km: p.distance_km === null ? null : roundKm(p.distance_km),
      services: p.services,
      telephone: p.phone,
      prochaine_ouverture:
        p.next && p.nextText ? { debut: p.next.start.toISOString(), fin: p.next.end.toISOString(), texte: p.nextText } : null,
      url: `${publicUrl}/lieux/${encodeURIComponent(p.slug)}`,
    })),
    total: outcome.total,
    page: outcome.params.page,
    pages: outcome.pages,
  };
}
