import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { startSecondInstance, startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { readPlaceCards } from "./place-cards.repository.ts";
import { CARD_OPENINGS } from "./place-cards.ts";
import { SearchAnswerSchema, toApiAnswer } from "./search.api.ts";
import { API_OPTIONS, findHelp } from "./search.service.ts";
import { parseSearchParams, type RawQuery } from "./search.ts";
import { INSTANTS } from "./search-equivalence.cases.ts";

// GET /api/v1/lieux writes each place from the card this instance keeps of it (place-cards.ts). Whatever
// changes a place's answer must reach the next answer, through this instance or another: the reference is
// the page's search, which reads everything from the database each time, serialised by the response schema.
let t: TestApp;
let reference: FastifyInstance;
const Q = "commune=47001&rayon_km=30";

before(async () => {
  t = await startTestApp({ template: "demo", now: new Date(INSTANTS[0] as string) });
  reference = Fastify({ logger: false });
  const deps = { db: t.handle.db, config: t.config, now: () => t.clock.now };
  reference.get("/", { schema: { response: { 200: SearchAnswerSchema } } }, async (request) => {
    const outcome = await findHelp(deps, parseSearchParams(request.query as RawQuery), API_OPTIONS);
    if (outcome.kind !== "results") throw new Error("not a result");
    return toApiAnswer(outcome, t.config.publicUrl);
  });
});

after(async () => {
  await reference.close();
  await t.close();
});

interface Answer {
  lieux: { id: string; nom: string; commune: { code: string; nom: string }; prochaine_ouverture: { texte: string } | null }[];
}

/** The API's answer through `app`, checked byte for byte against the reference. */
async function answer(app: FastifyInstance = t.app, q = Q): Promise<Answer> {
  const got = await app.inject({ url: `/api/v1/lieux?${q}` });
  const want = await reference.inject({ url: `/?${q}` });
  assert.equal(got.statusCode, 200, got.body);
  assert.equal(got.body, want.body, q);
  return got.json() as Answer;
}

/** Every place's packed openings, packed again in SQL from its rows: the same bytes. */
async function packedMatchesRows(): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select p.id from places p left join place_search_openings s on s.place_id = p.id
    where coalesce(s.openings, ''::bytea) is distinct from coalesce((select string_agg(place_search_openings_record(o.starts_at, o.ends_at, o.kind), ''::bytea
        order by o.starts_at, o.kind, o.ends_at) from place_openings o where o.place_id = p.id), ''::bytea)`.execute(t.handle.db);
  assert.deepEqual(rows, [], "places whose packed openings differ from their rows");
}

test("an edit of a place, of its commune's name or of its hours shows in the next answer", async () => {
  const first = await answer();
  const place = first.lieux[0];
  assert.ok(place, "the demo has places near Agen");
  await answer(); // served from the cards now kept

  await t.handle.db.updateTable("places").set({ name: "Maison « Numérique » renommée" }).where("id", "=", place.id).execute();
  assert.equal((await answer()).lieux.find((p) => p.id === place.id)?.nom, "Maison « Numérique » renommée");

  await t.handle.db.updateTable("communes").set({ name: "Agen-sur-Garonne" }).where("code", "=", place.commune.code).execute();
  assert.equal((await answer()).lieux.find((p) => p.id === place.id)?.commune.nom, "Agen-sur-Garonne");

  // Open every day around the clock: the place's next opening becomes « open now ».
  await t.handle.db.updateTable("places").set({ opening_hours: "24/7" }).where("id", "=", place.id).execute();
  const reopened = (await answer()).lieux.find((p) => p.id === place.id);
  assert.notDeepEqual(reopened?.prochaine_ouverture, place.prochaine_ouverture);
  await packedMatchesRows();
});

test("openings computed again by another instance show in this instance's next answer", async () => {
  const other = await startSecondInstance(t);
  try {
    const before = await answer(other.app);
    await answer(t.app);
    const place = before.lieux[1] ?? before.lieux[0];
    assert.ok(place);
    // The edit leaves the place stale; the other instance's search computes its openings again (a new
    // version in its transaction); this instance, which finds nothing stale any more, must not keep its card.
    await t.handle.db.updateTable("places").set({ opening_hours: "Mo-Fr 07:00-07:30", name: "Lieu vu par l'autre instance" }).where("id", "=", place.id).execute();
    await answer(other.app);
    const seen = (await answer(t.app)).lieux.find((p) => p.id === place.id);
    assert.equal(seen?.nom, "Lieu vu par l'autre instance");
  } finally {
    await other.close();
  }
});

test("the next day, the openings computed again take a new version and give the same answers as the page", async () => {
  const day = 86_400_000;
  for (const shift of [1, 2, 9]) {
    t.clock.now = new Date(new Date(INSTANTS[0] as string).getTime() + shift * day);
    await answer();
    await answer(t.app, "lat=44.2&lon=0.6&rayon_km=50");
  }
  await packedMatchesRows();
});

test("a place whose first kept openings are all over is answered from all of its openings", async () => {
  t.clock.now = new Date(INSTANTS[1] as string);
  const first = (await answer()).lieux[0];
  assert.ok(first);
  // 48 quarter-hour openings a day: yesterday's alone fill the first openings a card keeps (CARD_OPENINGS).
  const slots = Array.from({ length: 48 }, (_, i) => {
    const hh = String(Math.floor(i / 2)).padStart(2, "0");
    const mm = i % 2 === 0 ? "00" : "30";
    return `${hh}:${mm}-${hh}:${i % 2 === 0 ? "15" : "45"}`;
  });
  await t.handle.db.updateTable("places").set({ opening_hours: `Mo-Su ${slots.join(",")}` }).where("id", "=", first.id).execute();
  const busy = (await answer()).lieux.find((p) => p.id === first.id);
  assert.ok(busy?.prochaine_ouverture, "the next quarter hour is found");
  // Served again from the card, which now keeps all of them.
  await answer();
  await packedMatchesRows();
});

test("a card read on its own (a card dropped from memory) is the one the search statement gives", async () => {
  const place = await t.handle.db.selectFrom("places").select(["id", "name", "latitude", "search_version"]).where("is_public", "=", true).orderBy("id").executeTakeFirstOrThrow();
  const horizon = await t.handle.db.selectFrom("place_openings_horizon").select("openings_version").executeTakeFirstOrThrow();
  const card = (await readPlaceCards(t.handle.db, [place.id])).get(place.id);
  assert.ok(card);
  assert.equal(card.version, `${place.search_version}.${horizon.openings_version}`);
  assert.ok(card.head.includes(`"nom":${JSON.stringify(place.name)}`), card.head);
  assert.equal(card.latitude, place.latitude);
  assert.ok(card.openings.starts.length > 0 && card.openings.starts.length <= CARD_OPENINGS);
  assert.deepEqual((await readPlaceCards(t.handle.db, [])).size, 0);
});
