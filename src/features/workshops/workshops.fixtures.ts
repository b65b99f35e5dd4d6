// Test data for the workshop tests: a weekly series at a demo place, the remote « Jeudis de l'inclusion »,
// a reserved series, the advisor who leads them, a manager of their structure and an outsider.
// Used by tests only.
import assert from "node:assert/strict";
import type { TestApp } from "../../../test/support/app.ts";
import { Visitor } from "../../../test/support/app.ts";
import { completeSecondFactor } from "../../../test/support/second-factor.ts";
import { toParis } from "../calendar/paris-time.ts";
import { addRole, insertAdvisor, insertUser } from "../organisation/organisation.repository.ts";

/** Monday 11 January 2027, 10:00 in Paris. */
export const NOW = new Date("2027-01-11T09:00:00Z");
export const VIDEO_URL = "https://visio.exemple.fr/jeudis-de-l-inclusion";

export interface WorkshopFixture {
  placeId: string;
  placeName: string;
  communeCode: string;
  structureId: string;
  advisorEmail: string;
  managerEmail: string;
  outsiderEmail: string;
  advisorId: string;
}

let people = 0;

async function person(t: TestApp, role: "advisor" | "structure_manager", structureId: string, name: string): Promise<{ email: string; userId: string }> {
  people++;
  const email = `${name.toLowerCase()}.${people}@exemple.fr`;
  const userId = await insertUser(t.handle.db, { email, firstName: name, lastName: `Atelier${people}` });
  await addRole(t.handle.db, userId, role, structureId);
  return { email, userId };
}

export async function prepareWorkshops(t: TestApp): Promise<WorkshopFixture> {
  const db = t.handle.db;
  const place = await db.selectFrom("places").select(["id", "name", "structure_id", "commune_code"]).where("is_public", "=", true).orderBy("slug").executeTakeFirstOrThrow();
  const other = await db.selectFrom("structures").select("id").where("id", "<>", place.structure_id).orderBy("id").executeTakeFirstOrThrow();
  const advisor = await person(t, "advisor", place.structure_id, "Aline");
  const advisorId = await insertAdvisor(db, { user_id: advisor.userId, structure_id: place.structure_id, first_name: "Aline", last_name: "Animatrice" });
  const manager = await person(t, "structure_manager", place.structure_id, "Marc");
  const outsider = await person(t, "structure_manager", other.id, "Odile");
  const common = { structure_id: place.structure_id, advisor_id: advisorId, valid_from: toParis(t.clock.now).date };
  await db
    .insertInto("workshop_series")
    .values([
      {
        ...common,
        title: "Premiers pas avec le courriel",
        themes: ["e-mail"],
        level: "debutant",
        description: "Créer une adresse, écrire et lire ses messages.",
        place_id: place.id,
        weekday: 2,
        start_time: "10:00",
        end_time: "12:00",
        capacity: 8,
      },
      {
        ...common,
        title: "Les Jeudis de l'inclusion",
        themes: ["securite-numerique"],
        level: "intermediaire",
        description: "Un rendez-vous en visio chaque jeudi.",
        is_remote: true,
        video_url: VIDEO_URL,
        weekday: 4,
        start_time: "14:00",
        end_time: "15:00",
        capacity: 30,
      },
      {
        ...common,
        title: "Atelier réservé aux résidents",
        themes: ["e-mail"],
        level: "avance",
        place_id: place.id,
        weekday: 3,
        start_time: "10:00",
        end_time: "11:00",
        capacity: 6,
        is_public: false,
      },
    ])
    .execute();
  return {
    placeId: place.id,
    placeName: place.name,
    communeCode: place.commune_code,
    structureId: place.structure_id,
    advisorEmail: advisor.email,
    managerEmail: manager.email,
    outsiderEmail: outsider.email,
    advisorId,
  };
}

/** A single workshop (no series) at the fixture's place. */
export async function insertWorkshop(t: TestApp, f: WorkshopFixture, values: { title: string; startsAt: Date; capacity: number; isPublic?: boolean }): Promise<string> {
  const row = await t.handle.db
    .insertInto("workshops")
    .values({
      structure_id: f.structureId,
      advisor_id: f.advisorId,
      title: values.title,
      themes: ["navigation-internet"],
      level: "debutant",
      place_id: f.placeId,
      starts_at: values.startsAt,
      ends_at: new Date(values.startsAt.getTime() + 2 * 3_600_000),
      capacity: values.capacity,
      is_public: values.isPublic ?? true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

let visitors = 0;

/** Signs a person in through the demo link shown on screen. */
export async function signInVisitor(t: TestApp, email: string): Promise<Visitor> {
  visitors++;
  const visitor = new Visitor(t.app, `10.47.${visitors}.1`);
  await visitor.get("/connexion");
  const sent = await visitor.post("/connexion", { email });
  const link = /href="http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^"]+)"/.exec(sent.body)?.[1];
  assert.ok(link, "demo mode shows the sign-in link");
  await visitor.get(link);
  await visitor.post("/connexion/lien", { jeton: new URL(link, "http://x").searchParams.get("jeton")! });
  await completeSecondFactor(visitor);
  return visitor;
}
