import type { ColumnType } from "kysely";

/** How many self-diagnostics were completed on a day (Paris date); never the answers. */
export interface SelfDiagnosticDaysTable {
  day: ColumnType<string, string, never>;
  taken: ColumnType<number, number | undefined, number>;
}
