// Coverage benchmark at national scale: every commune of France (about 35,000 centres) and 20,000 places
// clustered around commune centres (weighted by population, from places.data.ts) with 60,000 permanences.
// Times, in-process and without a database, the full coverage computation (places from permanence rows,
// nearest place and nearest drop-in, hours within 10 and 20 km, shares), the greedy recommendation of
// K = 10 communes within 10 km, and one « Et si… ». Figures are printed, never asserted (target: ≤ 1 s).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ActivePermanenceRecord } from "../src/features/coverage/coverage.repository.ts";
import { communesFrom, placesFrom } from "../src/features/coverage/coverage.service.ts";
import { type CoveragePlace, computeCoverage } from "../src/features/coverage/coverage.ts";
import { recommendSites } from "../src/features/coverage/recommend.ts";
import { whatIf } from "../src/features/coverage/what-if.ts";
import { type MachineFacts, machineFacts, round, table } from "./lib/format.ts";
import type { Suite, SuiteContext } from "./lib/suite.ts";
import { generate, readCommunes } from "./places.data.ts";

const PLACES = 20_000;
const PERMANENCES = 60_000;
const RUNS = 15;
const TARGET_MS = 1000;
const K = 10;
const RADIUS_KM = 10;

interface Timing {
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** CPU time of the process (user + system): less skewed than wall time when other work shares the cores. */
  cpuP50Ms: number;
  cpuP95Ms: number;
}

export interface CoverageReport {
  suite: "coverage";
  date: string;
  machine: MachineFacts;
  communes: number;
  communesWithCentre: number;
  places: number;
  permanences: number;
  runs: number;
  full: Timing;
  computeOnly: Timing;
  recommendation: Timing;
  whatIf: Timing;
  figures: { within10: number; within20: number; recommendedReach: number };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function time(runs: number, fn: () => void): Timing {
  fn(); // warm-up: JIT and caches, not counted
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    minMs: samples[0] as number,
    maxMs: samples[samples.length - 1] as number,
    cpuP50Ms: percentile(cpu, 50),
    cpuP95Ms: percentile(cpu, 95),
  };
}

export async function runCoverageBench(context: SuiteContext): Promise<CoverageReport> {
  const today = "2026-11-02";
  const raw = readCommunes(context.root);
  const data = generate(raw, { places: PLACES, permanences: PERMANENCES }, today);
  const placeById = new Map(data.places.map((p) => [p.id as string, p]));
  // The rows the repository would return: permanences of public places (all are valid on this day).
  const records: ActivePermanenceRecord[] = data.permanences.flatMap((m) => {
    const place = placeById.get(m.place_id);
    if (!place?.is_public || place.latitude == null || place.longitude == null) return [];
    return [
      {
        place_id: m.place_id,
        place_name: place.name,
        latitude: place.latitude,
        longitude: place.longitude,
        weekdays: m.weekdays,
        start_time: m.start_time,
        end_time: m.end_time,
        every_weeks: m.every_weeks ?? 1,
        mode: m.mode,
      },
    ];
  });
  const communeRecords = raw.map((c) => ({ ...c, boundary: null }));
  const communes = communesFrom(communeRecords);
  const places: CoveragePlace[] = placesFrom(records);

  const full = time(RUNS, () => {
    computeCoverage(communesFrom(communeRecords), placesFrom(records));
  });
  const computeOnly = time(RUNS, () => {
    computeCoverage(communes, places);
  });
  const coverage = computeCoverage(communes, places);
  const recommendation = time(RUNS, () => {
    recommendSites(coverage.communes, K, RADIUS_KM);
  });
  const farthest = [...coverage.communes].filter((c) => c.centre !== null).sort((a, b) => (b.nearest?.distanceKm ?? 0) - (a.nearest?.distanceKm ?? 0))[0];
  const site = farthest?.centre ?? { latitude: 46.5, longitude: 2.5 };
  const whatIfTiming = time(RUNS, () => {
    whatIf(coverage.communes, site, RADIUS_KM);
  });
  const reco = recommendSites(coverage.communes, K, RADIUS_KM);
  return {
    suite: "coverage",
    date: new Date().toISOString(),
    machine: machineFacts(),
    communes: communes.length,
    communesWithCentre: communes.filter((c) => c.centre !== null).length,
    places: places.length,
    permanences: records.length,
    runs: RUNS,
    full,
    computeOnly,
    recommendation,
    whatIf: whatIfTiming,
    figures: {
      within10: coverage.summary.within[0]?.share ?? 0,
      within20: coverage.summary.within[2]?.share ?? 0,
      recommendedReach: reco.reachedPopulation,
    },
  };
}

export const coverageSuite: Suite = {
  name: "coverage",
  description: `coverage of ~35,000 communes × ${PLACES.toLocaleString("en")} places in-process, recommendation K=${K}, what-if`,
  async run(context) {
    console.log(`## coverage: every commune of France × ${PLACES.toLocaleString("en")} places (in-process, ${RUNS} runs after a warm-up; wall and CPU time)`);
    const report = await runCoverageBench(context);
    console.log(
      `${report.communes} communes (${report.communesWithCentre} with a centre), ${report.places} places with ${report.permanences} permanences\n`,
    );
    const row = (name: string, t: Timing) => [
      name,
      round(t.p50Ms, 1),
      round(t.p95Ms, 1),
      round(t.minMs, 1),
      round(t.maxMs, 1),
      round(t.cpuP50Ms, 1),
      round(t.cpuP95Ms, 1),
    ];
    console.log(`load average at start: ${report.machine.loadAverageAtStart} on ${report.machine.cpuCount} cores\n`);
    console.log(
      table(
        ["step", "p50 ms", "p95 ms", "min ms", "max ms", "CPU p50 ms", "CPU p95 ms"],
        [
          row("full coverage (rows → places, nearest, drop-in, hours 10/20 km, shares)", report.full),
          row("coverage computation alone", report.computeOnly),
          row(`recommendation K=${K}, R=${RADIUS_KM} km`, report.recommendation),
          row("one « Et si… »", report.whatIf),
        ],
      ),
    );
    const verdict = report.full.p95Ms <= TARGET_MS ? "meets" : "misses";
    console.log(`\nfull coverage p95 ${round(report.full.p95Ms, 0)} ms ${verdict} the ${TARGET_MS} ms target.`);
    console.log(
      `national figures (synthetic): ${round(report.figures.within10 * 100, 1)} % within 10 km, ${round(report.figures.within20 * 100, 1)} % within 20 km; ` +
        `the ${K} recommended communes reach ${report.figures.recommendedReach.toLocaleString("en")} more people.`,
    );
    mkdirSync(context.resultsDir, { recursive: true });
    const file = join(context.resultsDir, `coverage-${report.date.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`results: ${file}`);
    return file;
  },
};
