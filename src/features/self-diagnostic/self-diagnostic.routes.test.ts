import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { toParis } from "../calendar/paris-time.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";
import { haversineKm } from "../territory/territory.ts";
import { signInVisitor } from "../workshops/workshops.fixtures.ts";
import { selfDiagnosticFigures } from "./self-diagnostic.repository.ts";

// Long after the demo's own workshops: only the ones this test adds are coming.
const NOW = new Date("2031-03-03T09:00:00Z");
const DAY = 86_400_000;
/** Device, e-mail, files and information acquired; procedures beginner (0 + 0), security beginner (0 + 1). */
const ANSWERS = "222222000122";

describe("the self-diagnostic pages", () => {
  let t: TestApp;
  let communeName: string;
  let communeCode: string;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    const db = t.handle.db;
    const places = await db
      .selectFrom("places")
      .innerJoin("communes", "communes.code", "places.commune_code")
      .select(["places.id", "places.structure_id", "places.latitude", "places.longitude", "communes.name", "communes.code"])
      .where("places.is_public", "=", true)
      .where("places.latitude", "is not", null)
      .orderBy("places.slug")
      .execute();
    const near = places[0]!;
    const at = (p: (typeof places)[number]) => ({ latitude: p.latitude!, longitude: p.longitude! });
    const far = places.find((p) => haversineKm(at(near), at(p)) > 40)!;
    communeName = near.name;
    communeCode = near.code;
    const add = async (key: string, values: { themes: string[]; level: "debutant" | "intermediaire"; placeId: string | null; days: number }) => {
      const startsAt = new Date(NOW.getTime() + values.days * DAY);
      const row = await db
        .insertInto("workshops")
        .values({
          structure_id: near.structure_id,
          title: `Atelier ${key}`,
          themes: values.themes,
          level: values.level,
          place_id: values.placeId,
          is_remote: values.placeId === null,
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + 2 * 3_600_000),
          capacity: 10,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    };
    await add("démarches près", { themes: ["aide-demarches"], level: "debutant", placeId: near.id, days: 3 });
    await add("démarches loin", { themes: ["aide-demarches"], level: "debutant", placeId: far.id, days: 2 });
    await add("démarches avancé", { themes: ["aide-demarches"], level: "intermediaire", placeId: near.id, days: 4 });
    await add("sécurité visio", { themes: ["securite-numerique"], level: "debutant", placeId: null, days: 5 });
  });
  after(() => t.close());

  test("twelve questions, one per screen, the answers carried by the form; the result counts once and stores no answer", async () => {
    const visitor = new Visitor(t.app);
    const first = await visitor.get("/tester-mes-usages");
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Question 1 sur 12/);
    assert.match(first.body, /<legend><h1>Savez-vous allumer/);
    let location = "";
    for (const [i, digit] of [...ANSWERS].entries()) {
      const page = await visitor.get(location || "/tester-mes-usages");
      assert.match(page.body, new RegExp(`Question ${i + 1} sur 12`));
      const answered = await visitor.post("/tester-mes-usages", { reponses: ANSWERS.slice(0, i), reponse: digit });
      assert.equal(answered.statusCode, 303);
      location = String(answered.headers.location);
    }
    assert.equal(location, `/tester-mes-usages/resultat?reponses=${ANSWERS}`);
    const day = toParis(NOW).date;
    assert.deepEqual(await selfDiagnosticFigures(t.handle.db, day, day), { taken: 1, booked: 0 });
    const result = await visitor.get(location);
    assert.equal(result.statusCode, 200);
    assert.match(result.body, /Envoyer une pièce jointe/);
    assert.match(result.body, /Faire ses démarches en ligne : niveau débutant/);
    assert.equal((await selfDiagnosticFigures(t.handle.db, day, day)).taken, 1, "reading the result again does not count again");
  });

  test("going on without an answer keeps the question and says what to do", async () => {
    const visitor = new Visitor(t.app);
    await visitor.get("/tester-mes-usages?reponses=21");
    const page = await visitor.post("/tester-mes-usages", { reponses: "21" });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Question 3 sur 12/);
    assert.match(page.body, /Choisissez une réponse pour continuer/);
    assert.match(page.body, /name="reponses" value="21"/);
  });

  test("the result proposes workshops of the right level and theme near the commune typed, and remote ones", async () => {
    const visitor = new Visitor(t.app);
    const page = await visitor.get(`/tester-mes-usages/resultat?reponses=${ANSWERS}&commune=${encodeURIComponent(communeName)}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/ateliers/${ids["démarches près"]}\\?depuis=autodiagnostic"`));
    assert.match(page.body, new RegExp(`href="/ateliers/${ids["sécurité visio"]}\\?depuis=autodiagnostic"`));
    assert.doesNotMatch(page.body, new RegExp(ids["démarches loin"]!));
    assert.doesNotMatch(page.body, new RegExp(ids["démarches avancé"]!));
    assert.match(page.body, new RegExp(`href="/trouver-de-l-aide\\?commune=${communeCode}"`));
    const without = await visitor.get(`/tester-mes-usages/resultat?reponses=${ANSWERS}`);
    assert.doesNotMatch(without.body, new RegExp(ids["démarches près"]!), "without a commune, nothing is « near »");
    assert.match(without.body, new RegExp(ids["sécurité visio"]!));
  });

  test("a commune that does not exist is said next to the field", async () => {
    const page = await new Visitor(t.app).get(`/tester-mes-usages/resultat?reponses=${ANSWERS}&commune=Zzzzzzzz`);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Nous ne trouvons pas cette commune/);
  });

  test("an unfinished or altered code goes back to the questions", async () => {
    const visitor = new Visitor(t.app);
    assert.equal((await visitor.get("/tester-mes-usages/resultat?reponses=2201")).headers.location, "/tester-mes-usages?reponses=2201");
    assert.equal((await visitor.get("/tester-mes-usages/resultat?reponses=22x")).headers.location, "/tester-mes-usages");
  });

  test("a registration from the result is marked and counted in the figures", async () => {
    const visitor = new Visitor(t.app);
    const page = await visitor.get(`/ateliers/${ids["sécurité visio"]}?depuis=autodiagnostic`);
    assert.match(page.body, /name="depuis" value="autodiagnostic"/);
    const done = await visitor.post(`/ateliers/${ids["sécurité visio"]}/inscription`, { prenom: "Rose", nom: "B", courriel: "rose@exemple.fr", consentement: "1", depuis: "autodiagnostic" });
    assert.equal(done.statusCode, 303);
    const plain = new Visitor(t.app);
    await plain.get(`/ateliers/${ids["sécurité visio"]}`);
    await plain.post(`/ateliers/${ids["sécurité visio"]}/inscription`, { prenom: "Paul", nom: "C", courriel: "paul@exemple.fr", consentement: "1" });
    const day = toParis(NOW).date;
    assert.equal((await selfDiagnosticFigures(t.handle.db, day, day)).booked, 1);
  });

  test("an advisor attaches the result to a new activity report only with the person's consent", async () => {
    const visitor = new Visitor(t.app);
    const refused = await visitor.get(`/tester-mes-usages/compte-rendu?reponses=${ANSWERS}`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Cochez cette case si la personne est d&#39;accord|Cochez cette case si la personne est d'accord/);
    const accepted = await visitor.get(`/tester-mes-usages/compte-rendu?reponses=${ANSWERS}&accord=1`);
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/activites/nouveau?autodiagnostic=${ANSWERS}`);
    const advisor = await t.handle.db
      .selectFrom("users")
      .innerJoin("advisors", "advisors.user_id", "users.id")
      .select("users.email")
      .where("users.is_demo", "=", true)
      .orderBy("users.email")
      .executeTakeFirstOrThrow();
    const signedIn = await signInVisitor(t, advisor.email);
    const form = await signedIn.get(String(accepted.headers.location));
    assert.equal(form.statusCode, 200);
    for (const theme of ["diagnostic-numerique", "aide-demarches", "securite-numerique"]) {
      assert.match(form.body, new RegExp(`value="${theme}"[^>]* checked`), theme);
    }
    assert.match(form.body, /Autodiagnostic « Tester mes usages du numérique »/);
  });

  test("the coordination's dashboard shows the counts of the period; an advisor's does not", async () => {
    const day = toParis(NOW).date;
    const figures = await selfDiagnosticFigures(t.handle.db, day, day);
    assert.ok(figures.taken > 0 && figures.booked > 0, "the tests above completed one and booked from it");
    const coordinator = await signIn(t, "coordination@declic47.example");
    const page = await coordinator.get(`/statistiques?du=${day}&au=${day}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="autodiagnostics">Autodiagnostics « Tester mes usages »<\/h2>/);
    assert.match(page.body, new RegExp(`Autodiagnostics terminés</th><td class="num">${figures.taken}</td>`));
    assert.match(page.body, new RegExp(`Inscriptions à un atelier depuis un résultat</th><td class="num">${figures.booked}</td>`));
    const advisor = await signIn(t, "justine.sabathier@declic47.example");
    assert.doesNotMatch((await advisor.get(`/statistiques?du=${day}&au=${day}`)).body, /Autodiagnostics/);
  });
});
