// Reading the product's pino output (one JSON object per line) for start-up phases and problems.

export interface LogLine {
  level: number | null;
  time: number | null;
  msg: string;
  fields: Record<string, unknown>;
  raw: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parseLine(raw: string): LogLine {
  try {
    const value: unknown = JSON.parse(raw);
    if (isRecord(value)) {
      return {
        level: typeof value.level === "number" ? value.level : null,
        time: typeof value.time === "number" ? value.time : null,
        msg: typeof value.msg === "string" ? value.msg : "",
        fields: value,
        raw,
      };
    }
  } catch {
    // Not JSON: a warning from Node or npm, a stack trace…
  }
  return { level: null, time: null, msg: raw, fields: {}, raw };
}

/** Lines worth a look: pino warn (40) and above, and anything that is not a pino line. */
export function problems(lines: string[]): string[] {
  return lines
    .map(parseLine)
    .filter((l) => l.level === null || l.level >= 40)
    .map((l) => (l.raw.length > 300 ? `${l.raw.slice(0, 300)}…` : l.raw));
}

export interface StartupPhases {
  /** Spawn → the "ready" log line, minus the server's own startupMs: tsx compile + module loading. */
  modulesMs: number | null;
  /** The server's own measure: configuration → database → migrations → territory → demo → listening. */
  runtimeMs: number | null;
  /** Runtime start → the "migrations applied" line (database open + migrations); null when none ran. */
  openAndMigrateMs: number | null;
  migrationsApplied: string[];
  territoryMs: number | null;
  demoMs: number | null;
  /** Everything the ready line said about the instance (database, demo, worker). */
  ready: Record<string, unknown> | null;
}

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Start-up phases from an info-level log, given the wall-clock time of the spawn. */
export function startupPhases(lines: string[], spawnedAt: number): StartupPhases {
  const parsed = lines.map(parseLine);
  const find = (predicate: (l: LogLine) => boolean) => parsed.find(predicate) ?? null;
  const ready = find((l) => num(l.fields.startupMs) !== null);
  const migrations = find((l) => l.msg === "migrations applied");
  const territory = find((l) => l.msg === "territory loaded");
  const demo = find((l) => l.msg === "demo network loaded");
  const runtimeMs = num(ready?.fields.startupMs);
  const readyAt = ready?.time ?? null;
  const modulesMs = readyAt !== null && runtimeMs !== null ? readyAt - spawnedAt - runtimeMs : null;
  // Migrations run first in openRuntime: their line comes after module loading, database open and migrating.
  const runtimeStart = readyAt !== null && runtimeMs !== null ? readyAt - runtimeMs : null;
  const applied = migrations?.fields.applied;
  return {
    modulesMs,
    runtimeMs,
    openAndMigrateMs: migrations?.time != null && runtimeStart !== null ? migrations.time - runtimeStart : null,
    migrationsApplied: Array.isArray(applied) ? applied.filter((a): a is string => typeof a === "string") : [],
    territoryMs: num(territory?.fields.ms),
    demoMs: num(demo?.fields.ms),
    ready: ready ? ready.fields : null,
  };
}
