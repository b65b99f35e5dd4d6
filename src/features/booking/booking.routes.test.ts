import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld, postPairs as postForm, signInAs as signIn } from "./booking.test-support.ts";

const decode = (html: string) => html.replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"');

function firstSlotLink(html: string): string {
  const href = /<a class="slot" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, "a slot link is offered");
  return decode(href);
}

const details = { prenom: "Josette", nom: "M", telephone: "06 12 34 56 78", courriel: "", annee_naissance: "", commune: "", besoins: "", consentement: "oui" };

describe("booking without an account, without JavaScript", () => {
  let t: TestApp;
  let world: BookingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createBookingWorld(t.handle.db);
  });
  after(() => t.close());

  const base = () => `/lieux/${world.placeSlug}/rendez-vous`;

  test("a person chooses a need, a slot of the week, gives details and gets the confirmation with a personal link", async () => {
    const visitor = new Visitor(t.app, "10.9.0.1");
    const need = await visitor.get(base());
    assert.equal(need.statusCode, 200);
    assert.match(need.body, /Pour quoi avez-vous besoin d&#39;aide|Pour quoi avez-vous besoin d'aide/);
    // One public motif: the motif step is skipped.
    const motif = await visitor.get(`${base()}/motif?besoin=e-mail&besoin=sante`);
    assert.equal(motif.statusCode, 303);
    const week = await visitor.get(motif.headers.location as string);
    assert.equal(week.statusCode, 200);
    assert.match(week.body, /Semaine du lundi 2 mars 2026/);
    assert.match(week.body, /Semaine suivante/);
    assert.doesNotMatch(week.body, /Semaine précédente/);
    assert.ok(week.body.indexOf("lundi 2 mars 2026</h3>") < week.body.indexOf("mardi 3 mars 2026</h3>"), "grouped by day, earliest first");
    const next = await visitor.get(`${decode(/href="([^"]+)">Semaine suivante/.exec(week.body)![1]!)}`);
    assert.match(next.body, /Semaine du lundi 9 mars 2026/);
    assert.match(next.body, /Semaine précédente/);

    const form = await visitor.get(firstSlotLink(next.body));
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /pendant 2 ans/);
    const refused = await postForm(t, visitor, `${base()}/coordonnees`, fieldsOf(form.body, { ...details,
      telephone: "",
      prenom: "Josette",
      besoins: "Je lis mal",
      consentement: "",
     }));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Il y a 2 erreurs/);
    assert.match(refused.body, /value="Josette"/);
    assert.match(refused.body, /Je lis mal/);

    const booked = await postForm(t, visitor, `${base()}/coordonnees`, fieldsOf(refused.body, { ...details  }));
    assert.equal(booked.statusCode, 303);
    const confirmation = await visitor.get(booked.headers.location as string);
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, /Votre rendez-vous est réservé/);
    assert.match(confirmation.body, /pièce d&#39;identité|pièce d'identité/);
    assert.match(confirmation.body, /lundi 9 mars 2026/);
    assert.match(confirmation.body, /Annuler ce rendez-vous/);
    const row = await t.handle.db.selectFrom("appointments").selectAll().where("first_name", "=", "Josette").executeTakeFirstOrThrow();
    assert.equal(row.booked_via, "public");
    assert.deepEqual(row.themes, ["e-mail", "sante"]);
  });

  test("a slot taken meanwhile is refused with the next free slots", async () => {
    const first = new Visitor(t.app, "10.9.0.2");
    const second = new Visitor(t.app, "10.9.0.3");
    const week = await first.get(`${base()}/creneaux?semaine=2026-03-16`);
    const slot = firstSlotLink(week.body);
    await first.get(slot);
    await second.get(slot);
    assert.equal((await postForm(t, first, `${base()}/coordonnees`, fieldsOf(first.lastHtml, { ...details, courriel: "a@exemple.fr"  }))).statusCode, 303);
    const late = await postForm(t, second, `${base()}/coordonnees`, fieldsOf(second.lastHtml, { ...details, prenom: "Paul"  }));
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Ce créneau vient d&#39;être réservé|Ce créneau vient d'être réservé/);
    assert.match(late.body, /Prochains créneaux libres/);
  });

  test("the form post needs its CSRF token", async () => {
    const visitor = new Visitor(t.app, "10.9.0.4");
    await visitor.get(`${base()}/creneaux?semaine=2026-03-23`);
    const response = await visitor.post(`${base()}/coordonnees`, { creneau: "x", ...details }, { csrf: false });
    assert.equal(response.statusCode, 403);
  });

  test("a place whose structure has no motif says it offers no booking online", async () => {
    const place = await t.handle.db.selectFrom("places").select("slug").where("structure_id", "<>", world.structureId).where("is_public", "=", true).executeTakeFirstOrThrow();
    await t.handle.db.updateTable("appointment_kinds").set({ active: false }).where("structure_id", "<>", world.structureId).execute();
    const response = await new Visitor(t.app).get(`/lieux/${place.slug}/rendez-vous`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /ne propose pas encore de prise de rendez-vous en ligne/);
  });

  test("staff book on behalf of a person, with staff motifs and the person's oral consent", async () => {
    const userId = await insertUser(t.handle.db, { email: "accueil@exemple.fr", firstName: "Alice", lastName: "Accueil" });
    await addRole(t.handle.db, userId, "structure_manager", world.structureId);
    const staff = await signIn(t, "accueil@exemple.fr");
    const landing = await staff.get("/gestion/rendez-vous/nouveau");
    assert.equal(landing.statusCode, 200);
    assert.match(landing.body, /Espace numérique test/);
    const motifs = await staff.get(`/gestion/rendez-vous/nouveau/motif?lieu=${world.placeId}`);
    assert.equal(motifs.statusCode, 200);
    assert.match(motifs.body, /Suivi \(équipe\)/);
    const week = await staff.get(`/gestion/rendez-vous/nouveau/creneaux?lieu=${world.placeId}&motif=${world.staffKindId}&semaine=2026-03-23`);
    const form = await staff.get(firstSlotLink(week.body));
    assert.match(form.body, /La personne est d&#39;accord|La personne est d'accord/);
    assert.match(form.body, /Portable ou fixe/);
    // Gérard has only a landline: staff may book with it (the advisor calls him); no SMS goes to it.
    const booked = await postForm(t, staff, "/gestion/rendez-vous/nouveau/coordonnees", fieldsOf(form.body, { ...details, prenom: "Gérard", telephone: "05 53 12 34 56" }));
    assert.equal(booked.statusCode, 303);
    const row = await t.handle.db.selectFrom("appointments").selectAll().where("first_name", "=", "Gérard").executeTakeFirstOrThrow();
    assert.equal(row.phone, "+33553123456");
    const sms = await t.handle.db.selectFrom("outbox").select("id").where("channel", "=", "sms").where("recipient", "=", "+33553123456").execute();
    assert.equal(sms.length, 0);
    assert.equal(row.booked_via, "staff");
    assert.equal(row.booked_by_user_id, userId);
    assert.equal(row.kind_id, world.staffKindId);

    const outsider = await insertUser(t.handle.db, { email: "autre@exemple.fr", firstName: "Otto", lastName: "Autre" });
    const otherStructure = await t.handle.db.selectFrom("structures").select("id").where("id", "<>", world.structureId).executeTakeFirstOrThrow();
    await addRole(t.handle.db, outsider, "advisor", otherStructure.id);
    const other = await signIn(t, "autre@exemple.fr");
    assert.equal((await other.get(`/gestion/rendez-vous/nouveau?lieu=${world.placeId}`)).statusCode, 403);
    const anonymous = await t.app.inject({ url: `/gestion/rendez-vous/nouveau?lieu=${world.placeId}`, headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
  });
});

/** The hidden fields of the form on a page (creneau, besoin, lieu), repeated ones included; not the CSRF token. */
function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
    .filter((m) => m[1] !== "_csrf" && m[1] !== "jeton")
    .map((m) => [m[1]!, decode(m[2]!)]);
}

function fieldsOf(page: string, values: Record<string, string>): [string, string][] {
  return [...hiddenFields(page), ...Object.entries(values)];
}
