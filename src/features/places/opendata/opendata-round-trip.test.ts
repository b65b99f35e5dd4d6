import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { runOpendataCli } from "./opendata.cli.ts";
import { exportCsv, loadTerritory } from "./opendata.fixtures.ts";
import { runImport } from "./opendata-import.service.ts";

async function countPlaces(t: TestApp): Promise<number> {
  const row = await t.handle.db.selectFrom("places").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("export → import → export gives the same file", () => {
  let demo: TestApp;
  let fresh: TestApp;
  let dir: string;
  before(async () => {
    [demo, fresh] = await Promise.all([startTestApp({ template: "demo" }), startTestApp({ template: "bare", demo: false })]);
    dir = mkdtempSync(join(tmpdir(), "declic-opendata-"));
  });
  after(async () => {
    await Promise.all([demo.close(), fresh.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test("in the same database, places edited since the export are restored in place, never duplicated", async () => {
    const original = await exportCsv(demo);
    const count = await countPlaces(demo);
    const db = demo.handle.db;
    const [a, b] = await db.selectFrom("places").select("id").orderBy("id").limit(2).execute();
    await db.updateTable("places").set({ name: "Nom changé", phone: "06 00 00 00 00", services: ["Loisirs et créations numériques"] }).where("id", "=", a!.id).execute();
    await db.updateTable("places").set({ summary: "Un résumé ajouté", latitude: 44.1, longitude: 0.5, emails: ["x@exemple.fr"] }).where("id", "=", b!.id).execute();
    assert.notEqual(await exportCsv(demo), original);

    const outcome = await runImport(db, demo.config, { text: original, structureId: null, declaredSource: "" }, { onlyValid: false, actorUserId: null, now: new Date() });
    assert.equal(outcome.kind, "imported");
    assert.deepEqual(outcome.kind === "imported" ? [outcome.created, outcome.updated] : [], [0, 2]);
    assert.equal(await countPlaces(demo), count);
    assert.equal(await exportCsv(demo), original);
  });

  test("into a fresh database, from the command line, the second export is byte for byte the first", async () => {
    const original = await exportCsv(demo);
    await loadTerritory(fresh);
    await fresh.handle.db.insertInto("structures").values({ slug: "reseau-import", name: "Réseau importé", kind: "association", siret: "73282932000074" }).execute();
    const input = join(dir, "export-1.csv");
    const output = join(dir, "export-2.csv");
    writeFileSync(input, original);
    const lines: string[] = [];
    const ctx = { db: fresh.handle.db, config: fresh.config, print: (line: string) => lines.push(line) };

    assert.equal(await runOpendataCli(["import", "--file", input, "--structure", "reseau-import", "--dry-run"], ctx), 0);
    assert.equal(await countPlaces(fresh), 0, "a dry run writes nothing");
    assert.equal(await runOpendataCli(["import", "--file", input, "--structure", "reseau-import"], ctx), 0, lines.join("\n"));
    const rows = original.split("\r\n").length - 2;
    assert.match(lines.at(-1) ?? "", new RegExp(`^Imported: ${rows} created, 0 updated`));
    assert.equal(await runOpendataCli(["export", "--file", output], ctx), 0);
    assert.equal(readFileSync(output, "utf8"), original);

    assert.equal(await runOpendataCli(["import", "--file", output, "--structure", "reseau-import"], ctx), 0);
    assert.match(lines.at(-1) ?? "", new RegExp(`^Imported: 0 created, 0 updated, ${rows} unchanged`), "upsert by source and id");
  });

  test("the command line refuses a file with errors unless --only-valid, and lists each bad line", async () => {
    const original = await exportCsv(demo);
    const broken = original.replace(/\r\n([^,]+),(\d{14}),/, "\r\n$1,123,");
    const file = join(dir, "broken.csv");
    writeFileSync(file, broken);
    const lines: string[] = [];
    const ctx = { db: demo.handle.db, config: demo.config, print: (line: string) => lines.push(line) };
    const { slug } = await demo.handle.db.selectFrom("structures").select("slug").orderBy("slug").executeTakeFirstOrThrow();
    assert.equal(await runOpendataCli(["import", "--file", file, "--structure", slug], ctx), 1);
    assert.ok(lines.some((l) => /^line 2 \(.+\): pivot : format invalide/.test(l)), lines.join("\n"));
    assert.match(lines.at(-1) ?? "", /^Nothing imported \(row errors\)/);
    assert.equal(await runOpendataCli(["import", "--file", file, "--structure", slug, "--only-valid"], ctx), 0, lines.join("\n"));
    assert.match(lines.at(-1) ?? "", /1 skipped\.$/);
    assert.equal(await runOpendataCli(["import", "--file", file], ctx), 1, "--structure is required");
  });
});
