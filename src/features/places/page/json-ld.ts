// schema.org structured data of a place, serialised so it can sit inside a <script> element:
// "<" (and the other characters that could end or confuse the element) are written as \u escapes.

const PUBLIC_TYPOLOGIES = new Set(["CD", "MUNI", "CCAS", "RFS", "EPCI", "PE", "CAF", "MSA", "CPAM", "PREF"]);

export interface JsonLdPlace {
  name: string;
  url: string;
  typologie: string[];
  description: string | null;
  address: string;
  postcode: string;
  communeName: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  openingHours: string | null;
}

export function placeJsonLd(place: JsonLdPlace): Record<string, unknown> {
  const isPublicBody = place.typologie.some((t) => PUBLIC_TYPOLOGIES.has(t));
  return {
    "@context": "https://schema.org",
    "@type": isPublicBody ? "GovernmentOffice" : "LocalBusiness",
    name: place.name,
    url: place.url,
    ...(place.description ? { description: place.description } : {}),
    address: {
      "@type": "PostalAddress",
      streetAddress: place.address,
      postalCode: place.postcode,
      addressLocality: place.communeName,
      addressCountry: "FR",
    },
    ...(place.latitude !== null && place.longitude !== null
      ? { geo: { "@type": "GeoCoordinates", latitude: place.latitude, longitude: place.longitude } }
      : {}),
    ...(place.phone ? { telephone: place.phone } : {}),
    ...(place.email ? { email: place.email } : {}),
    ...(place.openingHours ? { openingHours: place.openingHours } : {}),
  };
}

const SCRIPT_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** JSON that is safe as the text of a <script type="application/ld+json"> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => SCRIPT_ESCAPES[ch] ?? ch);
}
