// Turns a stored place and its permanences into what the place page, the poster and the orientation
// sheet show: plain-French labels, the week's hours, the coming permanences, safe links, JSON-LD.

import type { PermanenceSlotRule } from "../availability.ts";
import { ACCESS_MODES, FEES, labelsOf, PUBLICS, SERVICES, SPECIFIC_SUPPORT, SUPPORT_MODES } from "../place-standard.ts";
import { placeJsonLd, scriptSafeJson } from "./json-ld.ts";
import { type WeeklyHours, weeklyHours } from "./opening-hours-week.ts";
import type { PublicPlace } from "./place-page.repository.ts";
import { type PermanenceLine, upcomingPermanences } from "./upcoming-permanences.ts";

export interface PlaceView {
  slug: string;
  name: string;
  path: string;
  /** Absolute address of the page, for the QR code and the structured data. */
  url: string;
  summary: string | null;
  description: string | null;
  address: string;
  addressComplement: string | null;
  postcode: string;
  communeName: string;
  approximatePosition: boolean;
  directionsUrl: string | null;
  week: WeeklyHours | null;
  permanences: PermanenceLine[];
  services: string[];
  publics: string[];
  specificSupport: string[];
  fees: string[];
  accessModes: string[];
  supportModes: string[];
  accessibilityUrl: string | null;
  bookingUrl: string | null;
  phone: string | null;
  emails: string[];
  website: string | null;
  structureName: string;
  parentStructure: string | null;
  /** « 12 novembre 2026 ». */
  updatedOn: string;
  jsonLd: string;
}

/** Only web addresses become links: a stored "javascript:" value stays harmless text elsewhere. */
export function webUrl(value: string | null): string | null {
  if (!value) return null;
  return /^https?:\/\/[^\s]+$/i.test(value.trim()) ? value.trim() : null;
}


export function directionsUrl(latitude: number | null, longitude: number | null): string | null {
  if (latitude === null || longitude === null) return null;
  return `https://www.openstreetmap.org/directions?route=%3B${latitude.toFixed(5)}%2C${longitude.toFixed(5)}`;
}

const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function formatLongDate(date: string): string {
  return LONG_DATE.format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
}

export function presentPlace(
  place: PublicPlace,
  rules: PermanenceSlotRule[],
  options: { now: Date; departement: string; publicUrl: string },
): PlaceView {
  const path = `/lieux/${encodeURIComponent(place.slug)}`;
  const url = `${options.publicUrl}${path}`;
  const emails = [...new Set([place.email, ...place.emails].filter((e): e is string => !!e && e.includes("@")))];
  return {
    slug: place.slug,
    name: place.name,
    path,
    url,
    summary: place.summary,
    description: place.description,
    address: place.address,
    addressComplement: place.address_complement,
    postcode: place.postcode,
    communeName: place.commune_name,
    approximatePosition: place.coordinates_precision === "commune",
    directionsUrl: directionsUrl(place.latitude, place.longitude),
    week: weeklyHours(place.opening_hours, options.now, options.departement),
    permanences: upcomingPermanences(rules, options.now, options.departement),
    services: labelsOf(SERVICES, place.services),
    publics: labelsOf(PUBLICS, place.publics),
    specificSupport: labelsOf(SPECIFIC_SUPPORT, place.specific_support),
    fees: labelsOf(FEES, place.fees),
    accessModes: labelsOf(ACCESS_MODES, place.access_modes),
    supportModes: labelsOf(SUPPORT_MODES, place.support_modes),
    accessibilityUrl: webUrl(place.accessibility_url),
    bookingUrl: webUrl(place.booking_url),
    phone: place.phone,
    emails,
    website: webUrl(place.website),
    structureName: place.structure_name,
    parentStructure: place.parent_structure,
    updatedOn: formatLongDate(String(place.updated_on)),
    jsonLd: scriptSafeJson(
      placeJsonLd({
        name: place.name,
        url,
        typologie: place.typologie,
        description: place.summary,
        address: [place.address, place.address_complement].filter(Boolean).join(", "),
        postcode: place.postcode,
        communeName: place.commune_name,
        latitude: place.latitude,
        longitude: place.longitude,
        phone: place.phone,
        email: emails[0] ?? null,
        openingHours: place.opening_hours,
      }),
    ),
  };
}
