import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { parseCsv } from "./csv.ts";
import { exportCsv, signInAs } from "./opendata.fixtures.ts";
import { emptySummary, standardRows } from "./opendata-export.ts";
import { STANDARD, STANDARD_FIELDS } from "./standard-schema.ts";

describe("the open-data export of the places", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(() => t.close());

  test("the CSV is a download in UTF-8 with exactly the standard's columns, in its order, and CRLF line ends", async () => {
    const response = await t.app.inject({ url: "/donnees/lieux-de-mediation-numerique.csv" });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "text/csv; charset=utf-8");
    assert.match(String(response.headers["content-disposition"]), /^attachment; filename="lieux-de-mediation-numerique\.csv"$/);
    const [header, ...rows] = parseCsv(response.body);
    assert.deepEqual(header?.fields, [...STANDARD_FIELDS]);
    assert.ok(response.body.startsWith(`${STANDARD_FIELDS.join(",")}\r\n`));
    assert.ok(rows.every((r) => r.fields.length === 32));
  });

  test("every row of the demo's export passes the official schema: required fields, patterns and enumerations", async () => {
    const [header, ...records] = parseCsv(await exportCsv(t));
    const publicPlaces = await t.handle.db.selectFrom("places").select((eb) => eb.fn.countAll<number>().as("n")).where("is_public", "=", true).executeTakeFirstOrThrow();
    assert.equal(records.length, Number(publicPlaces.n), "every public place of the demo is exported");
    for (const record of records) {
      const row = Object.fromEntries(header!.fields.map((name, i) => [name, record.fields[i] ?? ""]));
      assert.deepEqual(STANDARD.validateRow(row), [], `line ${record.line}`);
      assert.match(row.telephone!, /^\+33\d{9}$/);
      assert.equal(row.source, "déClic47");
      assert.match(row.pivot!, /^\d{14}$/);
    }
  });

  test("places come in a stable order, by identifier, whatever the batch size", async () => {
    const ids = async (size: number) => {
      const out: string[] = [];
      for await (const row of standardRows(t.handle.db, t.config, undefined, size)) out.push(row.id!);
      return out;
    };
    const all = await ids(500);
    assert.deepEqual(await ids(7), all);
    assert.deepEqual([...all].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)), all);
    assert.equal(new Set(all).size, all.length);
  });

  test("the JSON export holds the same places, with numbers for coordinates and « | »-joined values", async () => {
    const response = await t.app.inject({ url: "/donnees/lieux-de-mediation-numerique.json" });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "application/json; charset=utf-8");
    const places = JSON.parse(response.body) as Record<string, unknown>[];
    const csvIds = parseCsv(await exportCsv(t))
      .slice(1)
      .map((r) => r.fields[0]);
    assert.deepEqual(
      places.map((p) => p.id),
      csvIds,
    );
    assert.equal(typeof places[0]?.latitude, "number");
    assert.equal(typeof places[0]?.typologie, "string");
    assert.ok(!("complement_adresse" in (places[0] ?? {})), "empty fields are left out");
  });

  test("private places are not exported; a place without any SIRET is left out, counted and shown to administrators", async () => {
    const db = t.handle.db;
    const [hidden, orphan] = await db.selectFrom("places").select(["id", "name", "structure_id", "slug"]).orderBy("slug").limit(2).execute();
    await db.updateTable("places").set({ is_public: false }).where("id", "=", hidden!.id).execute();
    const { id: structureId } = await db
      .insertInto("structures")
      .values({ slug: "association-sans-siret", name: "Association sans SIRET", kind: "association" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.updateTable("places").set({ structure_id: structureId, pivot: null }).where("id", "=", orphan!.id).execute();

    const summary = emptySummary();
    const ids: string[] = [];
    for await (const row of standardRows(db, t.config, summary)) ids.push(row.id!);
    assert.ok(!ids.includes(hidden!.id));
    assert.ok(!ids.includes(orphan!.id));
    assert.deepEqual(
      summary.excluded.map((p) => [p.slug, p.reasons]),
      [[orphan!.slug, ["pivot : ni ce lieu ni sa structure n'ont de SIRET ou de RNA"]]],
    );

    const admin = await signInAs(t, "admin");
    const page = await admin.get("/admin/donnees/import");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /1 lieu public n&#39;est pas exporté/);
    assert.ok(page.body.includes(orphan!.name.replace(/'/g, "&#39;")));

    await db.updateTable("places").set({ pivot: "W472000123" }).where("id", "=", orphan!.id).execute();
    const again = emptySummary();
    for await (const _row of standardRows(db, t.config, again)) {
      // counting only
    }
    assert.equal(again.excluded.length, 0, "a place's own RNA number is enough");
  });

  test("the open-data page links to both files and works without JavaScript", async () => {
    const response = await t.app.inject({ url: "/donnees", headers: { accept: "text/html" } });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /href="\/donnees\/lieux-de-mediation-numerique\.csv"/);
    assert.match(response.body, /href="\/donnees\/lieux-de-mediation-numerique\.json"/);
    assert.match(response.body, /version v1\.0\.2/);
  });
});
