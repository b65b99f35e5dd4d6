// Workshops are findable: the header, the home page and the page of a place that hosts workshops lead to
// them, and the catalogue can be filtered to one place.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { materialiseSeries } from "./workshop-series.service.ts";
import { insertWorkshop, NOW, prepareWorkshops, type WorkshopFixture } from "./workshops.fixtures.ts";

const HOUR = 3_600_000;

describe("finding the workshops", () => {
  let t: TestApp;
  let f: WorkshopFixture;
  let placeSlug: string;
  /** The coming public workshops of the fixture, first first. */
  let coming: { id: string; title: string; is_remote: boolean; place_id: string | null }[];
  const visit = (url: string) => new Visitor(t.app).get(url);

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    const db = t.handle.db;
    // Only the fixture's workshops: the demo's series end and its dated workshops are cancelled.
    await db.updateTable("workshop_series").set({ valid_to: "2026-01-01" }).execute();
    await db.updateTable("workshops").set({ cancelled_at: NOW }).execute();
    f = await prepareWorkshops(t);
    await materialiseSeries(db, NOW, "47");
    placeSlug = (await db.selectFrom("places").select("slug").where("id", "=", f.placeId).executeTakeFirstOrThrow()).slug;
    coming = await db
      .selectFrom("workshops")
      .select(["id", "title", "is_remote", "place_id"])
      .where("is_public", "=", true)
      .where("cancelled_at", "is", null)
      .where("starts_at", ">", NOW)
      .orderBy("starts_at")
      .orderBy("id")
      .execute();
    assert.deepEqual(
      coming.slice(0, 3).map((w) => w.title),
      ["Premiers pas avec le courriel", "Les Jeudis de l'inclusion", "Premiers pas avec le courriel"],
    );
  });
  after(() => t.close());

  test("the header of every page leads to the workshops, marked as the current page in the catalogue", async () => {
    for (const url of ["/", "/trouver-de-l-aide", `/lieux/${placeSlug}`]) {
      const nav = /<nav aria-label="Menu principal">([\s\S]*?)<\/nav>/.exec((await visit(url)).body)?.[1] ?? "";
      assert.match(nav, /<a href="\/ateliers">Ateliers<\/a>/, url);
    }
    const catalogue = (await visit("/ateliers")).body;
    assert.match(catalogue, /<a href="\/ateliers" aria-current="page">Ateliers<\/a>/);
  });

  test("the home page shows the next workshops, remote ones included, each linked, and the way to all of them", async () => {
    const home = await visit("/");
    assert.equal(home.statusCode, 200);
    const block = /<section class="workshop-highlights" aria-labelledby="ateliers-titre">([\s\S]*?)<\/section>/.exec(home.body)?.[1] ?? "";
    assert.match(block, /<h2 id="ateliers-titre">Les prochains ateliers<\/h2>/);
    const linked = [...block.matchAll(/<a href="\/ateliers\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
    assert.deepEqual(linked, coming.slice(0, 3).map((w) => w.id));
    assert.match(block, /Les Jeudis de l&#39;inclusion<\/a>[\s\S]*À distance/);
    assert.match(block, new RegExp(`<a href="/ateliers">Voir les ${coming.length} ateliers à venir</a>`));
  });

  test("the page of a place that hosts workshops lists its next ones and links to the catalogue filtered to it", async () => {
    const page = await visit(`/lieux/${placeSlug}`);
    assert.equal(page.statusCode, 200);
    const block = /aria-labelledby="ateliers-titre">([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? "";
    assert.match(block, /<h2 id="ateliers-titre">Prochains ateliers ici<\/h2>/);
    const here = coming.filter((w) => w.place_id === f.placeId);
    const linked = [...block.matchAll(/<a href="\/ateliers\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
    assert.deepEqual(linked, here.slice(0, 5).map((w) => w.id));
    assert.doesNotMatch(block, /Jeudis/, "remote workshops are not held at the place");
    assert.ok(!block.includes(f.placeName.replace(/'/g, "&#39;")), "the page is the place's own: its name is not repeated");
    assert.match(block, new RegExp(`<a href="/ateliers\\?lieu=${placeSlug}">Voir les ${here.length} ateliers à venir dans ce lieu</a>`));
  });

  test("the page of a place without coming workshops has no workshop block", async () => {
    const other = await t.handle.db
      .selectFrom("places")
      .select("slug")
      .where("is_public", "=", true)
      .where(sql<boolean>`not exists (select 1 from workshops w where w.place_id = places.id and w.cancelled_at is null and w.starts_at > ${NOW})`)
      .orderBy("slug")
      .executeTakeFirstOrThrow();
    const page = await visit(`/lieux/${other.slug}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Prochains ateliers ici/);
  });

  test("the catalogue filtered to a place lists only its workshops, names it in the filter, and keeps it across pages", async () => {
    for (let i = 0; i < 20; i++) await insertWorkshop(t, f, { title: `Atelier du lieu ${i + 1}`, startsAt: new Date(NOW.getTime() + (30 + i) * 24 * HOUR), capacity: 8 });
    const filtered = await visit(`/ateliers?lieu=${placeSlug}`);
    assert.equal(filtered.statusCode, 200);
    assert.match(filtered.body, /Premiers pas avec le courriel/);
    assert.doesNotMatch(filtered.body, /href="\/ateliers\/[^"]+">Les Jeudis/);
    assert.match(filtered.body, new RegExp(`<option value="${placeSlug}" selected>`));
    const next = /<a href="([^"]+)" rel="next">/.exec(filtered.body)?.[1]?.replace(/&amp;/g, "&");
    assert.equal(next, `/ateliers?lieu=${placeSlug}&page=2`);
    const second = await visit(next!);
    assert.match(second.body, /Page 2 sur 2/);
    assert.match(second.body, /Atelier du lieu 20/);

    const everywhere = await visit("/ateliers?lieu=pas-un-lieu");
    assert.equal(everywhere.statusCode, 200, "an unknown place is no filter");
    assert.match(everywhere.body, /href="\/ateliers\/[^"]+">Les Jeudis/);
  });

  test("when the next workshops are all at places, the next remote one still shows on the home page", async () => {
    const soon = [];
    for (let i = 0; i < 3; i++) soon.push(await insertWorkshop(t, f, { title: `Atelier bientôt ${i + 1}`, startsAt: new Date(NOW.getTime() + (4 + i) * HOUR), capacity: 8 }));
    const firstRemote = coming.find((w) => w.is_remote);
    const block = /aria-labelledby="ateliers-titre">([\s\S]*?)<\/section>/.exec((await visit("/")).body)?.[1] ?? "";
    const linked = [...block.matchAll(/<a href="\/ateliers\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
    assert.deepEqual(linked, [soon[0], soon[1], firstRemote?.id]);
  });
});
