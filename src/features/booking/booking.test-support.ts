// A small booking world of its own for HTTP tests: a structure, a place in Agen, an advisor with a
// weekday 9:00–12:00 permanence by appointment, one public motif (1 h) and one staff-only motif.
import assert from "node:assert/strict";
import { cookieHeader, mergeCookies, type TestApp, Visitor } from "../../../test/support/app.ts";
import { completeSecondFactor } from "../../../test/support/second-factor.ts";
import type { Db } from "../../db/schema.ts";

/** Monday 2 March 2026, 8:00 in Paris: the first slot is at 9:00 the same day. */
export const BOOKING_NOW = new Date("2026-03-02T07:00:00Z");

let worlds = 0;

export interface BookingWorld {
  structureId: string;
  placeId: string;
  placeSlug: string;
  advisorId: string;
  kindId: string;
  staffKindId: string;
}

export async function createBookingWorld(db: Db): Promise<BookingWorld> {
  worlds++;
  const suffix = `${worlds}-${Math.random().toString(36).slice(2, 8)}`;
  const structure = await db
    .insertInto("structures")
    .values({ slug: `maison-test-${suffix}`, name: `Maison test ${suffix}`, kind: "association" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const placeSlug = `espace-test-${suffix}`;
  const place = await db
    .insertInto("places")
    .values({
      slug: placeSlug,
      source_id: placeSlug,
      name: "Espace numérique test",
      structure_id: structure.id,
      address: "1 place du Test",
      postcode: "47000",
      commune_code: "47001",
      phone: "05 53 00 00 00",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const advisor = await db
    .insertInto("advisors")
    .values({ structure_id: structure.id, first_name: "Camille", last_name: "Testeur", email: `camille-${suffix}@exemple.fr` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("permanences")
    .values({
      place_id: place.id,
      advisor_id: advisor.id,
      weekdays: [1, 2, 3, 4, 5],
      start_time: "09:00",
      end_time: "12:00",
      valid_from: "2026-01-01",
      mode: "appointment",
    })
    .execute();
  const kind = await db
    .insertInto("appointment_kinds")
    .values({ structure_id: structure.id, name: "Aide aux démarches en ligne", duration_minutes: 60, location: "place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const staffKind = await db
    .insertInto("appointment_kinds")
    .values({ structure_id: structure.id, name: "Suivi (équipe)", duration_minutes: 30, location: "phone", bookable_by: "staff" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { structureId: structure.id, placeId: place.id, placeSlug, advisorId: advisor.id, kindId: kind.id, staffKindId: staffKind.id };
}

let visitors = 0;

/** A signed-in visitor, through the demo sign-in link shown on screen. */
export async function signInAs(t: TestApp, email: string): Promise<Visitor> {
  visitors++;
  const visitor = new Visitor(t.app, `10.48.${visitors}.1`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, `demo mode shows the link for ${email}`);
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  return visitor;
}

/** Posts a form like a browser, repeated names included, with the CSRF token of the visitor's last page. */
export async function postPairs(t: TestApp, visitor: Visitor, url: string, fields: [string, string][]) {
  const body = new URLSearchParams([["_csrf", visitor.csrfToken()], ...fields]);
  const response = await t.app.inject({
    method: "POST",
    url,
    payload: body.toString(),
    headers: { cookie: cookieHeader(visitor.jar), "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    remoteAddress: visitor.ip,
  });
  visitor.jar = mergeCookies(visitor.jar, response.headers["set-cookie"]);
  visitor.lastHtml = response.body;
  return response;
}
