// `npm test`: builds the test database templates once, then runs every test file with node's test runner.
// Node 20 does not expand globs for --test, so the files are listed here.
// Arguments narrow the run to files whose path contains one of them: `npm test -- auth territory`.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { TEST_DATABASE_URL } from "../test/support/db.ts";
import { ensurePGliteTemplate, ensurePostgresTemplate, ROOT, templateKey } from "../test/support/templates.ts";

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = [...testFiles(join(ROOT, "src")), ...testFiles(join(ROOT, "test"))]
  .map((f) => relative(ROOT, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`No test file matches ${filters.join(", ")}`);
  process.exit(1);
}

const backend = TEST_DATABASE_URL ? `PostgreSQL (${new URL(TEST_DATABASE_URL).host})` : "PGlite (embedded)";
const started = Date.now();
const key = templateKey();
if (TEST_DATABASE_URL) {
  await ensurePostgresTemplate(TEST_DATABASE_URL, "bare", key);
  await ensurePostgresTemplate(TEST_DATABASE_URL, "demo", key);
} else {
  await ensurePGliteTemplate("bare", key);
  await ensurePGliteTemplate("demo", key);
}
console.log(`# database: ${backend}; templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s; ${files.length} test files`);

// A test that hangs fails after 10 minutes with its name, instead of holding the whole run until CI's own limit
// (the slowest test takes under 3 minutes on a loaded machine).
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-timeout=600000", ...files], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, DECLIC_TEMPLATE_KEY: key },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
