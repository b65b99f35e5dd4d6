// Loads the demo network into a new database, in one transaction, every row marked is_demo.
// Lot-et-Garonne (47) gets the curated network of demo.data.ts; any other département a smaller
// network built from its own communes. The territory (communes, EPCIs) must be loaded first.

import departements from "@etalab/decoupage-administratif/data/departements.json" with { type: "json" };
import type { Insertable } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import { rebuildPlaceOpeningsIn } from "../places/openings/openings.service.ts";
import type { PermanencesTable, PlacesTable } from "../places/places.table.ts";
import { type ActivitySeedSummary, loadDemoActivity } from "./demo.activities.seed.ts";
import { type BookingSeedSummary, loadDemoBooking } from "./demo.booking.seed.ts";
import { applyOffset, type DemoNetwork, genericNetwork, lotEtGaronneNetwork } from "./demo.data.ts";
import { loadDemoPartners } from "./demo.partners.ts";
import { demoSchedule } from "./demo.permanences.ts";
import { demoPlaceDetails } from "./demo.places.ts";
import { loadDemoReferrals } from "./demo.referrals.seed.ts";
import { loadDemoRequests } from "./demo.requests.seed.ts";

export interface DemoSummary {
  structures: number;
  advisors: number;
  places: number;
  permanences: number;
  users: number;
  roleAssignments: number;
  /** "curated" for Lot-et-Garonne, "generic" elsewhere. */
  network: DemoNetwork["kind"];
  /** E-mail domain of the demo accounts, e.g. "declic47.example". */
  domain: string;
  /** Motifs, absences, appointments, workshops and stored messages of the booking demo. */
  booking: BookingSeedSummary;
  /** A year of activity reports, identified people with consent, and the coordinators' work log. */
  activity: ActivitySeedSummary;
  /** Commune requests in every status, with their threads. */
  requests: number;
  /** Referrals from CAF, France Travail and a CCAS, and from advisors to them, in every status. */
  referrals: number;
}

async function buildNetwork(db: DbOrTx, departement: string): Promise<DemoNetwork> {
  if (departement === "47") return lotEtGaronneNetwork();
  const info = departements.find((d) => d.code === departement);
  const [communes, epcis] = await Promise.all([
    db
      .selectFrom("communes")
      .select(["code", "name", "population", "postcodes", "epci_code"])
      .where("departement", "=", departement)
      .execute(),
    db.selectFrom("epcis").select(["code", "name", "population"]).execute(),
  ]);
  return genericNetwork({
    departement,
    departementName: info?.nom ?? departement,
    typeLiaison: info?.typeLiaison ?? 0,
    region: info?.region ?? "",
    chefLieu: info?.chefLieu ?? null,
    communes: communes.map((c) => ({ code: c.code, name: c.name, population: c.population, postcodes: c.postcodes, epciCode: c.epci_code })),
    epcis,
  });
}

export async function loadDemoNetwork(db: Db, options: { departement: string; now: Date; brand?: string }): Promise<DemoSummary> {
  const { now } = options;
  return db.transaction().execute(async (trx) => {
    const network = await buildNetwork(trx, options.departement);

    // The territory must hold every commune the network uses; EPCIs are optional links.
    const communeCodes = [
      ...new Set([
        ...network.places.map((p) => p.communeCode),
        ...network.structures.flatMap((s) => (s.communeCode ? [s.communeCode] : [])),
      ]),
    ];
    const communes = await trx
      .selectFrom("communes")
      .select(["code", "name", "postcodes", "latitude", "longitude"])
      .where("code", "in", communeCodes)
      .execute();
    const communeByCode = new Map(communes.map((c) => [c.code, c]));
    const missing = communeCodes.filter((code) => !communeByCode.has(code));
    if (missing.length > 0) {
      throw new Error(`demo network: communes ${missing.join(", ")} are not in the territory (sync département ${options.departement} first)`);
    }
    const epciCodes = [...new Set(network.structures.flatMap((s) => (s.epciCode ? [s.epciCode] : [])))];
    const knownEpcis = new Set(
      epciCodes.length === 0
        ? []
        : (await trx.selectFrom("epcis").select("code").where("code", "in", epciCodes).execute()).map((e) => e.code),
    );

    const structureRows = await trx
      .insertInto("structures")
      .values(
        network.structures.map((s) => ({
          slug: s.slug,
          name: s.name,
          kind: s.kind,
          siret: s.siret,
          commune_code: s.communeCode,
          epci_code: s.epciCode && knownEpcis.has(s.epciCode) ? s.epciCode : null,
          is_demo: true,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(["id", "slug"])
      .execute();
    const idBySlug = new Map(structureRows.map((r) => [r.slug, r.id]));
    const structureId = new Map(network.structures.map((s) => [s.key, idBySlug.get(s.slug) as string]));
    const structureOf = (key: string): string => {
      const id = structureId.get(key);
      if (!id) throw new Error(`demo network: unknown structure key "${key}"`);
      return id;
    };

    const userRows = await trx
      .insertInto("users")
      .values(
        network.accounts.map((a) => ({ email: a.email, first_name: a.firstName, last_name: a.lastName, is_demo: true, created_at: now })),
      )
      .returning(["id", "email"])
      .execute();
    const userId = new Map(userRows.map((r) => [r.email, r.id]));
    const userOf = (email: string): string => userId.get(email) as string;

    const roles = network.accounts.flatMap((a) =>
      a.roles.map((r) => ({
        user_id: userOf(a.email),
        role: r.role,
        structure_id: r.structure === null ? null : structureOf(r.structure),
        created_at: now,
      })),
    );
    await trx.insertInto("role_assignments").values(roles).execute();

    const advisors = network.accounts.flatMap((a) =>
      a.advisor
        ? [
            {
              user_id: userOf(a.email),
              structure_id: structureOf(a.advisor.structure),
              first_name: a.firstName,
              last_name: a.lastName,
              email: a.email,
              phone: a.advisor.phone,
              is_demo: true,
              created_at: now,
            },
          ]
        : [],
    );
    const advisorRows = advisors.length > 0 ? await trx.insertInto("advisors").values(advisors).returning(["id", "email"]).execute() : [];
    const advisorId = new Map(advisorRows.map((r) => [r.email, r.id]));

    const today = toParis(now).date;
    const schedule = demoSchedule(network, today);
    const details = demoPlaceDetails(network, schedule, today);

    const places: Insertable<PlacesTable>[] = network.places.map((p) => {
      const commune = communeByCode.get(p.communeCode);
      const centre =
        commune && commune.latitude !== null && commune.longitude !== null
          ? applyOffset({ latitude: commune.latitude, longitude: commune.longitude }, p.offset)
          : null;
      const postcodes = commune?.postcodes ?? [];
      const d = details.get(p.slug);
      if (!d) throw new Error(`demo network: no details for place "${p.slug}"`);
      return {
        slug: p.slug,
        source_id: p.slug,
        name: p.name,
        structure_id: structureOf(p.structure),
        typologie: p.typologie,
        address: p.address,
        // A commune's postcodes may change with the official data: never store one it no longer has.
        postcode: postcodes.includes(p.postcode) || postcodes.length === 0 ? p.postcode : (postcodes[0] as string),
        commune_code: p.communeCode,
        latitude: centre?.latitude ?? null,
        longitude: centre?.longitude ?? null,
        coordinates_precision: "commune",
        phone: p.phone,
        email: d.emails[0] ?? null,
        website: null,
        pivot: d.pivot,
        opening_hours: d.openingHours,
        summary: d.summary,
        booking_url: d.bookingUrl,
        accessibility_url: d.accessibilityUrl,
        updated_on: d.updatedOn,
        emails: d.emails,
        services: d.services,
        publics: d.publics,
        specific_support: d.specificSupport,
        fees: d.fees,
        national_programmes: d.nationalProgrammes,
        access_modes: d.accessModes,
        support_modes: d.supportModes,
        mobility: d.mobility,
        is_public: true,
        is_demo: true,
        created_at: now,
        updated_at: now,
      };
    });
    const placeRows = places.length > 0 ? await trx.insertInto("places").values(places).returning(["id", "slug"]).execute() : [];
    const placeId = new Map(placeRows.map((r) => [r.slug, r.id]));

    const permanences: Insertable<PermanencesTable>[] = schedule.permanences.map((p) => ({
      place_id: placeId.get(p.place) as string,
      advisor_id: advisorId.get(p.advisor) as string,
      weekdays: p.weekdays,
      start_time: p.startTime,
      end_time: p.endTime,
      every_weeks: p.everyWeeks,
      valid_from: p.validFrom,
      valid_to: p.validTo,
      cancelled_dates: p.cancelledDates,
      mode: p.mode,
      is_demo: true,
      created_at: now,
      updated_at: now,
    }));
    if (permanences.length > 0) await trx.insertInto("permanences").values(permanences).execute();
    await rebuildPlaceOpeningsIn(trx, now, options.departement);

    const booking = await loadDemoBooking(trx, {
      network,
      schedule,
      now,
      brand: options.brand ?? (options.departement === "47" ? "déClic47" : "Déclic"),
      structureOf,
      advisorOf: (email) => advisorId.get(email) as string,
      placeOf: (slug) => placeId.get(slug) as string,
      userOf,
      communeNames: new Map(communes.map((c) => [c.code, c.name])),
    });

    // After the booking demo: its attended appointments and past workshops get their reports.
    const activity = await loadDemoActivity(trx, {
      network,
      schedule,
      now,
      structureOf,
      advisorOf: (email) => advisorId.get(email) as string,
      placeOf: (slug) => placeId.get(slug) as string,
      userOf,
    });
    const requests = await loadDemoRequests(trx, { departement: options.departement, now });
    await loadDemoPartners(trx, { departement: options.departement, now });
    const referrals = await loadDemoReferrals(trx, { now, domain: network.domain });

    return {
      structures: structureRows.length,
      advisors: advisors.length,
      places: places.length,
      permanences: permanences.length,
      users: userRows.length,
      roleAssignments: roles.length,
      network: network.kind,
      domain: network.domain,
      booking,
      activity,
      requests,
      referrals,
    };
  });
}
