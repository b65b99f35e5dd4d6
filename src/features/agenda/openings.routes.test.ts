import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { advisorByEmail, insertKind, postForm, signIn } from "./agenda.test-support.ts";

const ISABELLE = "isabelle.petit@declic47.example";
const LGNUM_MANAGER = "responsable.lgnum@declic47.example";
/** Saturday 12 February 2028, when nobody holds a permanence by appointment at the chosen place. */
const SATURDAY = "2028-02-12";

function openingFields(overrides: Record<string, string>): [string, string][] {
  return Object.entries({ place: "", date: SATURDAY, start_time: "09:00", end_time: "12:00", ...overrides });
}

describe("exceptional openings", () => {
  let t: TestApp;
  let isabelle: { id: string; structure_id: string };
  let justine: { id: string; structure_id: string };
  let placeId: string;

  async function slotsOn(date: string): Promise<{ debut: string; fin: string; lieu: { id: string } }[]> {
    const response = await t.app.inject({ method: "GET", url: `/api/v1/creneaux?lieu=${placeId}&du=${date}&au=${date}` });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { creneaux: { debut: string; fin: string; lieu: { id: string } }[] }).creneaux;
  }

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2028-02-07T08:00:00Z") });
    isabelle = await advisorByEmail(t, ISABELLE);
    justine = await advisorByEmail(t, "justine.sabathier@declic47.example");
    const place = await t.handle.db
      .selectFrom("places")
      .select("id")
      .where("structure_id", "=", isabelle.structure_id)
      .where("is_public", "=", true)
      .orderBy("name")
      .executeTakeFirstOrThrow();
    placeId = place.id;
    await insertKind(t, isabelle.structure_id, "Prendre en main sa tablette");
  });
  after(() => t.close());

  test("a wrong opening comes back with French errors and the input kept", async () => {
    const advisor = await signIn(t, ISABELLE);
    const page = await advisor.get("/agenda/ouvertures");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mes ouvertures exceptionnelles/);
    assert.match(page.body, new RegExp(`<option value="${placeId}"`));
    const wrong = await postForm(t, advisor, "/agenda/ouvertures", openingFields({ start_time: "14:00", end_time: "12:30" }));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Choisissez le lieu de l&#39;ouverture/);
    assert.match(wrong.body, /L&#39;heure de fin doit être après l&#39;heure de début/);
    assert.match(wrong.body, /Il y a 2 erreurs/);
    assert.match(wrong.body, /value="2028-02-12"/);
    assert.match(wrong.body, /value="14:00"/);
    const past = await postForm(t, advisor, "/agenda/ouvertures", openingFields({ place: placeId, date: "2028-02-05" }));
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /L&#39;ouverture doit commencer dans le futur/);
    const far = await postForm(t, advisor, "/agenda/ouvertures", openingFields({ place: placeId, date: "2028-09-02" }));
    assert.equal(far.statusCode, 400);
    assert.match(far.body, /dans les 6 prochains mois/);
    const elsewhere = await t.handle.db.selectFrom("places").select("id").where("structure_id", "=", justine.structure_id).executeTakeFirstOrThrow();
    const foreign = await postForm(t, advisor, "/agenda/ouvertures", openingFields({ place: elsewhere.id }));
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, /Choisissez le lieu de l&#39;ouverture/);
  });

  test("an opening on a Saturday morning makes slots bookable at that place; a second one may not overlap it", async () => {
    assert.deepEqual(await slotsOn(SATURDAY), []);
    const advisor = await signIn(t, ISABELLE);
    await advisor.get("/agenda/ouvertures");
    const saved = await postForm(t, advisor, "/agenda/ouvertures", openingFields({ place: placeId }));
    assert.equal(saved.statusCode, 303);
    const page = await advisor.get(saved.headers.location as string);
    assert.match(page.body, /L&#39;ouverture exceptionnelle a été ajoutée/);
    assert.match(page.body, /Samedi 12 février, 9\sh\s–\s12\sh/);

    const slots = await slotsOn(SATURDAY);
    assert.ok(slots.length > 0, "the opening offers slots");
    for (const slot of slots) {
      assert.equal(slot.lieu.id, placeId);
      assert.ok(slot.debut >= "2028-02-12T08:00:00.000Z" && slot.fin <= "2028-02-12T11:00:00.000Z", `${slot.debut} lies within 9:00–12:00`);
    }

    const overlap = await postForm(t, advisor, "/agenda/ouvertures", openingFields({ place: placeId, start_time: "11:00", end_time: "13:00" }));
    assert.equal(overlap.statusCode, 400);
    assert.match(overlap.body, /chevauchent une autre ouverture exceptionnelle/);
    assert.match(overlap.body, /value="13:00"/);
  });

  test("managers reach their structure's advisors, coordinators anyone; others get 404 or 403", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    const pick = await manager.get("/agenda/ouvertures");
    assert.equal(pick.statusCode, 200);
    assert.match(pick.body, new RegExp(`href="/agenda/ouvertures\\?conseiller=${isabelle.id}"`));
    const own = await manager.get(`/agenda/ouvertures?conseiller=${isabelle.id}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Ouvertures exceptionnelles de Isabelle Petit/);
    assert.equal((await manager.get(`/agenda/ouvertures?conseiller=${justine.id}`)).statusCode, 404);
    const coordinator = await signIn(t, "coordination@declic47.example");
    assert.equal((await coordinator.get(`/agenda/ouvertures?conseiller=${justine.id}`)).statusCode, 200);
    const other = await signIn(t, "justine.sabathier@declic47.example");
    assert.equal((await other.get(`/agenda/ouvertures?conseiller=${isabelle.id}`)).statusCode, 404);
    const prefecture = await signIn(t, "prefecture@declic47.example");
    assert.equal((await prefecture.get("/agenda/ouvertures")).statusCode, 403);
  });

  test("deleting an opening removes its slots; someone else's opening cannot be deleted", async () => {
    const opening = await t.handle.db.selectFrom("opening_periods").select("id").where("advisor_id", "=", isabelle.id).executeTakeFirstOrThrow();
    const other = await signIn(t, "justine.sabathier@declic47.example");
    await other.get("/agenda/ouvertures");
    assert.equal((await postForm(t, other, `/agenda/ouvertures/${opening.id}/supprimer`, [])).statusCode, 404);
    assert.equal((await postForm(t, other, "/agenda/ouvertures/pas-un-id/supprimer", [])).statusCode, 404);

    const manager = await signIn(t, LGNUM_MANAGER);
    await manager.get(`/agenda/ouvertures?conseiller=${isabelle.id}`);
    const deleted = await postForm(t, manager, `/agenda/ouvertures/${opening.id}/supprimer?conseiller=${isabelle.id}`, []);
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, `/agenda/ouvertures?conseiller=${isabelle.id}&message=supprimee`);
    const rows = await t.handle.db.selectFrom("opening_periods").select("id").where("advisor_id", "=", isabelle.id).execute();
    assert.deepEqual(rows, []);
    assert.deepEqual(await slotsOn(SATURDAY), []);
  });
});
