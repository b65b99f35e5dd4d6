// The searches replayed to prove that precomputed openings give the same answers as the per-result
// evaluation they replaced: a recorded fixture (search-equivalence.fixture.json.gz) of the API's answers on the
// demo data, at clock instants chosen for their traps (a weekday morning, a Saturday evening, Christmas,
// the night of the spring DST change), and the code that replays them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { startTestApp } from "../../../../test/support/app.ts";
import { addDays, toParis } from "../../calendar/paris-time.ts";
import { SERVICES } from "../place-standard.ts";

export const FIXTURE_URL = new URL("./search-equivalence.fixture.json.gz", import.meta.url);

export function readFixture(): Fixture {
  return JSON.parse(gunzipSync(readFileSync(FIXTURE_URL)).toString("utf8")) as Fixture;
}

export const INSTANTS = [
  "2026-12-01T09:30:00Z", // Tuesday 10:30
  "2026-12-05T18:00:00Z", // Saturday 19:00
  "2026-12-25T08:15:00Z", // Christmas, a public holiday
  "2027-03-28T00:30:00Z", // Sunday 01:30, half an hour before clocks go forward
  "2027-03-26T16:45:00Z", // Friday 17:45, the DST weekend ahead
];

/** The answer kept for one search: enough to show any difference a person would notice. */
export interface RecordedAnswer {
  status: number;
  total?: number;
  pages?: number;
  /** slug, distance, next opening start, end and sentence. */
  lieux?: [string, number | null, string | null, string | null, string | null][];
}

export interface Fixture {
  instants: string[];
  /** The demo communes searched from; with an instant, they give the queries (queriesAt). */
  communes: string[];
  /** answers[instant][query] */
  answers: RecordedAnswer[][];
}

/** The queries for one instant, dates relative to it: communes × radii × filters, deterministic. */
export function queriesAt(instant: string, communes: string[]): string[] {
  const today = toParis(new Date(instant)).date;
  const dates = [today, addDays(today, 1), addDays(today, 3), addDays(today, 6)];
  const services = SERVICES.slice(0, 4).map((s) => s.code);
  const out: string[] = [];
  communes.forEach((commune, i) => {
    const base = `commune=${commune}`;
    for (const r of [5, 20, 50]) out.push(`${base}&rayon_km=${r}`);
    out.push(`${base}&rayon_km=30&ouvert=maintenant`);
    out.push(`${base}&rayon_km=100&ouvert=maintenant`);
    for (const d of dates) out.push(`${base}&rayon_km=${[10, 30, 50][i % 3]}&ouvert=${d}`);
    out.push(`${base}&rayon_km=50&service=${services[i % services.length]}`);
    out.push(`${base}&rayon_km=50&service=${services[(i + 1) % services.length]}&ouvert=${dates[i % dates.length]}`);
    out.push(`${base}&rayon_km=100&modalite=${i % 2 ? "sur-rdv" : "sans-rdv"}&ouvert=${dates[(i + 2) % dates.length]}`);
    out.push(`${base}&rayon_km=100&gratuit=1&page=2`);
    out.push(`${base}&rayon_km=100&ouvert=${dates[i % dates.length]}&page=2`);
  });
  out.push("", "page=2", "ouvert=maintenant", `ouvert=${dates[1]}`, `ouvert=${dates[2]}&page=2`);
  out.push("lat=44.2&lon=0.62&rayon_km=10", "lat=44.35&lon=0.35&rayon_km=30&ouvert=maintenant", `lat=44.5&lon=0.2&rayon_km=50&ouvert=${dates[3]}`);
  return out;
}

/** Every demo commune holding a public place, by code. */
export async function demoCommunes(db: import("../../../db/schema.ts").Db): Promise<string[]> {
  const rows = await db.selectFrom("places").select("commune_code").distinct().where("is_public", "=", true).orderBy("commune_code").execute();
  return rows.map((r) => r.commune_code);
}

/** Replays every query at every instant through the API, on a fresh copy of the demo database. */
export async function replay(instants: string[], communesOf?: string[]): Promise<Fixture> {
  const t = await startTestApp({ template: "demo", now: new Date(instants[0] as string) });
  try {
    const communes = communesOf ?? (await demoCommunes(t.handle.db));
    const answers: RecordedAnswer[][] = [];
    for (const instant of instants) {
      t.clock.now = new Date(instant);
      const list = queriesAt(instant, communes);
      const row: RecordedAnswer[] = [];
      for (const q of list) {
        const response = await t.app.inject({ url: `/api/v1/lieux?${q}` });
        assert.ok(response.statusCode === 200 || response.statusCode === 400, `${q}: ${response.statusCode} ${response.body}`);
        if (response.statusCode !== 200) {
          row.push({ status: response.statusCode });
          continue;
        }
        const body = response.json() as {
          total: number;
          pages: number;
          lieux: { slug: string; distance_km: number | null; prochaine_ouverture: { debut: string; fin: string; texte: string } | null }[];
        };
        row.push({
          status: 200,
          total: body.total,
          pages: body.pages,
          lieux: body.lieux.map((p) => [
            p.slug,
            p.distance_km,
            p.prochaine_ouverture?.debut ?? null,
            p.prochaine_ouverture?.fin ?? null,
            p.prochaine_ouverture?.texte ?? null,
          ]),
        });
      }
      answers.push(row);
    }
    return { instants, communes, answers };
  } finally {
    await t.close();
  }
}
