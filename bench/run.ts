// Runs the benchmarks: `npm run bench` runs every suite, `npm run bench -- <name>` one of them.
// Figures are printed and written to bench/results/ (gitignored); nothing is asserted.
import { fileURLToPath } from "node:url";
import { activitiesSuite } from "./activities.bench.ts";
import { bookingSuite } from "./booking.bench.ts";
import { coverageSuite } from "./coverage.bench.ts";
import { foundationSuite } from "./foundation.bench.ts";
import { killAllChildren } from "./lib/children.ts";
import { errorMessage } from "./lib/format.ts";
import { runCleanups, type Suite } from "./lib/suite.ts";
import { pagesSuite } from "./pages.bench.ts";
import { placesSuite } from "./places.bench.ts";
import { searchSpeedSuite } from "./search-speed.bench.ts";
import { statisticsSuite } from "./statistics.bench.ts";

/** Add new suites here; they run in this order. */
export const suites: Suite[] = [foundationSuite, placesSuite, pagesSuite, bookingSuite, activitiesSuite, coverageSuite, statisticsSuite, searchSpeedSuite];

/**
 * Whatever happens, the run ends: children are killed and the process exits after this long
 * (BENCH_WATCHDOG_MIN minutes, 30 by default; the 10 M statistics run needs about an hour).
 */
const WATCHDOG_MS = (Number(process.env.BENCH_WATCHDOG_MIN) || 30) * 60_000;

function cleanUp(): void {
  killAllChildren();
  runCleanups();
}

async function main(argv: string[]): Promise<number> {
  const names = argv.filter((a) => !a.startsWith("-"));
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log("usage: npm run bench [-- <suite>...]\n\nsuites:");
    for (const s of suites) console.log(`  ${s.name.padEnd(14)} ${s.description}`);
    console.log(
      "\nenvironment: BENCH_DATABASE_URL (PostgreSQL admin URL, default postgres://postgres@127.0.0.1:5432/postgres),\n" +
        "  BENCH_CONNECTIONS (10), BENCH_WARMUP (1 s), BENCH_DURATION (5 s), BENCH_ACTIVITY_ROWS (1,000,000)",
    );
    return 0;
  }
  const unknown = names.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(", ")}; known: ${suites.map((s) => s.name).join(", ")}`);
    return 2;
  }
  const selected = names.length > 0 ? suites.filter((s) => names.includes(s.name)) : suites;

  const context = {
    root: fileURLToPath(new URL("..", import.meta.url)),
    resultsDir: fileURLToPath(new URL("./results/", import.meta.url)),
  };
  let failures = 0;
  const started = performance.now();
  for (const suite of selected) {
    try {
      await suite.run(context);
    } catch (error) {
      failures++;
      console.error(`suite ${suite.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)}`);
    } finally {
      cleanUp();
    }
    console.log("");
  }
  console.log(`bench: ${selected.length} suite(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return failures > 0 ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping child processes`);
    cleanUp();
    process.exit(130);
  });
}
process.on("exit", cleanUp);

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min: giving up`);
  cleanUp();
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main(process.argv.slice(2)).then(
  (code) => {
    cleanUp();
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    cleanUp();
    process.exit(1);
  },
);
