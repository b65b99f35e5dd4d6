// The in-memory copy of the reports of one application instance, kept exact by partition versions
// (migration 2026-12-07T1400-stats-partition-versions). Every read first runs the rollup's refresh
// (which gives a new version to every partition whose marks it consumes, whichever instance wrote), then
// reads the highest version BEFORE loading, then reloads the partitions above the last version it saw:
// anything committed after that read has, or will get from a later refresh, a higher version, so it is
// reloaded at the next read. The first read (or the warm-up) loads every non-deleted report.
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import type { Granularity, StatsFilters } from "./statistics.ts";
import { refreshStatsRollup } from "./statistics-rollup.repository.ts";
import type { RawFigures } from "./statistics-shape.ts";
import { memoryFigures } from "./stats-memory-figures.ts";
import { type ParticipantRow, partitionKey, type ReportRow, ReportStore } from "./stats-memory-store.ts";

type Partitions = { month: string; structure_id: string; type: string }[];

const REPORT_COLUMNS = sql`r.id, to_char(date_trunc('month', r.date::timestamp), 'YYYY-MM-DD') as month, r.structure_id, r.type,
  (r.date - date '1970-01-01')::int as day, r.duration_minutes as duration, r.place_type, r.place_id, r.commune_code, r.autonomy, r.oriented,
  r.advisor_id, r.beneficiary_id, r.beneficiary_gender as gender, r.beneficiary_age_band as age_band, r.beneficiary_social_status as social_status,
  r.beneficiary_commune_code as residence, r.themes, r.procedure_areas, r.equipment, r.anonymous_total, r.participants_total, r.anonymous_participants`;

export class StatsMemory {
  private store = new ReportStore();
  /** Highest partition version the copy reflects; null before the first load. */
  private seen: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when the first load found more reports than the limit: nothing is held, every read goes to the base tables. */
  private tooLarge = false;

  /**
   * `maxReports`: the most non-deleted reports this instance copies (~80 MB of arrays per million, and a peak of
   * several hundred MB while loading); above it the copy stays empty, so a national-scale database does not
   * fill a small server's memory.
   */
  constructor(private readonly maxReports = Number.POSITIVE_INFINITY) {}

  /** The figures from the copy brought up to date, or null when the copy cannot answer exactly. */
  async figures(db: Db, f: StatsFilters, granularity: Granularity): Promise<RawFigures | null> {
    // Read at query time, so that a structure changing kind or a commune changing EPCI counts at once.
    const [structureIds, communeCodes] = await Promise.all([
      f.employerKind === null ? null : sql<{ id: string }>`select id from structures where kind = ${f.employerKind}`.execute(db),
      f.epciCode === null ? null : sql<{ code: string }>`select code from communes where epci_code = ${f.epciCode}`.execute(db),
    ]);
    await this.sync(db);
    if (this.tooLarge || this.store.unsupported !== null) return null;
    return memoryFigures(this.store, f, granularity, {
      structureIds: structureIds?.rows.map((s) => s.id) ?? null,
      communeCodes: communeCodes?.rows.map((c) => c.code) ?? null,
    });
  }

  /** Loads or updates the copy now (at start-up, without blocking requests). */
  warmUp(db: Db): Promise<void> {
    return this.sync(db);
  }

  size(): { reports: number; bytes: number; overLimit: boolean } {
    return { reports: this.store.reports(), bytes: this.store.bytes(), overLimit: this.tooLarge };
  }

  /** One update at a time per instance; each read waits for its own (a later write needs a later look). */
  private sync(db: Db): Promise<void> {
    const next = this.queue.then(() => this.update(db));
    this.queue = next.catch(() => {});
    return next;
  }

  private async update(db: Db): Promise<void> {
    await refreshStatsRollup(db);
    const top = await sql<{ version: number }>`select coalesce(max(version), 0)::float8 as version from stats_partition_version`.execute(db);
    const version = top.rows[0]?.version ?? 0;
    if (this.seen === null) await this.loadEverything(db);
    else if (version > this.seen && !this.tooLarge) await this.reload(db, this.seen);
    this.seen = version;
  }

  /** Every non-deleted report, month by month (a month's rows at a time in memory), in one snapshot. */
  private async loadEverything(db: Db): Promise<void> {
    const count = await sql<{ n: number }>`select count(*)::float8 as n from activity_reports where deleted_at is null`.execute(db);
    if ((count.rows[0]?.n ?? 0) > this.maxReports) {
      this.tooLarge = true;
      return;
    }
    // One snapshot for every month: a report moved from one month to another while the copy loads is read once.
    const store = await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const span = await sql<{ first: string | null; last: string | null }>`
          select to_char(min(date), 'YYYY-MM-01') as first, to_char(max(date), 'YYYY-MM-01') as last from activity_reports where deleted_at is null`.execute(trx);
        const loaded = new ReportStore();
        const { first, last } = span.rows[0] ?? { first: null, last: null };
        for (let month = first; month !== null && last !== null && month <= last; month = nextMonth(month)) {
          const range = sql`r.date >= ${month}::date and r.date < ${month}::date + interval '1 month'`;
          loaded.replace([], await reportRows(trx, range), await participantRows(trx, range));
        }
        return loaded;
      });
    store.refreshFirstDays();
    this.store = store;
  }

  /** The partitions whose version is above `after`, replaced whole. */
  private async reload(db: Db, after: number): Promise<void> {
    const changed = await sql<Partitions[number]>`
      select to_char(month, 'YYYY-MM-DD') as month, structure_id, type from stats_partition_version where version > ${after}`.execute(db);
    const list = changed.rows;
    const partition = sql`(date_trunc('month', r.date::timestamp)::date, r.structure_id, r.type) in
      (select * from unnest(${list.map((p) => p.month)}::date[], ${list.map((p) => p.structure_id)}::uuid[], ${list.map((p) => p.type)}::text[]))`;
    const [reports, participants] = await Promise.all([reportRows(db, partition), participantRows(db, partition)]);
    this.store.replace(
      list.map((p) => partitionKey(p.month, p.structure_id, p.type)),
      reports,
      participants,
    );
    this.store.refreshFirstDays();
  }
}

function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

async function reportRows(db: DbOrTx, where: ReturnType<typeof sql>): Promise<ReportRow[]> {
  return (await sql<ReportRow>`select ${REPORT_COLUMNS} from activity_reports r where r.deleted_at is null and ${where}`.execute(db)).rows;
}

async function participantRows(db: DbOrTx, where: ReturnType<typeof sql>): Promise<ParticipantRow[]> {
  return (
    await sql<ParticipantRow>`select p.report_id, p.beneficiary_id, p.gender, p.age_band, p.social_status, p.commune_code
      from activity_participants p join activity_reports r on r.id = p.report_id where r.deleted_at is null and ${where}`.execute(db)
  ).rows;
}

/** The copy of each database handle of this process (set at start-up when the configuration enables it). */
const copies = new WeakMap<object, StatsMemory>();

export function useStatsMemory(db: Db, memory: StatsMemory): StatsMemory {
  copies.set(db, memory);
  return memory;
}

export function statsMemoryOf(db: Db): StatsMemory | undefined {
  return copies.get(db);
}
