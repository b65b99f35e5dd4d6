// Test data for the place page's HTTP tests: a demo place with known hours and one permanence,
// people with roles, and sign-in through the demo link. Used by tests only.
import assert from "node:assert/strict";
import type { TestApp } from "../../../../test/support/app.ts";
import { Visitor } from "../../../../test/support/app.ts";
import { completeSecondFactor } from "../../../../test/support/second-factor.ts";
import { addRole, insertUser } from "../../organisation/organisation.repository.ts";
import type { Role } from "../../organisation/organisation.ts";

/** Monday 9 November 2026, 9:00 in Paris; Wednesday 11 November is a public holiday. */
export const MONDAY = new Date("2026-11-09T08:00:00Z");

export const HOURS = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off";

export interface PlaceFixture {
  placeId: string;
  slug: string;
  structureId: string;
  otherStructureId: string;
  hiddenSlug: string;
  advisor: { firstName: string; lastName: string };
}

/** Gives a demo place our own hours and a single Wednesday-morning permanence; hides another place. */
export async function preparePlace(t: TestApp): Promise<PlaceFixture> {
  const db = t.handle.db;
  const places = await db.selectFrom("places").select(["id", "slug", "structure_id"]).where("is_public", "=", true).orderBy("slug").execute();
  const place = places[0]!;
  const other = places.find((p) => p.structure_id !== place.structure_id)!;
  const advisor = await db.selectFrom("advisors").select(["id", "first_name"]).where("active", "=", true).orderBy("id").executeTakeFirstOrThrow();
  await db.updateTable("places").set({ opening_hours: HOURS, phone: "05 53 00 00 00", updated_on: "2026-10-15" }).where("id", "=", place.id).execute();
  // A last name found nowhere else, so its absence from the page means something.
  await db.updateTable("advisors").set({ last_name: "Quenouillard" }).where("id", "=", advisor.id).execute();
  await db.deleteFrom("permanences").where("place_id", "=", place.id).execute();
  await db
    .insertInto("permanences")
    .values({ place_id: place.id, advisor_id: advisor.id, weekdays: [3], start_time: "09:00", end_time: "12:00", valid_from: "2026-11-01", mode: "drop_in" })
    .execute();
  await db.updateTable("places").set({ is_public: false }).where("id", "=", other.id).execute();
  return {
    placeId: place.id,
    slug: place.slug,
    structureId: place.structure_id,
    otherStructureId: other.structure_id,
    hiddenSlug: other.slug,
    advisor: { firstName: advisor.first_name, lastName: "Quenouillard" },
  };
}

let people = 0;

/** A new person holding one role, signed in through the demo link shown on screen. */
export async function signedIn(t: TestApp, role: Role, structureId: string | null): Promise<Visitor> {
  people++;
  const email = `personne.${role}.${people}@exemple.fr`.replace(/_/g, "-");
  const userId = await insertUser(t.handle.db, { email, firstName: "Prénom", lastName: `Nom${people}` });
  await addRole(t.handle.db, userId, role, structureId);
  const visitor = new Visitor(t.app, `10.9.${people}.1`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, "demo mode shows the sign-in link");
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  return visitor;
}

/** The part of a page between two markers, to assert on one section. */
export function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  assert.ok(start >= 0, `${from} is on the page`);
  const end = html.indexOf(to, start);
  return html.slice(start, end < 0 ? undefined : end);
}
