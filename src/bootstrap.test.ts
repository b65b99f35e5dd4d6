// The first start of `npm start` is the slowest moment a newcomer meets: it must say what it does before doing it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, test } from "node:test";
import { pino } from "pino";
import { isFirstEmbeddedStart, openRuntime } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";

const dataDir = mkdtempSync(join(tmpdir(), "declic-first-start-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function embeddedConfig() {
  const parsed = loadConfig({ DATA_DIR: dataDir, DEMO: "false", LOG_LEVEL: "info", PUBLIC_URL: "http://localhost:3000" });
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.config;
}

function capturingLogger() {
  const messages: { msg: string; ms?: number }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) messages.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: "info", base: undefined }, stream), messages };
}

test("the first start announces the slow creation of the embedded database before it, with the time it takes", async () => {
  const config = embeddedConfig();
  assert.equal(isFirstEmbeddedStart(config), true);
  const first = capturingLogger();
  const runtime = await openRuntime(config, "test first start", first.log);
  await runtime.handle.close();
  assert.match(first.messages[0]?.msg ?? "", /^first start: creating the embedded database/);
  assert.match(first.messages[0]?.msg ?? "", /10 to 40 seconds/);
  const migrations = first.messages.find((m) => m.msg === "migrations applied");
  assert.equal(typeof migrations?.ms, "number", "the migrations say how long they took");

  assert.equal(isFirstEmbeddedStart(config), false);
  const second = capturingLogger();
  const again = await openRuntime(config, "test second start", second.log);
  await again.handle.close();
  assert.equal(
    second.messages.some((m) => m.msg.startsWith("first start")),
    false,
    "a restart does not announce a first start",
  );
});
